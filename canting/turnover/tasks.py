"""Background work of turnover (django-tasks), run daily by ``canting daily``."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from canting.turnover.services import classes, graduations, readiness, reports, totals


@task()
def rebuild_totals() -> dict[str, int]:
    """Recompute the dashboards' monthly totals and the enterprises' running totals of the years still being filed
    and reviewed (last month's year and this one) from the accepted reports. Every acceptance refreshes its place and
    year at once; this is the daily safety net, which leaves earlier years as they were written."""
    today = timezone.localdate()
    years = sorted({reports.last_month(today).year, today.year})
    return {"totals": totals.rebuild(years=years)}


@task()
def remind_late_reporters() -> dict[str, int]:
    """From the reminder day on, e-mail the enterprises that have not filed last month's report (once each)."""
    return {"reminded": reports.send_reminders()}


@task()
def reassess_and_follow_up() -> dict[str, int]:
    """Re-assess every enterprise's business class (figures age out of the 12-month window), then close the
    graduations whose months of monitoring have passed."""
    return {"class_records": classes.assess_all(), "graduations_completed": graduations.complete_due_graduations()}


@task()
def refresh_readiness(enterprise_ids: list[int] | None = None) -> dict[str, int]:
    """Recompute the stored readiness scores of ``enterprise_ids``, or, without them, every score marked stale or
    missing (after a criterion changed)."""
    if enterprise_ids is None:
        return {"readiness_scores": readiness.refresh_stale()}
    return {"readiness_scores": readiness.refresh(enterprise_ids)}


@task()
def refresh_all_readiness() -> dict[str, int]:
    """Recompute every registered enterprise's readiness score: certificates expire, months leave the window, and
    other modules' records change without telling turnover."""
    return {"readiness_scores": readiness.refresh_all()}
