"""What Canting does not yet know for sure: rule rows and limits still marked unconfirmed or provisional.

Facts that reach customs, buyers and certifiers carry their source; where no source confirmed them, they are marked.
``core`` imports no app, so each app registers a provider in its ``AppConfig.ready()`` that lists its marked rows;
the staff page "Data to confirm" shows them all, so an officer sees what the system does not yet know, and where
to confirm it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Unconfirmed:
    """One row still to confirm: what it is, what is not known about it, what it follows, and where to edit it."""

    topic: str
    row: str
    doubt: str
    source: str
    url: str = ""


Provider = Callable[[], list[Unconfirmed]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def collect() -> list[Unconfirmed]:
    """Every provider's rows, by topic. A provider that fails is logged and left out."""
    rows: list[Unconfirmed] = []
    for provider in _providers:
        try:
            rows.extend(provider())
        except Exception:
            log.exception("the provider %s of data to confirm failed", getattr(provider, "__qualname__", provider))
    return sorted(rows, key=lambda r: (str(r.topic), str(r.row)))


__all__ = ["Provider", "Unconfirmed", "collect", "register"]
