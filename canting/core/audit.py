"""The audit trail: every change a service makes is written here (who, when, what, old and new values).

Personal fields named in a model's ``PERSONAL_FIELDS`` are masked before they are stored, so the trail never
becomes a second copy of NIKs and phone numbers.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any, Required, TypedDict, Unpack

from django.db import models
from django.db.models.fields.files import FieldFile

from canting.core.masking import mask_field
from canting.core.models import AuditEvent, User


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(item) for item in value]
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is None or isinstance(value, (str, int, float, bool, dict)):
        return value
    return str(value)  # any other value object (a country, a money type) as its text


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields``, as they would be written to the trail."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(instance, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


class EventFields(TypedDict, total=False):
    """What an audit event says: who (``actor``), what they did (``action``) to which ``instance``, the ``changes``
    (a field to ``[old, new]``) and a ``note``."""

    actor: Required[User | None]
    action: Required[str]
    instance: Required[models.Model]
    changes: dict[str, list[Any]] | None
    note: str


def event(**fields: Unpack[EventFields]) -> AuditEvent:
    """One audit event, not yet saved; personal fields of the instance are masked in its changes."""
    actor, instance = fields["actor"], fields["instance"]
    personal = set(getattr(instance, "PERSONAL_FIELDS", ()))
    masked = {
        name: [mask_field(name, old), mask_field(name, new)] if name in personal else [old, new]
        for name, (old, new) in (fields.get("changes") or {}).items()
    }
    return AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=fields["action"],
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=masked,
        note=fields.get("note", ""),
    )


def record(**fields: Unpack[EventFields]) -> AuditEvent:
    """Write one audit event (see ``EventFields``)."""
    written = event(**fields)
    written.save(force_insert=True)
    return written


def record_all(events: Iterable[AuditEvent]) -> int:
    """Write the events built with ``event`` in one insert (a bulk service's many changes); returns how many."""
    return len(AuditEvent.objects.bulk_create(list(events)))


def history(instance: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk)).select_related(
        "actor"
    )
