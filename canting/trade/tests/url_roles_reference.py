"""Who may open the export desk's reference data (read by signed-in users but assessors, changed by staff).

Rows for the role-by-URL walk in core/tests/test_url_walk.py; the samples are made in ``url_roles.py``.
"""

from __future__ import annotations

LOGIN = 302
OWN = (200, 200, 404, 403, LOGIN)  # another enterprise's object answers 404
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

# Answers per role, in order staff, artisan, other_artisan, assessor, visitor.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "trade:product-export": OWN,
    "trade:hs-list": (200, 200, 200, 403, LOGIN),
    "trade:incoterm-list": (200, 200, 200, 403, LOGIN),
    "trade:origin-list": (200, 200, 200, 403, LOGIN),
    "trade:market-list": (200, 200, 200, 403, LOGIN),
    "trade:rate-list": (200, 200, 200, 403, LOGIN),
    "trade:hs-create": STAFF_ONLY,
    "trade:origin-create": STAFF_ONLY,
    "trade:market-create": STAFF_ONLY,
    "trade:rate-create": STAFF_ONLY,
    "trade:hs-edit": STAFF_ONLY,
    "trade:incoterm-edit": STAFF_ONLY,
    "trade:origin-edit": STAFF_ONLY,
    "trade:market-edit": STAFF_ONLY,
    "trade:rate-edit": STAFF_ONLY,
    "trade:customs-list": (200, 200, 200, 403, LOGIN),
    "trade:customs-edit": STAFF_ONLY,
}

# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "trade:product-export": "product",
    "trade:hs-edit": "trade_hs",
    "trade:incoterm-edit": "trade_incoterm",
    "trade:origin-edit": "trade_origin",
    "trade:market-edit": "trade_market",
    "trade:rate-edit": "trade_rate",
    "trade:customs-edit": "trade_customs",
}
