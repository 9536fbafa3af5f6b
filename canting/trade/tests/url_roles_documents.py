"""Who may open the export desk's URLs, part: The document pack of an order: its page, and each document as PDF or xlsx.

Rows for the role-by-URL walk in core/tests/test_url_walk.py; the samples are made in ``url_roles.py``.
"""

from __future__ import annotations

LOGIN = 302
OWN = (200, 200, 404, 403, LOGIN)  # another enterprise's object answers 404
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

# Answers per role, in order staff, artisan, other_artisan, assessor, visitor.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "trade:order-documents": OWN,
    "trade:order-document": OWN,
}

# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "trade:order-documents": "trade_order",
    "trade:order-document": "trade_order",
}
