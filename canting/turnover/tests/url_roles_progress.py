"""Who may open turnover's class, readiness and graduation URLs: rows for the role-by-URL walk in
core/tests/test_url_walk.py. The graduation belongs to ``artisan``'s enterprise; ``other_artisan`` gets 404."""

from __future__ import annotations

import datetime
from typing import Any

LOGIN = 302
STAFF_ONLY = (200, 403, 403, 403, LOGIN)
STAFF_POST = (405, 403, 403, 403, LOGIN)
OWN_ENTERPRISE = (200, 200, 404, 403, LOGIN)  # staff and the enterprise's own artisan

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "turnover:scheme-list": STAFF_ONLY,
    "turnover:scheme-detail": STAFF_ONLY,
    "turnover:enterprise-class": OWN_ENTERPRISE,
    "turnover:readiness-list": STAFF_ONLY,
    "turnover:criterion-list": STAFF_ONLY,
    "turnover:criterion-edit": STAFF_ONLY,
    "turnover:enterprise-readiness": OWN_ENTERPRISE,
    "turnover:enterprise-graduate": STAFF_POST,
    "turnover:graduation-list": STAFF_ONLY,
    "turnover:graduation-detail": OWN_ENTERPRISE,
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    from canting.turnover.models import ClassScheme, Criterion, Graduation

    graduation = Graduation.objects.create(
        enterprise=enterprise,
        score=80,
        approved_on=datetime.date(2025, 1, 15),
        approved_by=staff,
        monitoring_months=12,
        monitoring_until=datetime.date(2026, 1, 15),
    )
    return {
        "class_scheme": ClassScheme.objects.order_by("pk").first(),
        "criterion": Criterion.objects.order_by("pk").first(),
        "graduation": graduation,
    }


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "turnover:scheme-detail": "class_scheme",
    "turnover:criterion-edit": "criterion",
    "turnover:graduation-detail": "graduation",
}
