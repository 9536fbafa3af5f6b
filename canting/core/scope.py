"""Who sees and does what: the one place that says it. Every app's ``querysets.py`` and every service check read
these rules; nothing else decides them.

- **Staff** (an office officer) see what lies in their working area: a province, a regency or a smaller area, by its
  Kemendagri code (the whole country when their account names none). An account may also name one **centre**: then
  its officer sees only that centre's enterprises and what hangs off them (people, products, reports, classes,
  certificates, labels, bookings, export orders), the centre's facilities and the dashboard's figures of that
  centre. The office's events (training programmes and sessions, exhibitions) are shared work across centres and are
  seen whole by every officer of the area. Staff may only put things inside their area: an enterprise in another
  city would vanish from their own lists the moment they saved it.
- An **artisan** sees their own enterprise and what hangs off it.
- An **assessor** sees what they are assigned to (each app says what); a **visitor** (not signed in, or an inactive
  login) only the public pages.
- The **system** (the demo, a scheduled task, a management command: ``actor`` None in a service) acts everywhere. A
  service checks an actor only when there is one; that is the one rule for the system actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from canting.core.models import Area, Role

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' name for a lazy translation


def signed_in(user: Any) -> bool:
    """A person signed in with an active login."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_staff(user: Any) -> bool:
    return signed_in(user) and user.role == Role.STAFF


def staff_area(user: Any) -> str | None:
    """The area code staff are kept to ('' for the whole country); None for anyone who is not staff."""
    return str(user.area_id or "") if is_staff(user) else None


def staff_centre(user: Any) -> int | None:
    """The one centre a staff account is kept to, if it names one."""
    return int(user.centre_id) if is_staff(user) and getattr(user, "centre_id", None) else None


def artisan_enterprise(user: Any) -> int | None:
    """The enterprise an artisan's login manages; None for anyone else."""
    if signed_in(user) and user.role == Role.ARTISAN and user.enterprise_id:
        return int(user.enterprise_id)
    return None


def staff_places(user: Any, *, village: str, centre: str | None = None) -> Q | None:
    """For staff, a Q keeping rows whose village (the field path ``village``, to an area code) lies in their area
    and, when their account names a centre and ``centre`` is given (a path to a centre id), that belongs to it.
    ``Q()`` for national staff; None for anyone who is not staff."""
    area = staff_area(user)
    if area is None:
        return None
    q = Q(**{f"{village}__startswith": area}) if area else Q()
    kept_to = staff_centre(user)
    if kept_to is not None and centre is not None:
        q &= Q(**{centre: kept_to})
    return q


def require_staff(actor: Any, message: str | _StrPromise) -> None:
    """Refuse an actor who is not office staff, with ``message`` (code ``not_staff``); the system (None) may."""
    if actor is not None and not is_staff(actor):
        raise ValidationError(message, code="not_staff")


def scope_of(user: Any) -> str:
    """The area code a signed-in officer works in; '' for national staff and everyone else."""
    return staff_area(user) or ""


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


__all__ = [
    "ancestors",
    "areas_within",
    "artisan_enterprise",
    "code_of",
    "is_staff",
    "require_staff",
    "require_within",
    "scope_of",
    "signed_in",
    "staff_area",
    "staff_centre",
    "staff_places",
    "steps_towards",
    "within",
]
