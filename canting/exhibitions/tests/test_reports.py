"""An exhibition's report: its totals equal the sum of the sales (per exhibitor, per day, overall), on the page, in
the workbook and in the PDF; only the office's staff of the exhibition's region may read it."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.catalogue.tests.factories import MotifFactory, ProductFactory
from canting.core.testing import staff_user
from canting.exhibitions import selectors
from canting.exhibitions.models import BoothAssignment, Lead, Sale, VisitorCount
from canting.exhibitions.tests.factories import BoothFactory, ExhibitionFactory, ExhibitorFactory, SaleFactory
from canting.exhibitions.views.reports import build

pytestmark = pytest.mark.django_db

DAY1 = datetime.date(2023, 10, 6)
DAY2, DAY3 = DAY1 + datetime.timedelta(days=1), DAY1 + datetime.timedelta(days=2)


@pytest.fixture
def client(client: Client, settings: Any) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages in English, as the assertions are
    return client


@pytest.fixture
def crafted(staff: Any) -> dict[str, Any]:
    """Two exhibitors, five sales over three of five days, two visitor counts, three leads, and noise elsewhere."""
    exhibition = ExhibitionFactory(name="Pameran Uji", budget=Decimal(10_000_000))
    sekar = ExhibitorFactory(exhibition=exhibition, enterprise__name="Batik Sekar")
    wijaya = ExhibitorFactory(exhibition=exhibition, enterprise__name="Batik Wijaya")
    for exhibitor, code in ((sekar, "A1"), (wijaya, "A2")):
        booth = BoothFactory(exhibition=exhibition, code=code, price=Decimal(500_000))
        BoothAssignment.objects.create(
            booth=booth, exhibitor=exhibitor, starts_on=DAY1, ends_on=DAY1 + datetime.timedelta(days=4)
        )
    spare = BoothFactory(exhibition=exhibition, code="A3", price=Decimal(400_000))
    BoothAssignment.objects.create(booth=spare, exhibitor=sekar, starts_on=DAY1, ends_on=DAY1, active=False)
    surya, teratai = (
        MotifFactory(name_ind="Surya Majapahit", name_en="Surya Majapahit"),
        MotifFactory(name_ind="Teratai", name_en="Lotus"),
    )
    tulis = ProductFactory(enterprise=sekar.enterprise, technique="tulis", motifs=[surya])
    cap = ProductFactory(enterprise=wijaya.enterprise, technique="cap", motifs=[surya, teratai])
    rows = [
        (sekar, DAY1, tulis, 1, 750_000, "cash"),
        (sekar, DAY1, None, 2, 30_000, "qris"),
        (sekar, DAY3, tulis, 2, 1_400_000, "qris"),
        (wijaya, DAY2, cap, 3, 450_000, "card"),
        (wijaya, DAY3, cap, 1, 150_000, "cash"),
    ]
    for exhibitor, day, product, quantity, amount, payment in rows:
        Sale.objects.create(
            exhibitor=exhibitor, day=day, product=product, description="" if product else "Masker batik",
            quantity=quantity, amount=Decimal(amount), payment=payment,
        )  # fmt: skip
    SaleFactory(amount=Decimal(9_999_000))  # another exhibition's
    VisitorCount.objects.create(exhibition=exhibition, day=DAY1, visitors=100)
    VisitorCount.objects.create(exhibition=exhibition, day=DAY2, visitors=200)
    for country, name in (("JP", "Haruka"), ("JP", "Kenji"), ("ID", "Budi")):
        Lead.objects.create(exhibition=exhibition, exhibitor=sekar, name=name, country=country, email="b@example.id")
    return {"exhibition": exhibition, "sekar": sekar, "wijaya": wijaya}


def test_totals_equal_the_sum_of_the_sales(crafted: dict[str, Any], staff: Any) -> None:
    # When the report is gathered
    report = build(crafted["exhibition"], staff)
    # Then overall, per exhibitor and per day the totals are the sums of the sales
    assert report.total == selectors.Figures(pieces=9, amount=Decimal(2_780_000), sales=5)
    assert [(r.name, r.booths, r.total.amount, r.total.pieces) for r in report.rows] == [
        ("Batik Sekar", ["A1"], Decimal(2_180_000), 5),
        ("Batik Wijaya", ["A2"], Decimal(600_000), 4),
    ]
    assert report.days == [DAY1 + datetime.timedelta(days=n) for n in range(5)]
    assert [f.amount for f in report.day_totals] == [780_000, 450_000, 1_550_000, 0, 0]
    assert [c.amount if c else None for c in report.rows[0].cells] == [780_000, None, 1_400_000, None, None]
    assert [c.amount if c else None for c in report.rows[1].cells] == [None, 450_000, 150_000, None, None]
    # and the cross table adds up the same both ways
    assert sum(r.total.amount for r in report.rows) == sum(f.amount for f in report.day_totals) == report.total.amount


def test_payments_motifs_techniques_visitors_leads_and_cost(crafted: dict[str, Any], staff: Any) -> None:
    report = build(crafted["exhibition"], staff)
    assert [(code, f.sales, f.pieces, f.amount) for code, _label, f in report.by_payment] == [
        ("cash", 2, 2, 900_000),
        ("qris", 2, 4, 1_430_000),
        ("card", 1, 3, 450_000),
    ]
    # A product with two motifs counts for both.
    assert [(m.label, m.pieces, m.amount) for m in report.motifs] == [
        ("Surya Majapahit", 7, 2_750_000),
        ("Lotus", 4, 600_000),
    ]
    assert [(t.key, t.label, t.pieces, t.amount) for t in report.techniques] == [
        ("tulis", "Batik tulis (hand-drawn)", 3, 2_150_000),
        ("cap", "Batik cap (stamped)", 4, 600_000),
        ("", "Not from the catalogue", 2, 30_000),
    ]
    assert [line.visitors for line in report.by_day] == [100, 200, None, None, None]
    assert (report.visitors, report.leads) == (300, 3)
    assert report.leads_by_country == [("JP", "Japan", 2), ("ID", "Indonesia", 1)]
    # Booth fees: the two booths let (the inactive assignment's booth is not); 10,000,000 / 2,780,000 = 3.597...
    assert report.booth_income == 1_000_000
    assert (report.cost_per_rupiah, report.net_cost_per_rupiah) == (Decimal("3.60"), Decimal("3.24"))


def test_no_sales_gives_no_cost_per_rupiah(staff: Any) -> None:
    report = build(ExhibitionFactory(budget=Decimal(5_000_000)), staff)
    assert (report.total, report.rows, report.cost_per_rupiah) == (selectors.Figures(), [], None)


def test_the_page_shows_the_totals_in_few_queries(
    crafted: dict[str, Any], staff: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("exhibitions:report", args=[crafted["exhibition"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="total-amount">IDR 2,780,000<' in html
    assert 'data-testid="total-pieces">9<' in html
    assert 'data-testid="cost-per-rupiah">3.60<' in html


def test_the_workbook_holds_the_totals(crafted: dict[str, Any], staff: Any, client: Client) -> None:
    client.force_login(staff)
    response = client.get(reverse("exhibitions:report", args=[crafted["exhibition"].pk]) + "?format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert (summary["Total sales (Rp)"], summary["Pieces sold"], summary["Visitors"]) == (2_780_000, 9, 300)
    grid = list(book["Sales by exhibitor and day"].iter_rows(values_only=True))
    assert grid[1] == ("Batik Sekar", "A1", 780_000, 0, 1_400_000, 0, 0, 2_180_000, 5)
    assert grid[-1] == ("Total", None, 780_000, 450_000, 1_550_000, 0, 0, 2_780_000, 9)


def test_the_pdf_shows_the_total(crafted: dict[str, Any], staff: Any, client: Client) -> None:
    client.force_login(staff)
    response = client.get(reverse("exhibitions:report-pdf", args=[crafted["exhibition"].pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(  # noqa: S603 -- a fixed local tool reading the PDF the test just made
        [pdftotext, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Pameran Uji" in text
    assert "Total sales" in text and "IDR 2,780,000" in text
    assert "Surya Majapahit" in text and "Japan" in text


def test_staff_of_another_region_and_artisans_cannot_read_it(
    crafted: dict[str, Any], artisan: Any, client: Client
) -> None:
    url = reverse("exhibitions:report", args=[crafted["exhibition"].pk])
    client.force_login(staff_user("sari", area="35.15.01"))
    assert client.get(url).status_code == 404
    assert client.get(reverse("exhibitions:report-pdf", args=[crafted["exhibition"].pk])).status_code == 404
    client.force_login(artisan)
    assert client.get(url).status_code == 403
