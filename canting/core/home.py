"""What a signed-in person's home page tells them, contributed by the apps that know.

``core`` imports no app, so each app registers its providers in its ``AppConfig.ready()``:

- a notice provider, ``(user, enterprise) -> list[Notice]``: something the artisan's enterprise has to do or to know
  (a turnover report due or returned, a booking awaiting approval, a certificate expiring), each with a link;
- a panel provider, ``(user) -> Panel | None``: a list of the person's own work (an assessor's sessions);
- a counts provider, ``(user) -> dict``: figures for the staff home's cards (the registry's enterprises, people,
  registrations waiting and certificates held), merged into one ``counts``.

Each provider answers in a query or two, whatever the data: home pages are opened many times a day. A provider that
fails is logged and left out, so the home page opens whatever another module does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One line on the home page: what is the matter, and a link to where it is done."""

    text: str
    url: str
    link_text: str
    level: str = "warning"  # the alert's colour: info, warning or danger


@dataclass(frozen=True)
class Panel:
    """A titled list on the home page, drawn by the app's own template (given ``panel`` in its context)."""

    title: str
    template: str
    items: list[Any] = field(default_factory=list)


NoticeProvider = Callable[[Any, Any], list[Notice]]
PanelProvider = Callable[[Any], Panel | None]
CountsProvider = Callable[[Any], dict[str, Any]]
_notices: list[NoticeProvider] = []
_panels: list[PanelProvider] = []
_counts: list[CountsProvider] = []


def register_notices(provider: NoticeProvider) -> NoticeProvider:
    """Add a notice provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _notices:
        _notices.append(provider)
    return provider


def register_panel(provider: PanelProvider) -> PanelProvider:
    """Add a panel provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _panels:
        _panels.append(provider)
    return provider


def register_counts(provider: CountsProvider) -> CountsProvider:
    """Add a counts provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _counts:
        _counts.append(provider)
    return provider


def notices_for(user: Any, enterprise: Any) -> list[Notice]:
    """Every provider's notices for ``user`` about ``enterprise``, in the order the providers registered."""
    found: list[Notice] = []
    for provider in _notices:
        try:
            found.extend(provider(user, enterprise))
        except Exception:
            log.exception("Home notice provider %r failed", provider)
    return found


def panels_for(user: Any) -> list[Panel]:
    """Every provider's panel for ``user``, leaving out those with nothing to show."""
    found: list[Panel] = []
    for provider in _panels:
        try:
            panel = provider(user)
        except Exception:
            log.exception("Home panel provider %r failed", provider)
            continue
        if panel is not None:
            found.append(panel)
    return found


def counts_for(user: Any) -> dict[str, Any]:
    """Every provider's figures for a staff member's home, merged; a provider that fails leaves its cards empty."""
    found: dict[str, Any] = {}
    for provider in _counts:
        try:
            found.update(provider(user))
        except Exception:
            log.exception("Home counts provider %r failed", provider)
    return found
