"""Who may open turnover's URLs (this part): rows for the role-by-URL walk in core/tests/test_url_walk.py.

The sample report is a draft of ``artisan``'s enterprise: ``other_artisan`` gets 404 for it and for filing for
that enterprise.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
STAFF_ONLY = (200, 403, 403, 403, LOGIN)
STAFF_POST = (405, 403, 403, 403, LOGIN)
OWN = (200, 200, 404, 403, LOGIN)  # staff and the enterprise's own artisan
OWN_POST = (405, 405, 404, 403, LOGIN)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "turnover:report-list": STAFF_ONLY,
    "turnover:my-reports": (403, 200, 200, 403, LOGIN),
    "turnover:late-list": STAFF_ONLY,
    "turnover:report-bulk-accept": STAFF_POST,
    "turnover:report-create": OWN,
    "turnover:report-detail": OWN,
    "turnover:report-edit": OWN,
    "turnover:report-submit": OWN_POST,
    "turnover:report-return": STAFF_POST,
    "turnover:report-accept": STAFF_POST,
    "api-turnover-report-list": (200, 200, 200, 403, 403),
    "api-turnover-report-detail": (200, 200, 404, 403, 403),
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    import datetime

    from canting.turnover.models import ReportState
    from canting.turnover.tests.factories import TurnoverReportFactory

    report = TurnoverReportFactory(enterprise=enterprise, month=datetime.date(2024, 5, 1), state=ReportState.DRAFT)
    return {"turnover_report": report}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "turnover:report-detail": "turnover_report",
    "turnover:report-edit": "turnover_report",
    "turnover:report-submit": "turnover_report",
    "turnover:report-return": "turnover_report",
    "turnover:report-accept": "turnover_report",
    "api-turnover-report-detail": "turnover_report",
}
