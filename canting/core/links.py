"""Addresses of many objects at once: one ``reverse`` per URL name, not one per object."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = 918273645


def url_maker(name: str) -> Callable[[int], str]:
    """A function that gives ``reverse(name, args=[pk])`` for any pk, at the cost of one ``reverse``: what code that
    builds an address per enterprise for tens of thousands of them uses (reverse costs tens of microseconds).
    Build it where the addresses are made, so it follows the active language."""
    head, _sep, tail = reverse(name, args=[_PLACEHOLDER]).partition(str(_PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"
