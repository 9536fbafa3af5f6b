"""Who may open turnover's URLs: the reports' rows and the class, readiness and graduation rows together."""

from __future__ import annotations

from typing import Any

from canting.turnover.tests import url_roles_progress as progress
from canting.turnover.tests import url_roles_reports as reports

EXPECTED = {**reports.EXPECTED, **progress.EXPECTED}
TARGETS = {**reports.TARGETS, **progress.TARGETS}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    return {
        **reports.samples(staff, artisan, assessor, enterprise),
        **progress.samples(staff, artisan, assessor, enterprise),
    }
