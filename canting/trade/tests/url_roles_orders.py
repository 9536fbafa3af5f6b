"""Who may open the export desk's orders, lines, packages, status and buyers, and turn a lead into an inquiry.

Rows for the role-by-URL walk in core/tests/test_url_walk.py; the samples are made in ``url_roles.py``.
"""

from __future__ import annotations

LOGIN = 302
OWN = (200, 200, 404, 403, LOGIN)  # another enterprise's object answers 404
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

# Answers per role, in order staff, artisan, other_artisan, assessor, visitor.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "trade:order-list": (200, 200, 200, 403, LOGIN),
    "trade:order-create": (200, 200, 200, 403, LOGIN),
    "trade:order-detail": OWN,
    "trade:order-edit": OWN,
    "trade:order-lines": OWN,
    "trade:order-packages": OWN,
    "trade:order-status": (405, 405, 404, 403, LOGIN),
    "trade:buyer-list": (200, 200, 200, 403, LOGIN),
    "trade:buyer-create": (200, 200, 200, 403, LOGIN),
    "trade:buyer-detail": OWN,
    "trade:buyer-edit": OWN,
    "trade:lead-inquiry": OWN,
    # The API answers a visitor 403 (no login page to send them to).
    "api-trade-buyer-list": (200, 200, 200, 403, 403),
    "api-trade-buyer-detail": (200, 200, 404, 403, 403),
    "api-trade-order-list": (200, 200, 200, 403, 403),
    "api-trade-order-detail": (200, 200, 404, 403, 403),
}

# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "trade:order-detail": "trade_order",
    "trade:order-edit": "trade_order",
    "trade:order-lines": "trade_order",
    "trade:order-packages": "trade_order",
    "trade:order-status": "trade_order",
    "trade:buyer-detail": "trade_buyer",
    "trade:buyer-edit": "trade_buyer",
    "trade:lead-inquiry": "trade_lead",
    "api-trade-buyer-detail": "trade_buyer",
    "api-trade-order-detail": "trade_order",
}
