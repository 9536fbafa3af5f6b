"""Who may open exhibitions' URLs: exhibitions and exhibitors, sales and leads, and reports together."""

from __future__ import annotations

from typing import Any

from canting.exhibitions.tests import url_roles_exhibitions as exhibitions
from canting.exhibitions.tests import url_roles_reports as reports
from canting.exhibitions.tests import url_roles_sales as sales

PARTS = (exhibitions, sales, reports)
EXPECTED = {name: answer for part in PARTS for name, answer in part.EXPECTED.items()}
TARGETS = {name: key for part in PARTS for name, key in part.TARGETS.items()}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in PARTS:
        found.update(part.samples(staff, artisan, assessor, enterprise))
    return found
