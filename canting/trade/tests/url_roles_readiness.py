"""Who may open the export desk's URLs, part: Export readiness, the export profile and the export figures.

Rows for the role-by-URL walk in core/tests/test_url_walk.py; the samples are made in ``url_roles.py``.
"""

from __future__ import annotations

LOGIN = 302
OWN = (200, 200, 404, 403, LOGIN)  # another enterprise's object answers 404
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

# Answers per role, in order staff, artisan, other_artisan, assessor, visitor.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "trade:my-readiness": (403, 302, 302, 403, LOGIN),
    "trade:readiness": OWN,
    "trade:profile": OWN,
    "trade:figures": (200, 403, 403, 403, LOGIN),
}

# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {}
