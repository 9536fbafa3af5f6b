"""The monthly totals behind the dashboards: accepted figures summed per centre, village and month.

Reports are the truth; totals are a copy arranged for reading. ``refresh`` keeps one place and month right after a
report enters or leaves the accepted state; ``rebuild`` recomputes everything in one pass (daily, and after bulk
loads), which also follows enterprises that moved to another village or centre.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum

from canting.turnover.models import FIGURE_FIELDS, MonthlyTotal, TurnoverReport

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
    """Recompute the total of one village, centre and month from the accepted reports."""
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
            return
        except IntegrityError:
            # Another transaction refreshed the same place and month at this moment: recompute once more.
            if attempt:
                raise


def refresh_for(report: TurnoverReport) -> None:
    """Refresh the total a report counts in (call after its state changed)."""
    enterprise = report.enterprise
    refresh(village_id=enterprise.village_id, centre_id=enterprise.centre_id, month=report.month)


@transaction.atomic
def rebuild(batch_size: int = 5000) -> int:
    """Recompute every total from the accepted reports; returns the number of totals written."""
    MonthlyTotal.objects.all().delete()
    written = 0
    batch: list[MonthlyTotal] = []
    for row in _rows(TurnoverReport.objects.all()).iterator(chunk_size=batch_size):
        batch.append(_total(row))
        if len(batch) >= batch_size:
            MonthlyTotal.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    MonthlyTotal.objects.bulk_create(batch)
    return written + len(batch)
