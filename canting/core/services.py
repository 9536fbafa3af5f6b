"""Building blocks every app's services use: validate, save and audit in one step."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.models import User

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' name for a lazy translation

M = TypeVar("M", bound=models.Model)


def editable_fields(instance: models.Model, exclude: Iterable[str] = ()) -> list[str]:
    skip = {"id", "created_at", "updated_at", *exclude}
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.name not in skip and f.editable and not getattr(f, "primary_key", False)
    ]


def create(instance: M, *, actor: User | None, action: str, note: str = "") -> M:
    """Validate (fields, uniqueness, constraints), insert, and write the audit event."""
    instance.full_clean()
    instance.save()
    fields = editable_fields(instance)
    audit.record(
        actor=actor,
        action=action,
        instance=instance,
        changes=audit.diff({}, audit.snapshot(instance, fields)),
        note=note,
    )
    return instance


def update(
    instance: M,
    changes: dict[str, Any],
    *,
    actor: User | None,
    action: str,
    note: str = "",
    prepare: Callable[[M], None] | None = None,
    derived: Sequence[str] = (),
) -> M:
    """Apply ``changes`` (field -> new value), validate, save only what changed, and audit old and new values.

    ``prepare`` runs after the changes are applied and before validation, for rules that compute fields (named in
    ``derived``) or check the whole object. Nothing is written when the values are refused or when nothing changed.
    """
    fields = [*changes, *(name for name in derived if name not in changes)]
    before = audit.snapshot(instance, fields)
    for name, value in changes.items():
        setattr(instance, name, value)
    if prepare is not None:
        prepare(instance)
    instance.full_clean()
    after = audit.snapshot(instance, fields)
    changed = audit.diff(before, after)
    if not changed:
        return instance
    update_fields = [instance._meta.get_field(name).name for name in changed]
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    audit.record(actor=actor, action=action, instance=instance, changes=changed, note=note)
    return instance


def require_visible(queryset: Any, instance: models.Model, actor: User | None, message: str | _StrPromise) -> None:
    """Refuse to act on ``instance`` when ``actor`` could not see it (another area, another enterprise).

    ``queryset`` is a model's manager or queryset with the house's ``for_user`` method.

    Pages and the API already find objects through ``for_user``; this guards the service itself, for every caller.
    ``actor`` None is the system (the demo, a scheduled task), which acts everywhere.
    """
    if actor is None:
        return
    if not queryset.for_user(actor).filter(pk=instance.pk).exists():
        raise ValidationError(message, code="outside_area")


def expire_lapsed(
    queryset: models.QuerySet[M], *, live: dict[str, Any], expired: dict[str, Any], today: datetime.date, action: str
) -> int:
    """Record as expired (``expired`` changes, an audit event each, by no one) the rows of ``queryset`` still
    ``live`` whose ``expires_on`` is before ``today``; each in its own transaction, re-checked under lock so that two
    runs never record one expiry twice. How many."""
    count = 0
    due = queryset.filter(**live, expires_on__lt=today).order_by("pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            row = queryset.select_for_update().filter(pk=pk, **live, expires_on__lt=today).first()
            if row is None:
                continue
            note = _("Expired on %(date)s.") % {"date": row.expires_on.isoformat()}  # type: ignore[attr-defined]
            update(row, expired, actor=None, action=action, note=note)
            count += 1
    return count
