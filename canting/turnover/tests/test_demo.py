"""The demo's 24 months of turnover: the centre's reported rise from 786 to 5,477 pieces a year, with late and
returned reports, and monthly totals that add up to the accepted reports."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count, F, Sum
from django.utils import timezone

from canting.core.dates import add_months
from canting.registry.models import Enterprise
from canting.turnover.models import (
    FIGURE_FIELDS,
    ClassRecord,
    Graduation,
    MonthlyTotal,
    ReportState,
    TurnoverReport,
)

pytestmark = pytest.mark.django_db

PIECES = F("pieces_tulis") + F("pieces_cap") + F("pieces_kombinasi") + F("pieces_tiruan")


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


def _months() -> list[Any]:
    first = add_months(timezone.localdate().replace(day=1), -24)
    return [add_months(first, m) for m in range(24)]


def test_24_months_before_this_one_rise_from_786_to_5477_pieces(loaded: Any) -> None:
    months = _months()

    assert sorted(set(TurnoverReport.objects.values_list("month", flat=True))) == months
    accepted = TurnoverReport.objects.filter(state=ReportState.ACCEPTED)
    first_year = accepted.filter(month__in=months[:12]).aggregate(n=Sum(PIECES))["n"]
    last_year = accepted.filter(month__in=months[12:]).aggregate(n=Sum(PIECES))["n"]
    assert 786 * 0.9 <= first_year <= 786 * 1.1
    assert 5_477 * 0.9 <= last_year <= 5_477 * 1.1
    # The workforce grows slowly, up to the registry's 125 people.
    workers = [
        row["w"]
        for row in TurnoverReport.objects.filter(month__in=months[:-1])
        .values("month")
        .annotate(w=Sum(F("workers_men") + F("workers_women")))
        .order_by("month")
    ]
    assert workers == sorted(workers) and workers[0] < workers[-1] == 125


def test_pieces_follow_each_enterprises_techniques_and_tulis_sells_dearest(loaded: Any) -> None:
    for enterprise in Enterprise.objects.filter(turnover_reports__isnull=False).distinct():
        made = TurnoverReport.objects.filter(enterprise=enterprise).aggregate(
            **{t: Sum(f"pieces_{t}") for t in ("tulis", "cap", "kombinasi", "tiruan")}
        )
        assert {t for t, n in made.items() if n} <= set(enterprise.techniques), enterprise
    tulis_only = TurnoverReport.objects.filter(pieces_tulis__gt=0, pieces_cap=0, pieces_kombinasi=0)
    cap_only = TurnoverReport.objects.filter(pieces_cap__gt=0, pieces_tulis=0, pieces_kombinasi=0)
    per_piece = F("domestic_sales") + F("export_sales")
    tulis = tulis_only.aggregate(s=Sum(per_piece), n=Sum("pieces_tulis"))
    cap = cap_only.aggregate(s=Sum(per_piece), n=Sum("pieces_cap"))
    assert tulis["s"] / tulis["n"] > 2 * cap["s"] / cap["n"]
    exporters = TurnoverReport.objects.filter(export_sales__gt=0).values("enterprise").distinct().count()
    assert exporters in (1, 2)


def test_the_latest_month_has_late_submitted_and_one_returned_report(loaded: Any) -> None:
    latest = _months()[-1]
    active = Enterprise.objects.filter(status="active", centre__isnull=False).count()

    states = dict(TurnoverReport.objects.filter(month=latest).values_list("state").annotate(n=Count("id")).order_by())
    assert states == {"accepted": active - 2 - 1 - 5, "submitted": 5, "returned": 1}
    returned = TurnoverReport.objects.get(state=ReportState.RETURNED)
    assert returned.return_reason.startswith("Penjualan ekspor sekitar sepuluh kali") and returned.decided_by
    late = Enterprise.objects.filter(status="active", centre__isnull=False).exclude(turnover_reports__month=latest)
    assert late.count() == 2
    assert late.filter(logins__username="perajin").exists()  # the demo artisan has last month to file
    assert not TurnoverReport.objects.exclude(month=latest).exclude(state=ReportState.ACCEPTED).exists()


def test_monthly_totals_sum_exactly_the_accepted_reports(loaded: Any) -> None:
    sums = {name: Sum(name) for name in FIGURE_FIELDS}

    accepted = TurnoverReport.objects.filter(state=ReportState.ACCEPTED).aggregate(n=Count("id"), **sums)
    totals = MonthlyTotal.objects.aggregate(n=Sum("reports"), **sums)
    assert totals == accepted
    assert accepted["n"] == TurnoverReport.objects.count() - 6


def test_one_enterprise_moved_up_a_class_this_year_and_is_monitored_after_its_graduation(loaded: Any) -> None:
    moves = ClassRecord.objects.filter(moved_up=True)
    graduation = Graduation.objects.get()

    assert [(r.enterprise.name, r.previous_class, r.business_class) for r in moves] == [
        ("Batik Surya Majapahit", "kecil", "menengah")
    ]
    assert moves.get().scheme.code == "permenperin-64-2016"
    assert graduation.enterprise == moves.get().enterprise
    assert graduation.status == "monitoring"
    assert graduation.approved_on > moves.get().assessed_on
    # Every registered enterprise has a current class under each active scheme it can be classed by.
    assert ClassRecord.objects.filter(current=True, scheme__code="pp-7-2021-sales").count() == 30


def test_every_registered_enterprise_has_its_readiness_score_stored(loaded: Any) -> None:
    from canting.turnover import readiness
    from canting.turnover.models import ReadinessScore

    registered = Enterprise.objects.registered()
    stored = ReadinessScore.objects.filter(enterprise__in=registered, stale=False)
    assert stored.count() == registered.count() == 30
    first = registered.order_by("pk").first()
    assert first is not None
    assert stored.get(enterprise=first).score == readiness.evaluate_one(first).score
