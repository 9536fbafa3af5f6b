"""Who may open facilities' URLs: facilities and calendars, bookings, and reports together."""

from __future__ import annotations

from typing import Any

from canting.facilities.tests import url_roles_bookings as bookings
from canting.facilities.tests import url_roles_facilities as facilities
from canting.facilities.tests import url_roles_reports as reports

PARTS = (facilities, bookings, reports)
EXPECTED = {name: answer for part in PARTS for name, answer in part.EXPECTED.items()}
TARGETS = {name: key for part in PARTS for name, key in part.TARGETS.items()}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in PARTS:
        found.update(part.samples(staff, artisan, assessor, enterprise))
    return found
