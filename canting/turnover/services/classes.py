"""Business class: assess an enterprise under every active scheme and keep its class history."""

from __future__ import annotations

import datetime
from typing import Any

from canting.turnover.models import ClassRecord


def assess(enterprise: Any, *, actor: Any = None, on: datetime.date | None = None) -> list[ClassRecord]:
    """Assess ``enterprise`` under every active scheme; a record is written only when the class changed."""
    return []
