"""Who may open facilities' report URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

The reports are the office's: staff only; a visitor is sent to the login page.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "facilities:utilisation-report": STAFF_ONLY,
    "facilities:enterprise-report": STAFF_ONLY,
    "facilities:production-report": STAFF_ONLY,
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    return {}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {}
