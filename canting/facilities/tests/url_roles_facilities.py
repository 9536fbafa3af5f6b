"""Who may open facilities' URLs (this part): rows for the role-by-URL walk in core/tests/test_url_walk.py."""

from __future__ import annotations

from typing import Any

LOGIN = 302

# staff, artisan, other_artisan, assessor, visitor
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "facilities:facility-list": (200, 200, 200, 403, LOGIN),
    "facilities:facility-create": (200, 403, 403, 403, LOGIN),
    "facilities:facility-detail": (200, 200, 200, 403, LOGIN),  # every artisan may book any centre's facility
    "facilities:facility-edit": (200, 403, 403, 403, LOGIN),
    "facilities:facility-quotas": (200, 403, 403, 403, LOGIN),
    "facilities:closed-days": (200, 403, 403, 403, LOGIN),
    "facilities:centre-calendar": (200, 200, 200, 403, LOGIN),
    "facilities:facility-calendar": (200, 200, 200, 403, LOGIN),
    "facilities:my-feed": (403, 200, 200, 403, LOGIN),
    "facilities:ical-feed": (200, 200, 200, 200, 200),  # the secret address is the key: calendar apps cannot sign in
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    from canting.facilities.models import CalendarFeed
    from canting.facilities.tests.factories import BookingFactory, FacilityFactory

    facility = FacilityFactory(name="Ruang batik cap")
    BookingFactory(enterprise=enterprise, facility=facility)
    feed = CalendarFeed.objects.create(enterprise=enterprise, token="walk-token-0123456789")
    return {"facility_f": facility, "calendar_feed_f": feed}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "facilities:facility-detail": "facility_f",
    "facilities:facility-edit": "facility_f",
    "facilities:facility-quotas": "facility_f",
    "facilities:facility-calendar": "facility_f",
    "facilities:ical-feed": "calendar_feed_f",
}
