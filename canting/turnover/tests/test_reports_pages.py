"""The report pages: the artisan's short form and list, the office's list (bulk accept, xlsx), detail (accept,
return with reason) and late list. Query counts of the lists are pinned."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover import suggestions
from canting.turnover.models import ReportReminder, ReportState, TurnoverReport
from canting.turnover.services import reports as services
from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # messages are asserted in English, the source language
    return client


def test_the_artisan_files_last_month_from_the_form(artisan: Any, enterprise: Any) -> None:
    month = services.last_month()
    TurnoverReportFactory(
        enterprise=enterprise, month=services.add_months(month, -1), domestic_sales=Decimal(7_000_000)
    )
    page = signed_in(artisan).get(f"/turnover/enterprises/{enterprise.pk}/new/?month={month:%Y-%m}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="pieces_tulis"' in html and 'name="pieces_cap"' not in html  # it makes tulis only
    assert html.count('inputmode="numeric"') == 6  # 2 sales, 1 technique, 2 workers, material costs
    assert re.search(r"7[.,]000[.,]000", html)  # last month's figure beside the field
    answer = signed_in(artisan).post(
        f"/turnover/enterprises/{enterprise.pk}/new/?month={month:%Y-%m}",
        {"domestic_sales": "8500000", "export_sales": "", "pieces_tulis": "12", "workers_men": "1",
         "workers_women": "4", "action": "submit"},
    )  # fmt: skip
    report = TurnoverReport.objects.get(enterprise=enterprise, month=month)
    assert answer.status_code == 302 and answer["Location"] == f"/turnover/reports/{report.pk}/"
    assert (report.state, report.domestic_sales, report.export_sales, report.pieces_tulis, report.workers_women) == (
        ReportState.SUBMITTED, Decimal(8_500_000), Decimal(0), 12, 4,
    )  # fmt: skip


def test_a_second_report_through_the_form_is_refused_with_the_message(staff: Any, enterprise: Any) -> None:
    TurnoverReportFactory(enterprise=enterprise, month=datetime.date(2025, 2, 1), state=ReportState.ACCEPTED)
    url = f"/turnover/enterprises/{enterprise.pk}/new/?month=2025-02"
    assert signed_in(staff).get(url).status_code == 302  # to the existing report
    answer = signed_in(staff).post(url, {"domestic_sales": "1", "action": "draft"})
    assert answer.status_code == 200
    assert "This enterprise already has a report for this month." in answer.content.decode()
    assert TurnoverReport.objects.count() == 1


def test_suggestions_from_a_registered_provider_are_offered_with_a_use_button(artisan: Any, enterprise: Any) -> None:
    def exhibition_sales(e: Any, month: datetime.date) -> list[suggestions.Suggestion]:
        return [
            suggestions.Suggestion("domestic_sales", Decimal(2_750_000), "Pameran Majapahit", "/exhibitions/1/"),
            suggestions.Suggestion("not_a_field", 1, "ignored"),
        ]

    suggestions.register(exhibition_sales)
    try:
        found = suggestions.suggestions_for(enterprise, datetime.date(2025, 3, 1))
        html = signed_in(artisan).get(f"/turnover/enterprises/{enterprise.pk}/new/?month=2025-03").content.decode()
    finally:
        suggestions.unregister(exhibition_sales)
    assert list(found) == ["domestic_sales"]
    assert "Pameran Majapahit" in html
    assert 'data-fill="id_domestic_sales" data-value="2750000"' in html
    assert exhibition_sales not in suggestions.providers()


def test_a_failing_provider_leaves_the_form_working(enterprise: Any) -> None:
    def broken(e: Any, month: datetime.date) -> list[suggestions.Suggestion]:
        raise RuntimeError("down")

    suggestions.register(broken)
    try:
        assert suggestions.suggestions_for(enterprise, datetime.date(2025, 3, 1)) == {}
    finally:
        suggestions.unregister(broken)


def test_an_artisan_cannot_accept_return_or_bulk_accept_by_url(artisan: Any, enterprise: Any) -> None:
    report = TurnoverReportFactory(enterprise=enterprise, state=ReportState.SUBMITTED)
    client = signed_in(artisan)
    assert client.post(f"/turnover/reports/{report.pk}/accept/").status_code == 403
    assert client.post(f"/turnover/reports/{report.pk}/return/", {"reason": "x"}).status_code == 403
    assert client.post("/turnover/accept/", {"reports": [report.pk]}).status_code == 403
    report.refresh_from_db()
    assert (report.state, report.return_reason) == (ReportState.SUBMITTED, "")


def test_the_other_artisan_gets_404_for_another_enterprises_report(other_artisan: Any, enterprise: Any) -> None:
    report = TurnoverReportFactory(enterprise=enterprise, state=ReportState.DRAFT)
    client = signed_in(other_artisan)
    assert client.get(f"/turnover/reports/{report.pk}/").status_code == 404
    assert client.post(f"/turnover/reports/{report.pk}/edit/", {"domestic_sales": "1"}).status_code == 404
    assert client.post(f"/turnover/reports/{report.pk}/submit/").status_code == 404
    assert client.post(f"/turnover/enterprises/{enterprise.pk}/new/?month=2025-01", {}).status_code == 404
    report.refresh_from_db()
    assert (report.state, TurnoverReport.objects.count()) == (ReportState.DRAFT, 1)


def test_staff_return_with_a_reason_and_the_artisan_reads_it(staff: Any, artisan: Any, enterprise: Any) -> None:
    report = TurnoverReportFactory(enterprise=enterprise, state=ReportState.SUBMITTED)
    empty = signed_in(staff).post(f"/turnover/reports/{report.pk}/return/", {"reason": ""})
    assert empty.status_code == 200 and list(empty.context["return_form"].errors) == ["reason"]
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    answer = signed_in(staff).post(f"/turnover/reports/{report.pk}/return/", {"reason": "Jumlah pekerja tertukar."})
    assert answer.status_code == 302
    page = signed_in(artisan).get(f"/turnover/reports/{report.pk}/").content.decode()
    assert "Jumlah pekerja tertukar." in page
    mine = signed_in(artisan).get(f"/turnover/reports/{report.pk}/edit/").content.decode()
    assert "Jumlah pekerja tertukar." in mine


def test_staff_see_who_filed_on_behalf_and_the_history(staff: Any, enterprise: Any) -> None:
    report = services.create_report(actor=staff, enterprise=enterprise, month=datetime.date(2025, 1, 1), data={})
    html = signed_in(staff).get(f"/turnover/reports/{report.pk}/").content.decode()
    assert "Filed on behalf by Rina" in html
    assert "turnover.report.created" in html


def test_bulk_accept_from_the_list(staff: Any, enterprise: Any, other_enterprise: Any) -> None:
    a = TurnoverReportFactory(enterprise=enterprise, state=ReportState.SUBMITTED)
    b = TurnoverReportFactory(enterprise=other_enterprise, state=ReportState.SUBMITTED)
    answer = signed_in(staff).post("/turnover/accept/", {"reports": [a.pk, b.pk], "next": "/turnover/?state=submitted"})
    assert answer["Location"] == "/turnover/?state=submitted"
    assert set(TurnoverReport.objects.values_list("state", flat=True)) == {ReportState.ACCEPTED}


def test_the_list_pins_its_queries_and_exports_what_it_shows(
    staff: Any, enterprise: Any, other_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    for month in range(1, 13):
        TurnoverReportFactory(enterprise=enterprise, month=datetime.date(2024, month, 1), state=ReportState.SUBMITTED)
        TurnoverReportFactory(enterprise=other_enterprise, month=datetime.date(2024, month, 1))
    client = signed_in(staff)
    with django_assert_max_num_queries(8):
        page = client.get("/turnover/?ordering=enterprise")
    assert page.status_code == 200 and len(page.context["object_list"]) == 24
    assert page.content.decode().count('name="reports"') == 12
    filtered = client.get("/turnover/?state=submitted&month=2024-03")
    assert [r.enterprise.name for r in filtered.context["object_list"]] == ["Batik Sekar Uji"]
    sheet = load_workbook(io.BytesIO(client.get("/turnover/?format=xlsx&month=2024-03").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [("2024-03", "Batik Lain", 10000000),
                                                      ("2024-03", "Batik Sekar Uji", 10000000)]  # fmt: skip


def test_the_artisan_cannot_open_the_list_or_its_export(artisan: Any, enterprise: Any) -> None:
    TurnoverReportFactory(enterprise=enterprise)
    assert signed_in(artisan).get("/turnover/?format=xlsx").status_code == 403


def test_my_turnover_lists_the_months_due_and_history(
    artisan: Any, enterprise: Any, other_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    last = services.last_month()
    before = services.add_months(last, -1)
    Enterprise.objects.filter(pk=enterprise.pk).update(created_at=timezone.now())  # registered this month
    TurnoverReportFactory(enterprise=enterprise, month=before, state=ReportState.RETURNED, return_reason="Cek lagi")
    TurnoverReportFactory(enterprise=other_enterprise, month=last, domestic_sales=Decimal(99_999_999))
    client = signed_in(artisan)
    with django_assert_max_num_queries(6):
        page = client.get("/turnover/mine/")
    due = page.context["due"]
    assert [(month, r.state if r else None) for month, r in due] == [(last, None), (before, "returned")]
    assert not re.search(r"99[.,]999[.,]999", page.content.decode())  # never another enterprise's figures
    assert 'data-testid="file-last-month"' in page.content.decode()


def test_the_late_list_shows_who_has_not_filed(
    staff: Any, enterprise: Any, other_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    month = datetime.date(2025, 3, 1)
    TurnoverReportFactory(enterprise=other_enterprise, month=month, state=ReportState.SUBMITTED)
    draft_only = EnterpriseFactory(name="Batik Draf")
    TurnoverReportFactory(enterprise=draft_only, month=month, state=ReportState.DRAFT)
    EnterpriseFactory(name="Batik Tutup", status="inactive")
    EnterpriseFactory(name="Batik Sidoarjo", village_id="35.15.01.2001")  # outside Rina's area
    ReportReminder.objects.create(enterprise=enterprise, month=month, recipients=1)
    client = signed_in(staff)
    with django_assert_max_num_queries(8):
        page = client.get("/turnover/late/?month=2025-03")
    rows = [(e.name, e.report_state, bool(e.reminded_at)) for e in page.context["object_list"]]
    assert rows == [("Batik Draf", "draft", False), ("Batik Sekar Uji", None, True)]
    assert f"/turnover/enterprises/{enterprise.pk}/new/?month=2025-03" in page.content.decode()
    sheet = load_workbook(io.BytesIO(signed_in(staff).get("/turnover/late/?month=2025-03&format=xlsx").content)).active
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Batik Draf", "Batik Sekar Uji"]


def test_an_enterprise_registered_after_the_month_is_not_late_for_it(staff: Any, enterprise: Any) -> None:
    """Registered, or imported, in May: not late for April, late for May, and April's compliance is not lowered."""
    from canting.dashboard.selectors import Scope, kpis

    april, may = datetime.date(2025, 4, 1), datetime.date(2025, 5, 1)
    TurnoverReportFactory(enterprise=enterprise, month=april, state=ReportState.ACCEPTED)
    newcomer = EnterpriseFactory(name="Batik Baru", registered_at=timezone.make_aware(datetime.datetime(2025, 5, 20)))
    client = signed_in(staff)
    assert [e.name for e in client.get("/turnover/late/?month=2025-04").context["object_list"]] == []
    late_in_may = [e.name for e in client.get("/turnover/late/?month=2025-05").context["object_list"]]
    assert late_in_may == ["Batik Baru", "Batik Sekar Uji"]
    figures = kpis(Scope(year=2025, month=4, area="35.76"))
    assert (figures["reports_due"], figures["reports_filed"], figures["compliance_pct"]) == (1, 1, Decimal(100))
    assert services.late_enterprises(may).filter(pk=newcomer.pk).exists()
