"""Who may open exhibitions' report URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

The report is the office's: staff only; a visitor is sent to the login page.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
STAFF_ONLY = (200, 403, 403, 403, LOGIN)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "exhibitions:report": STAFF_ONLY,
    "exhibitions:report-pdf": STAFF_ONLY,
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    from canting.exhibitions.tests.factories import ExhibitorFactory, SaleFactory

    exhibitor = ExhibitorFactory(enterprise=enterprise)
    SaleFactory(exhibitor=exhibitor)
    return {"report_exhibition": exhibitor.exhibition}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "exhibitions:report": "report_exhibition",
    "exhibitions:report-pdf": "report_exhibition",
}
