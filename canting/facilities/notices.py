"""What the artisan's home says about the centre's facilities: bookings still awaiting the office's approval."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canting.core.home import Notice
from canting.facilities.models import Booking, BookingState

SHOWN = 5


def booking_notices(user: Any, enterprise: Any) -> list[Notice]:
    """The enterprise's requested bookings that have not started yet, soonest first."""
    waiting = (
        Booking.objects.for_user(user)
        .filter(enterprise=enterprise, state=BookingState.REQUESTED, ends_at__gt=timezone.now())
        .order_by("starts_at", "pk")[:SHOWN]
    )
    return [
        Notice(
            text=_("Your booking for %(when)s awaits the office's approval.")
            % {"when": date_format(timezone.localtime(booking.starts_at), "DATETIME_FORMAT")},
            url=reverse("facilities:booking-detail", args=[booking.pk]),
            link_text=_("See the booking"),
            level="info",
        )
        for booking in waiting
    ]
