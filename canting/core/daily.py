"""The tasks ``canting daily`` queues once a day. ``core`` imports no app: each app registers its daily tasks in its
``AppConfig.ready()``, in the order they must run (apps are ready in ``INSTALLED_APPS`` order, so certificates
expire before the readiness scores that count them are refreshed)."""

from __future__ import annotations

from typing import Any

_daily: list[Any] = []  # django-tasks Task objects


def register(*tasks: Any) -> None:
    """Add daily tasks, in order; registering the same task twice keeps one."""
    for task in tasks:
        if task not in _daily:
            _daily.append(task)


def tasks() -> list[Any]:
    """Every registered daily task, in order."""
    return list(_daily)
