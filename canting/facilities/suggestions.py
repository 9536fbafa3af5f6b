"""The turnover form's suggestion from the centre: pieces an enterprise recorded on its completed bookings.

Registered with ``canting.turnover.suggestions`` when the app is ready (see ``apps.py``). A booking counts in the
month it starts, as in the production report.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from canting.facilities import selectors
from canting.facilities.models import BookingState, Usage
from canting.turnover.suggestions import Suggestion


def pieces_from_bookings(enterprise: Any, month: datetime.date) -> list[Suggestion]:
    """The enterprise's pieces by technique recorded in the usage of its bookings completed that month (one
    query); techniques with no pieces are left out."""
    start, end = selectors.month_bounds(month)
    usage = Usage.objects.filter(
        booking__enterprise=enterprise,
        booking__state=BookingState.COMPLETED,
        booking__starts_at__gte=start,
        booking__starts_at__lt=end,
    )
    pieces = selectors.pieces_of(usage)
    label = _("from your bookings at the centre")
    url = reverse("facilities:booking-list")
    return [Suggestion(f"pieces_{code}", n, label, url) for code, n in pieces.items() if n]
