"""Acceptance: the dashboard's numbers on the demo data equal a hand-written SQL computation of the same KPIs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from canting.core.dates import add_months
from canting.dashboard.benchmark import HAND_DRILLS, hand_drill, hand_kpis
from canting.dashboard.drill import DRILLS, drill_rows, drill_summary
from canting.dashboard.selectors import Scope, kpis
from canting.registry.models import Centre
from canting.turnover.models import EnterpriseTotal, MonthlyTotal
from canting.turnover.services import totals

pytestmark = pytest.mark.django_db

KEYS = {
    "turnover_month", "turnover_ytd", "turnover_ytd_previous", "turnover_growth_pct", "export_month", "export_ytd",
    "pieces_ytd", "pieces_by_technique_ytd", "workers_men", "workers_women", "reports_due", "reports_filed",
    "compliance_pct", "enterprises_by_class", "class_moves_ytd", "batikmark_holders", "sni_holders",
    "people_trained_ytd", "people_certified_ytd",
}  # fmt: skip


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


def _periods() -> dict[str, datetime.date]:
    latest = add_months(timezone.localdate().replace(day=1), -1)
    return {
        "latest": latest,  # late, submitted and returned reports; growth against a full previous year
        "a year before": add_months(latest, -12),  # the first year: no previous year, growth is None
        "last december": latest.replace(month=12, year=latest.year - 1),
        "2023 trainings": datetime.date(2023, 12, 1),  # before any report; the demo's trainings and certificates
    }


@pytest.mark.parametrize("area", ["", "35.76", "35.76.02", "35.15"])
@pytest.mark.parametrize("period", list(_periods()))
def test_kpis_equal_the_hand_written_sql(loaded: Any, area: str, period: str) -> None:
    month = _periods()[period]
    scope = Scope(year=month.year, month=month.month, area=area)

    dashboard, hand = kpis(scope), hand_kpis(connection, scope)

    assert set(dashboard) == set(hand) == KEYS
    assert {key: dashboard[key] for key in KEYS} == {key: hand[key] for key in KEYS}


def test_the_comparison_covers_real_numbers(loaded: Any) -> None:
    """The equalities above are not between zeros: the demo gives most KPIs a value in one of the periods."""
    periods = _periods()
    latest = hand_kpis(connection, Scope(year=periods["latest"].year, month=periods["latest"].month, area="35.76"))
    december = periods["last december"]
    year_before = hand_kpis(connection, Scope(year=december.year, month=12, area="35.76"))
    trainings = hand_kpis(connection, Scope(year=2023, month=12))

    assert latest["turnover_month"] > 0 and latest["turnover_growth_pct"] > Decimal(100)
    # Early in a year the year to date may hold no export month yet; the whole of the year before does.
    assert latest["export_ytd"] > 0 or year_before["export_ytd"] > 0
    assert latest["workers_women"] > latest["workers_men"] > 0
    assert latest["reports_due"] == 30 and latest["reports_filed"] == 27 and latest["compliance_pct"] == Decimal("90.0")
    assert latest["batikmark_holders"] > 0
    assert sum(sum(classes.values()) for classes in latest["enterprises_by_class"].values()) > 0
    assert trainings["people_trained_ytd"] > 0 and trainings["people_certified_ytd"] > 0


def test_a_centre_scope_agrees_too(loaded: Any) -> None:
    centre = Centre.objects.get()
    latest = _periods()["latest"]
    scope = Scope(year=latest.year, month=latest.month, centre_id=centre.pk)

    assert kpis(scope) == hand_kpis(connection, scope)
    assert (
        hand_kpis(connection, Scope(year=latest.year, month=latest.month, centre_id=centre.pk + 1))["reports_due"] == 0
    )


def test_the_hand_sql_reads_the_reports_not_the_monthly_totals(loaded: Any) -> None:
    latest = _periods()["latest"]
    scope = Scope(year=latest.year, month=latest.month)
    before = hand_kpis(connection, scope)

    MonthlyTotal.objects.all().delete()

    assert hand_kpis(connection, scope) == before
    assert kpis(scope)["turnover_month"] == 0 < before["turnover_month"]


# The KPI each figure drill-down adds up to (workers: men and women together).
DRILL_KPIS = {
    "turnover-month": ("turnover_month",),
    "turnover-ytd": ("turnover_ytd",),
    "turnover-previous": ("turnover_ytd_previous",),
    "export-month": ("export_month",),
    "export-ytd": ("export_ytd",),
    "pieces": ("pieces_ytd",),
    "workers": ("workers_men", "workers_women"),
}


@pytest.mark.parametrize("area", ["", "35.76", "35.76.02", "35.15"])
@pytest.mark.parametrize("period", ["latest", "a year before", "last december"])
def test_drill_downs_equal_the_hand_written_sql(loaded: Any, area: str, period: str) -> None:
    """Each enterprise's part of turnover, export, pieces and workers, read from the enterprises' totals, is its
    sum of accepted reports in hand-written SQL; the parts add up to the dashboard's KPI."""
    month = _periods()[period]
    scope = Scope(year=month.year, month=month.month, area=area)
    figures = kpis(scope)
    assert set(HAND_DRILLS) == set(DRILL_KPIS)

    for slug, keys in DRILL_KPIS.items():
        drill = DRILLS[slug]
        parts = {row["eid"]: Decimal(row["part"]) for row in drill_rows(drill, scope, None)}
        count, total = drill_summary(drill, scope, None)

        assert parts == hand_drill(connection, slug, scope), slug
        assert count == len(parts) and total == sum(parts.values()) == sum(figures[key] for key in keys), slug


