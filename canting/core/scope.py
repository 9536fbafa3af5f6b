"""An officer's working area, as the places they may choose: one rule for every area field.

Staff with an area (a province or a regency code) see only what lies in it, so they may only put things there: an
enterprise in another city, or a programme run for another province, would vanish from their own lists the moment
they saved it. Staff without an area work nationally. Artisans and the public have no scope here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from canting.core.models import Area, Role


def scope_of(user: Any) -> str:
    """The area code a signed-in officer works in; '' for national staff and everyone else."""
    if user is None or not getattr(user, "is_authenticated", False) or user.role != Role.STAFF:
        return ""
    return str(user.area_id or "")


def within(scope: str, code: str | None) -> bool:
    """Whether area ``code`` is ``scope`` or lies inside it ('' is the whole country)."""
    return not scope or (bool(code) and (code == scope or str(code).startswith(scope + ".")))


def code_of(area: Area | str | None) -> str | None:
    """An area field's value, as a service receives it (an Area or its code), as a code."""
    return area.pk if isinstance(area, Area) else area or None


def ancestors(code: str) -> list[str]:
    """'35.76.01' -> ['35', '35.76', '35.76.01']."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def areas_within(scope: str, queryset: QuerySet[Area] | None = None) -> QuerySet[Area]:
    """The areas an officer of ``scope`` may choose: their own and those inside it."""
    areas = Area.objects.all() if queryset is None else queryset
    return areas.filter(Q(code=scope) | Q(code__startswith=scope + ".")) if scope else areas


def steps_towards(scope: str, queryset: QuerySet[Area]) -> QuerySet[Area]:
    """For a cascade of selects (province, regency, ...): the areas on the way to ``scope`` and those inside it."""
    return queryset.filter(Q(code__in=ancestors(scope)) | Q(code__startswith=scope + ".")) if scope else queryset


def require_within(
    actor: Any, code: str | None, *, field: str, required: bool = False, message: str | Promise | None = None
) -> None:
    """Refuse an area outside the actor's scope, on ``field``; ``required`` also refuses none for scoped staff."""
    scope = scope_of(actor)
    if not scope or (not code and not required):
        return
    if not within(scope, code):
        raise ValidationError(
            {field: message or _("Choose a place inside your own working area.")}, code="outside_area"
        )


__all__ = ["ancestors", "areas_within", "code_of", "require_within", "scope_of", "steps_towards", "within"]
