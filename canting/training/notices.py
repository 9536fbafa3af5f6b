"""Training on the home pages: an assessor's current and coming sessions, and the artisan's expiring certificates."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canting.core.home import Notice, Panel
from canting.core.models import Role
from canting.training.models import Certificate, CertificateStatus, TrainingSession

EXPIRING_DAYS = 90  # as the certification reminders: time enough to be assessed again
SESSIONS_SHOWN = 20


def assessor_sessions(user: Any) -> Panel | None:
    """The sessions an assessor trains that are on now or still to come, soonest first; None when there are none."""
    if getattr(user, "role", None) != Role.ASSESSOR:
        return None
    today = timezone.localdate()
    sessions = list(
        TrainingSession.objects.for_user(user)
        .filter(trainers=user, ends_on__gte=today)
        .select_related("programme")
        .prefetch_related("units")
        .order_by("starts_on", "pk")[:SESSIONS_SHOWN]
    )
    if not sessions:
        return None
    for session in sessions:
        session.running = session.starts_on <= today  # type: ignore[attr-defined]
    return Panel(title=_("Your sessions"), template="training/_home_sessions.html", items=sessions)


def certificate_notices(user: Any, enterprise: Any) -> list[Notice]:
    """Competency certificates of the enterprise's people that expire within ``EXPIRING_DAYS``."""
    today = timezone.localdate()
    expiring = (
        Certificate.objects.for_user(user)
        .filter(
            status=CertificateStatus.VALID,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
        )
        .select_related("person")
        .order_by("expires_on", "pk")
    )
    return [
        Notice(
            text=_("The competency certificate %(number)s of %(person)s expires on %(date)s.")
            % {"number": cert.number, "person": cert.person.full_name, "date": date_format(cert.expires_on)},
            url=reverse("training:certificate-detail", args=[cert.pk]),
            link_text=_("See the certificate"),
        )
        for cert in expiring
    ]