def test_the_drill_comparison_covers_real_numbers(loaded: Any) -> None:
    latest = _periods()["latest"]
    scope = Scope(year=latest.year, month=latest.month, area="35.76")

    assert all(len(hand_drill(connection, slug, scope)) > 1 for slug in ("turnover-month", "turnover-ytd", "workers"))
    assert len(hand_drill(connection, "turnover-previous", scope)) > 1


def test_the_enterprise_totals_follow_acceptance_and_rebuild_alike(loaded: Any, staff: Any) -> None:
    """Accepting a report refreshes its enterprise's running totals; a rebuild from the reports gives the same."""
    from canting.turnover.models import ReportState, TurnoverReport
    from canting.turnover.services import reports

    waiting = TurnoverReport.objects.filter(state=ReportState.SUBMITTED).select_related("enterprise").first()
    assert waiting is not None
    scope = Scope(year=waiting.month.year, month=waiting.month.month)
    before = hand_drill(connection, "turnover-ytd", scope)

    columns = ("enterprise_id", "month", "sales", "sales_ytd", "pieces_ytd")
    reports.accept_report(waiting, actor=staff)
    refreshed = sorted(EnterpriseTotal.objects.values_list(*columns))
    totals.rebuild_enterprises()
    rebuilt = sorted(EnterpriseTotal.objects.values_list(*columns))

    after = {row["eid"]: Decimal(row["part"]) for row in drill_rows(DRILLS["turnover-ytd"], scope, None)}
    assert refreshed == rebuilt
    assert after == hand_drill(connection, "turnover-ytd", scope) != before


def test_the_daily_rebuild_of_recent_years_matches_a_full_rebuild(loaded: Any) -> None:
    """The daily task rewrites only the years still being filed; their rows equal a full rebuild's, and earlier
    years are left as they were."""
    from canting.turnover import tasks
    from canting.turnover.services.reports import last_month

    columns = ("enterprise_id", "month", "sales", "export_sales", "sales_ytd", "export_ytd", "pieces_ytd")
    monthly_columns = ("centre_id", "village_id", "month", "reports", "domestic_sales", "export_sales")
    totals.rebuild()
    full = sorted(EnterpriseTotal.objects.values_list(*columns))
    full_monthly = sorted(MonthlyTotal.objects.values_list(*monthly_columns))
    today = timezone.localdate()
    recent = {last_month(today).year, today.year}
    earliest = min(recent)
    older = EnterpriseTotal.objects.filter(month__lt=datetime.date(earliest, 1, 1))
    assert older.exists() and EnterpriseTotal.objects.filter(month__gte=datetime.date(earliest, 1, 1)).exists()
    untouched = set(older.values_list("id", flat=True))
    older_monthly = MonthlyTotal.objects.filter(month__lt=datetime.date(earliest, 1, 1))
    assert older_monthly.exists()
    untouched_monthly = set(older_monthly.values_list("id", flat=True))
    MonthlyTotal.objects.filter(month__gte=datetime.date(earliest, 1, 1)).delete()

    tasks.rebuild_totals.call()

    assert sorted(EnterpriseTotal.objects.values_list(*columns)) == full
    assert set(older.values_list("id", flat=True)) == untouched
    assert sorted(MonthlyTotal.objects.values_list(*monthly_columns)) == full_monthly
    assert set(older_monthly.values_list("id", flat=True)) == untouched_monthly
