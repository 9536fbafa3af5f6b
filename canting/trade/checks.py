"""The export desk's checks on an order: each finding says what is wrong, why, and what to do.

``run_checks(order)`` returns the findings in a stable order; an ``error`` keeps the document pack from being
written, a ``warning`` is shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str  # a stable key, e.g. "sea_only"
    level: str  # ERROR or WARNING
    message: str  # what is wrong and why, in the user's language
    fix: str = ""  # what to do about it
    url: str = ""  # where to do it


def run_checks(order: Any) -> list[Finding]:
    return []


def blocking(findings: list[Finding]) -> bool:
    return any(finding.level == ERROR for finding in findings)
