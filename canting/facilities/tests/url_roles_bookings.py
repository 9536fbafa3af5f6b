"""Who may open the booking URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

The sample booking belongs to ``artisan``'s enterprise: ``other_artisan`` gets 404 for it, assessors 403 (bookings
are staff's and artisans' business).
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
BOOKERS = (200, 200, 200, 403, LOGIN)
OWN_BOOKING = (200, 200, 404, 403, LOGIN)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "facilities:booking-list": BOOKERS,
    "facilities:booking-create": BOOKERS,
    "facilities:booking-detail": OWN_BOOKING,
    "facilities:booking-approve": (405, 403, 403, 403, LOGIN),
    "facilities:booking-reject": (405, 403, 403, 403, LOGIN),
    "facilities:booking-cancel": (405, 405, 404, 403, LOGIN),
    "facilities:booking-usage": OWN_BOOKING,
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    """A requested booking of ``enterprise`` for one room, three days ahead."""
    from canting.facilities.tests.factories import BookingFactory

    return {"booking": BookingFactory(enterprise=enterprise, state="requested")}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    name: "booking"
    for name in (
        "facilities:booking-detail",
        "facilities:booking-approve",
        "facilities:booking-reject",
        "facilities:booking-cancel",
        "facilities:booking-usage",
    )
}
