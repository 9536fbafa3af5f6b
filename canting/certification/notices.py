"""What the artisan's home says about certification: a product certificate (SNI, Batikmark...) about to expire."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canting.certification.models import Certification, Scheme
from canting.certification.services.certifications import EXPIRING_DAYS
from canting.core.home import Notice


def certification_notices(user: Any, enterprise: Any) -> list[Notice]:
    """The enterprise's valid certifications that expire within the reminders' window (90 days)."""
    today = timezone.localdate()
    expiring = (
        Certification.objects.for_user(user)
        .valid(today)
        .filter(enterprise=enterprise, expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS))
        .order_by("expires_on", "pk")
    )
    return [
        Notice(
            text=_("%(scheme)s %(number)s expires on %(date)s.")
            % {
                "scheme": cert.title if cert.scheme == Scheme.OTHER and cert.title else cert.get_scheme_display(),
                "number": cert.number,
                "date": date_format(cert.expires_on),
            },
            url=reverse("certification:certification-detail", args=[cert.pk]),
            link_text=_("See the certification"),
        )
        for cert in expiring
    ]
