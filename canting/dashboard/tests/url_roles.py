"""Who may open the dashboard's URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py."""

from __future__ import annotations

from typing import Any

LOGIN = 302

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    return {}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {}
