"""Background work of turnover (django-tasks), run daily by ``canting daily``."""

from __future__ import annotations

from django_tasks import task

from canting.turnover.services import classes, graduations, reports, totals


@task()
def rebuild_totals() -> dict[str, int]:
    """Recompute the dashboards' monthly totals from the accepted reports."""
    return {"totals": totals.rebuild()}


@task()
def remind_late_reporters() -> dict[str, int]:
    """From the reminder day on, e-mail the enterprises that have not filed last month's report (once each)."""
    return {"reminded": reports.send_reminders()}


@task()
def reassess_and_follow_up() -> dict[str, int]:
    """Re-assess every enterprise's business class (figures age out of the 12-month window), then close the
    graduations whose months of monitoring have passed."""
    return {"class_records": classes.assess_all(), "graduations_completed": graduations.complete_due_graduations()}
