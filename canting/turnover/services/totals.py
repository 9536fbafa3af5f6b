"""The totals behind the dashboards: accepted figures summed per centre, village and month (``MonthlyTotal``), and
per enterprise and month with the year's running sums (``EnterpriseTotal``, read by the drill-downs).

Reports are the truth; totals are a copy arranged for reading. ``refresh`` keeps one place and month right after a
report enters or leaves the accepted state, with the year of every enterprise of that place; ``rebuild`` recomputes
everything in one pass (daily, and after bulk loads), which also follows enterprises that moved to another village
or centre.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Min, Q, Sum

from canting.registry.models import Enterprise
from canting.turnover.models import FIGURE_FIELDS, EnterpriseTotal, MonthlyTotal, ReportState, TurnoverReport

_SUMS = {name: Sum(name) for name in FIGURE_FIELDS}


def _rows(reports: Any) -> Any:
    return (
        reports.filter(state="accepted")
        .values("enterprise__centre_id", "enterprise__village_id", "month")
        .annotate(n=Count("id"), **_SUMS)
        .order_by()
    )


def _total(row: dict[str, Any]) -> MonthlyTotal:
    return MonthlyTotal(
        centre_id=row["enterprise__centre_id"],
        village_id=row["enterprise__village_id"],
        month=row["month"],
        reports=row["n"],
        **{name: row[name] or 0 for name in FIGURE_FIELDS},
    )


def refresh(*, village_id: str, centre_id: int | None, month: datetime.date) -> None:
    """Recompute the total of one village, centre and month from the accepted reports, and the running totals of
    that year for every enterprise of the place (the one whose report changed is among them)."""
    place: dict[str, Any] = {"village_id": village_id, "centre_id": centre_id, "month": month}
    reports = TurnoverReport.objects.filter(
        enterprise__village_id=village_id, month=month, **{"enterprise__centre_id": centre_id}
    )
    rows = list(_rows(reports))
    for attempt in range(2):
        try:
            with transaction.atomic():
                MonthlyTotal.objects.filter(**place).delete()
                MonthlyTotal.objects.bulk_create([_total(row) for row in rows])
            break
        except IntegrityError:
            # Another transaction refreshed the same place and month at this moment: recompute once more.
            if attempt:
                raise
    enterprises = Enterprise.objects.filter(village_id=village_id, **{"centre_id": centre_id})
    refresh_enterprises(list(enterprises.values_list("pk", flat=True)), month.year)


def refresh_for(report: TurnoverReport) -> None:
    """Refresh the total a report counts in (call after its state changed)."""
    enterprise = report.enterprise
    refresh(village_id=enterprise.village_id, centre_id=enterprise.centre_id, month=report.month)


@transaction.atomic
def rebuild(batch_size: int = 5000, *, years: Sequence[int] | None = None) -> int:
    """Recompute the totals from the accepted reports: every total, or only those of ``years`` (the daily pass,
    which leaves earlier years as they were written); returns the number of monthly totals written."""
    monthly = MonthlyTotal.objects.all()
    reports = TurnoverReport.objects.all()
    if years is None:
        rebuild_enterprises()
    else:
        rebuild_enterprise_years(years)
        within = Q()
        for year in set(years):
            within |= Q(month__gte=datetime.date(year, 1, 1), month__lte=datetime.date(year, 12, 1))
        monthly, reports = monthly.filter(within), reports.filter(within)
    monthly.delete()
    written = 0
    batch: list[MonthlyTotal] = []
    for row in _rows(reports).iterator(chunk_size=batch_size):
        batch.append(_total(row))
        if len(batch) >= batch_size:
            MonthlyTotal.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    MonthlyTotal.objects.bulk_create(batch)
    return written + len(batch)


# --- per enterprise -----------------------------------------------------------------------------------------------
# One statement for SQLite and PostgreSQL: the months of the years concerned come as parameters (each with its
# year's first month); each enterprise and year with an accepted report gets a row for every month from its first
# accepted month to December, carrying the month's figures (zero without an accepted report) and the running sums.
# Written month by month, so that a month's rows lie together on disk (a drill-down reads one month).
PIECES_SQL = "r.pieces_tulis + r.pieces_cap + r.pieces_kombinasi + r.pieces_tiruan"
ENTERPRISE_TOTALS_SQL = """
WITH months (month, year_start) AS (VALUES {months}),
firsts AS (
  SELECT r.enterprise_id, m.year_start, MIN(r.month) AS first_month
  FROM turnover_turnoverreport r JOIN months m ON m.month = r.month
  WHERE r.state = %s{only}
  GROUP BY r.enterprise_id, m.year_start
)
INSERT INTO turnover_enterprisetotal (
  enterprise_id, month, sales, export_sales, pieces, workers_men, workers_women, sales_ytd, export_ytd, pieces_ytd
)
SELECT f.enterprise_id, m.month,
  COALESCE(r.domestic_sales + r.export_sales, 0), COALESCE(r.export_sales, 0), COALESCE({pieces}, 0),
  COALESCE(r.workers_men, 0), COALESCE(r.workers_women, 0),
  SUM(COALESCE(r.domestic_sales + r.export_sales, 0)) OVER running,
  SUM(COALESCE(r.export_sales, 0)) OVER running,
  SUM(COALESCE({pieces}, 0)) OVER running
