"""The demo's exhibitions: the October 2023 exhibition at Sunrise Mall with its booths, exhibitors, sales, visitors and
leads, and one upcoming exhibition with its call open."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.utils import timezone

from canting.core.models import User
from canting.exhibitions import demo
from canting.exhibitions.models import (
    Booth,
    BoothAssignment,
    Exhibition,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    Sale,
    VisitorCount,
)
from canting.exhibitions.views.reports import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


@pytest.fixture
def sunrise(loaded: Any) -> Exhibition:
    return Exhibition.objects.get(name_ind="Pameran Batik Kota Mojokerto")


def test_the_october_2023_exhibition_at_sunrise_mall(sunrise: Exhibition) -> None:
    assert (sunrise.venue, sunrise.area_id, sunrise.kind, sunrise.organised_by_city) == (
        "Sunrise Mall",
        "35.76",
        "local",
        True,
    )
    assert (sunrise.starts_on, sunrise.ends_on) == (datetime.date(2023, 10, 6), datetime.date(2023, 10, 10))
    assert sunrise.budget > 0
    assert sunrise.booths.count() == demo.BOOTHS
    selected = sunrise.exhibitors.filter(status=ExhibitorStatus.SELECTED)
    assert 15 <= selected.count() <= 20
    # every selected exhibitor holds a booth for the five days, and sells something
    assert not selected.exclude(assignments__active=True).exists()
    assert not selected.exclude(sales__isnull=False).exists()
    days = list(VisitorCount.objects.filter(exhibition=sunrise).values_list("day", flat=True))
    assert days == [datetime.date(2023, 10, 6) + datetime.timedelta(days=n) for n in range(5)]


def test_no_booth_is_doubly_assigned(sunrise: Exhibition) -> None:
    clash = BoothAssignment.objects.filter(
        booth=OuterRef("booth"), active=True, starts_on__lte=OuterRef("ends_on"), ends_on__gte=OuterRef("starts_on")
    ).exclude(pk=OuterRef("pk"))
    active = BoothAssignment.objects.filter(active=True, booth__exhibition=sunrise)
    assert active.count() == sunrise.exhibitors.filter(status=ExhibitorStatus.SELECTED).count()
    assert not active.filter(Exists(clash)).exists()
    assert not Exhibitor.objects.filter(assignments__active=True).annotate(n=Count("assignments")).filter(n__gt=1)


def test_sales_are_plausible(sunrise: Exhibition) -> None:
    sales = Sale.objects.filter(exhibitor__exhibition=sunrise)
    assert sales.count() > 100
    assert set(sales.values_list("payment", flat=True)) == {"cash", "qris", "transfer", "card"}
    assert sales.filter(product__isnull=False).count() > sales.filter(product__isnull=True).count() > 0
    assert not sales.exclude(day__range=(sunrise.starts_on, sunrise.ends_on)).exists()
    # products sold are the exhibitor's own
    assert (
        not sales.filter(product__isnull=False).exclude(product__enterprise_id=F("exhibitor__enterprise_id")).exists()
    )


def test_the_report_totals_equal_the_sales(sunrise: Exhibition) -> None:
    staff = User.objects.get(username="petugas")
    report = build(sunrise, staff)
    sums = Sale.objects.filter(exhibitor__exhibition=sunrise).aggregate(amount=Sum("amount"), pieces=Sum("quantity"))
    assert (report.total.amount, report.total.pieces) == (sums["amount"], sums["pieces"])
    assert sum(r.total.amount for r in report.rows) == sum(f.amount for f in report.day_totals) == sums["amount"]
    assert report.cost_per_rupiah is not None and report.cost_per_rupiah > Decimal(0)


def test_a_dozen_leads_from_home_and_abroad(sunrise: Exhibition) -> None:
    leads = Lead.objects.filter(exhibition=sunrise)
    assert leads.count() == 12
    assert {"JP", "AU", "NL", "US", "MY", "ID"} == set(leads.values_list("country", flat=True))
    assert leads.filter(exhibitor__isnull=True).exists()
    assert leads.filter(products__isnull=False).exists()


def test_one_upcoming_exhibition_with_its_call_open(loaded: Any) -> None:
    today = timezone.localdate()
    upcoming = Exhibition.objects.get(starts_on__gt=today)
    assert upcoming.application_deadline is not None and today < upcoming.application_deadline < upcoming.starts_on
    assert upcoming.starts_on < today + datetime.timedelta(days=200)
    assert upcoming.exhibitors.filter(status=ExhibitorStatus.APPLIED).count() == 5
    assert Booth.objects.filter(exhibition=upcoming).count() == 12
