"""Who may open the dashboard's URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

The staff dashboard, its drill-downs and exports are for office staff only; the public figures page is for everyone.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
STAFF_ONLY = (200, 403, 403, 403, LOGIN)
PUBLIC = (200, 200, 200, 200, 200)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "dashboard:home": STAFF_ONLY,
    "dashboard:drill": STAFF_ONLY,
    "dashboard:export-xlsx": STAFF_ONLY,
    "dashboard:export-pdf": STAFF_ONLY,
    "figures:home": PUBLIC,
}


class Kpi:
    """A drill-down's address part: the walk fills the ``kpi`` part of the address with the sample's ``pk``."""

    pk = "turnover-ytd"


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    return {"kpi": Kpi()}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {"dashboard:drill": "kpi"}