FROM firsts f
JOIN months m ON m.year_start = f.year_start AND m.month >= f.first_month
LEFT JOIN turnover_turnoverreport r ON r.enterprise_id = f.enterprise_id AND r.month = m.month AND r.state = %s
WINDOW running AS (PARTITION BY f.enterprise_id, f.year_start ORDER BY m.month)
ORDER BY m.month, f.enterprise_id
"""
# Enterprises refreshed per statement: well under SQLite's limit on parameters.
CHUNK = 500


def _months_of(years: Sequence[int]) -> list[tuple[datetime.date, datetime.date]]:
    return [(datetime.date(year, month, 1), datetime.date(year, 1, 1)) for year in years for month in range(1, 13)]


def _write_enterprise_totals(years: Sequence[int], enterprise_ids: Sequence[int] | None = None) -> int:
    months = _months_of(years)
    only = ""
    params: list[Any] = [value for pair in months for value in pair]
    params.append(ReportState.ACCEPTED.value)
    if enterprise_ids is not None:
        only = f" AND r.enterprise_id IN ({', '.join(['%s'] * len(enterprise_ids))})"
        params.extend(enterprise_ids)
    params.append(ReportState.ACCEPTED.value)
    sql = ENTERPRISE_TOTALS_SQL.format(months=", ".join(["(%s, %s)"] * len(months)), only=only, pieces=PIECES_SQL)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def refresh_enterprises(enterprise_ids: Sequence[int], year: int) -> None:
    """Recompute the running totals of ``year`` for the enterprises given."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 1)
    for start in range(0, len(enterprise_ids), CHUNK):
        chunk = list(enterprise_ids[start : start + CHUNK])
        for attempt in range(2):
            try:
                with transaction.atomic():
                    EnterpriseTotal.objects.filter(enterprise_id__in=chunk, month__gte=first, month__lte=last).delete()
                    _write_enterprise_totals([year], chunk)
                break
            except IntegrityError:
                # Another transaction refreshed the same enterprise at this moment: recompute once more.
                if attempt:
                    raise


@transaction.atomic
def rebuild_enterprise_years(years: Sequence[int]) -> int:
    """Recompute every enterprise's running totals of ``years`` only; returns the rows written."""
    for year in years:
        EnterpriseTotal.objects.filter(
            month__gte=datetime.date(year, 1, 1), month__lte=datetime.date(year, 12, 1)
        ).delete()
    return _write_enterprise_totals(sorted(set(years)))


@transaction.atomic
def rebuild_enterprises() -> int:
    """Recompute every enterprise's running totals from the accepted reports; returns the rows written."""
    EnterpriseTotal.objects.all().delete()
    bounds = TurnoverReport.objects.filter(state=ReportState.ACCEPTED).aggregate(first=Min("month"), last=Max("month"))
    if bounds["first"] is None:
        return 0
    years = list(range(bounds["first"].year, bounds["last"].year + 1))
    return _write_enterprise_totals(years)
