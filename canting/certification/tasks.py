"""Background work of quality and certification (django-tasks), run daily by ``canting daily``."""

from __future__ import annotations

from django_tasks import task

from canting.certification.services.certifications import expire_certifications, send_expiry_reminders


@task()
def expire_and_remind() -> dict[str, int]:
    """Mark certificates past their expiry as expired, then send the 90- and 30-day expiry reminders."""
    expired = expire_certifications()
    reminded = send_expiry_reminders()
    return {"expired": expired, "reminded": reminded}
