"""Figures from elsewhere, offered on the report form so the enterprise confirms rather than retypes.

Other modules (exhibition sales, export orders, facility usage) register a provider: a function
``(enterprise, month) -> list[Suggestion]``. The form shows each suggestion beside its field with a one-tap "use".
None is registered yet: those modules do not exist.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from canting.turnover.services.reports import INPUT_FIELDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestion:
    """A figure another module knows for the month: which field, the value, where it comes from, and a link."""

    field: str
    value: Decimal | int
    source_label: str
    url: str = ""


Provider = Callable[[Any, datetime.date], list[Suggestion]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def providers() -> list[Provider]:
    return list(_providers)


def suggestions_for(enterprise: Any, month: datetime.date) -> dict[str, list[Suggestion]]:
    """Every provider's suggestions for the month, by field. A provider that fails is logged and left out: the
    form must open whatever another module does."""
    found: dict[str, list[Suggestion]] = {}
    for provider in _providers:
        try:
            items = provider(enterprise, month)
        except Exception:
            log.exception("Turnover suggestion provider %r failed", provider)
            continue
        for item in items:
            if item.field in INPUT_FIELDS:
                found.setdefault(item.field, []).append(item)
    return found
