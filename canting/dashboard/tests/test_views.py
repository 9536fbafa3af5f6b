"""The staff dashboard, its drill-downs and exports, and the public figures page, on the crafted dataset."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.core.testing import make_user, staff_user
from canting.dashboard.drill import DRILLS, drill_total
from canting.dashboard.selectors import Scope, kpis
from canting.dashboard.tests.dataset import MOJOKERTO, build

pytestmark = pytest.mark.django_db
MARCH = {"year": "2025", "month": "3"}
STAFF_PAGES = ("dashboard:home", "dashboard:export-xlsx", "dashboard:export-pdf")


@pytest.fixture
def data() -> dict[str, Any]:
    return build()


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_dashboard_shows_the_kpis_of_the_staffs_area(data: dict[str, Any], staff: Any) -> None:
    response = signed_in(staff).get(reverse("dashboard:home"), MARCH)
    assert response.status_code == 200
    assert response.context["k"] == MOJOKERTO
    page = response.content.decode()
    assert "IDR 850" in page  # turnover year to date, in the reader's locale
    assert "IDR 101,000" not in page and "Batik Sidoarjo" not in page
    assert 'href="/dashboard/drill/turnover-ytd/?year=2025&amp;month=3"' in page
    assert "chart.umd.min.js" in page


def test_an_officer_kept_to_one_centre_reads_its_figures_only(data: dict[str, Any]) -> None:
    officer = make_user("tono", "staff", area_id="35.76", centre=data["c1"])

    response = signed_in(officer).get(reverse("dashboard:home"), MARCH)

    assert response.context["k"]["turnover_ytd"] == Decimal(450)  # e1's, the centre's one enterprise
    assert [str(c) for c in response.context["form"].fields["centre"].queryset] == ["Sentra Uji"]
    assert "All centres" not in response.content.decode()
    drill = signed_in(officer).get(reverse("dashboard:drill", args=["turnover-ytd"]), MARCH)
    assert [row["ename"] for row in drill.context["object_list"]] == ["Batik Satu"]


def test_staff_of_another_region_do_not_see_mojokerto(data: dict[str, Any]) -> None:
    sidoarjo = staff_user("sari", area="35.15.01")
    response = signed_in(sidoarjo).get(reverse("dashboard:home"), MARCH)
    assert response.context["k"]["turnover_ytd"] == Decimal(101000)
    # an area outside theirs is not a choice: the filters fall back to their whole area
    response = signed_in(sidoarjo).get(reverse("dashboard:home"), {**MARCH, "area": "35.76"})
    assert response.context["form"].errors
    assert response.context["k"]["turnover_ytd"] == Decimal(101000)
    drill = signed_in(sidoarjo).get(reverse("dashboard:drill", args=["turnover-ytd"]), {**MARCH, "area": "35.76"})
    assert [row["ename"] for row in drill.context["object_list"]] == ["Batik Sidoarjo"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_other_roles_are_refused_the_staff_pages(name: str, personas: dict[str, Any]) -> None:
    for role in ("artisan", "other_artisan", "assessor"):
        assert signed_in(personas[role]).get(reverse(name), MARCH).status_code == 403
    response = Client().get(reverse(name), MARCH)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_drill_down_refuses_other_roles_and_unknown_kpis(personas: dict[str, Any]) -> None:
    url = reverse("dashboard:drill", args=["turnover-ytd"])
    assert signed_in(personas["artisan"]).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert signed_in(personas["staff"]).get(reverse("dashboard:drill", args=["nothing"])).status_code == 404


@pytest.mark.parametrize(
    ("slug", "key"),
    [
        ("turnover-month", "turnover_month"),
        ("turnover-ytd", "turnover_ytd"),
        ("turnover-previous", "turnover_ytd_previous"),
        ("export-month", "export_month"),
        ("export-ytd", "export_ytd"),
        ("pieces", "pieces_ytd"),
        ("compliance", "reports_filed"),
        ("class-moves", "class_moves_ytd"),
        ("batikmark", "batikmark_holders"),
        ("sni", "sni_holders"),
        ("trained", "people_trained_ytd"),
        ("certified", "people_certified_ytd"),
    ],
)
def test_each_drill_down_adds_up_to_its_kpi(slug: str, key: str, data: dict[str, Any], staff: Any) -> None:
    scope = Scope(2025, 3)
    assert drill_total(DRILLS[slug], scope, staff) == kpis(scope, staff)[key] == MOJOKERTO[key]


def test_the_workers_and_classes_drill_downs_add_up(data: dict[str, Any], staff: Any) -> None:
    scope = Scope(2025, 3)
    assert drill_total(DRILLS["workers"], scope, staff) == MOJOKERTO["workers_men"] + MOJOKERTO["workers_women"]
    assert drill_total(DRILLS["classes"], scope, staff) == 3
    assert drill_total(DRILLS["compliance"], scope, staff) == 2


def test_the_drill_down_page_lists_the_enterprises_with_their_part(data: dict[str, Any], staff: Any) -> None:
    response = signed_in(staff).get(reverse("dashboard:drill", args=["turnover-ytd"]), MARCH)
    rows = [(row["ename"], row["part"]) for row in response.context["object_list"]]
    assert rows == [("Batik Satu", Decimal(450)), ("Batik Dua", Decimal(400))]
    assert response.context["sum"] == Decimal(850)
    by_name = signed_in(staff).get(reverse("dashboard:drill", args=["turnover-ytd"]), {**MARCH, "ordering": "name"})
    assert [row["ename"] for row in by_name.context["object_list"]] == ["Batik Dua", "Batik Satu"]
    compliance = signed_in(staff).get(reverse("dashboard:drill", args=["compliance"]), {**MARCH, "ordering": "name"})
    states = [(row["ename"], row["part"], row["note_text"]) for row in compliance.context["object_list"]]
    assert states == [("Batik Dua", 1, "Submitted"), ("Batik Lima", 0, "Draft"), ("Batik Satu", 1, "Accepted")]


def test_the_drill_down_exports_its_rows(data: dict[str, Any], staff: Any) -> None:
    response = signed_in(staff).get(reverse("dashboard:drill", args=["export-ytd"]), {**MARCH, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Enterprise", "Kelurahan", "Export (Rp)"],
        ["Batik Satu", "Gununggedangan", 50],
    ]


def test_the_workbook_holds_the_kpis_and_series(data: dict[str, Any], staff: Any) -> None:
    response = signed_in(staff).get(reverse("dashboard:export-xlsx"), MARCH)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["KPIs", "Monthly series", "By technique", "By kelurahan"]
    figures = {row[0]: row[1] for row in book["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert figures["Turnover, year to date"] == 850
    assert figures["Turnover in the month"] == 350
    assert figures["Growth against last year"] == 325
    assert figures["Reporting compliance"] == 66.7
    assert figures["PP 7/2021: Small (kecil)"] == 1
    series = list(book["Monthly series"].iter_rows(min_row=2, values_only=True))
    assert len(series) == 24
    assert series[-1][1:4] == (300, 50, 350)
    assert list(book["By kelurahan"].iter_rows(min_row=2, values_only=True)) == [
        ("35.76.02.1001", "Gununggedangan", 450),
        ("35.76.03.1002", "Miji", 400),
    ]


def test_the_pdf_report_shows_the_turnover_total(data: dict[str, Any], staff: Any) -> None:
    response = signed_in(staff).get(reverse("dashboard:export-pdf"), MARCH)
    assert response["Content-Type"] == "application/pdf"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(  # noqa: S603 -- a fixed local tool reading the PDF the test just made
        [pdftotext, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Turnover, year to date" in text
    assert "IDR 850" in text
    assert "Gununggedangan" in text
    assert "Batik Sidoarjo" not in text


def test_the_dashboard_query_count_is_pinned(
    data: dict[str, Any], staff: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(staff)
    with django_assert_max_num_queries(21):
        client.get(reverse("dashboard:home"), MARCH)
    with django_assert_max_num_queries(9):
        client.get(reverse("dashboard:drill", args=["turnover-ytd"]), MARCH)


def test_the_public_figures_show_aggregates_only(data: dict[str, Any]) -> None:
    response = Client().get("/en/figures/")
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["figures"].enterprises == 5  # registered: active and inactive, not applicants
    for enterprise in ("e1", "e2", "e3", "e4", "e5"):
        assert data[enterprise].name not in page
    assert "Sentra Uji" not in page
    assert Client().get("/id/").status_code in (200, 302)


def test_the_dashboard_shows_exports_shipped_in_its_scope_by_destination(data: dict[str, Any], staff: Any) -> None:
    import datetime

    from canting.registry.models import Enterprise
    from canting.trade.tests.factories import ExportOrderFactory, OrderLineFactory

    def shipped(name: str, country: str, day: datetime.date, price: str) -> None:
        enterprise = Enterprise.objects.get(name=name)
        order = ExportOrderFactory(
            enterprise=enterprise, buyer__country=country, status="shipped", shipped_on=day, exchange_rate=16000
        )
        OrderLineFactory(order=order, quantity=Decimal(10), unit_price=Decimal(price))

    shipped("Batik Satu", "JP", datetime.date(2025, 2, 10), "100.00")  # Rp 16,000,000
    shipped("Batik Dua", "JP", datetime.date(2025, 3, 31), "50.00")  # Rp 8,000,000
    shipped("Batik Satu", "NL", datetime.date(2025, 1, 2), "10.00")  # Rp 1,600,000
    shipped("Batik Satu", "US", datetime.date(2025, 4, 1), "999.00")  # after the period
    shipped("Batik Sidoarjo", "AU", datetime.date(2025, 2, 1), "999.00")  # another region

    response = signed_in(staff).get(reverse("dashboard:home"), MARCH)

    figures = response.context["export_figures"]
    assert [(c.country, c.orders, c.value) for c in figures.countries] == [
        ("JP", 2, Decimal(24_000_000)),
        ("NL", 1, Decimal(1_600_000)),
    ]
    assert figures.total == Decimal(25_600_000)
    page = response.content.decode()
    assert 'data-testid="exports"' in page and "Japan" in page and "Australia" not in page
