"""Background work of turnover (django-tasks), run daily by ``canting daily``."""

from __future__ import annotations

from django_tasks import task

from canting.turnover.services import totals


@task()
def rebuild_totals() -> dict[str, int]:
    """Recompute the dashboards' monthly totals from the accepted reports."""
    return {"totals": totals.rebuild()}
