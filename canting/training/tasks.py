"""Background work of training (django-tasks), run daily by ``canting daily``."""

from __future__ import annotations

from django_tasks import task

from canting.training.services.certificates import expire_certificates as expire


@task()
def expire_certificates() -> dict[str, int]:
    """Record as expired the competency and attendance certificates whose validity has ended."""
    return {"expired": expire()}
