"""The audit trail: every change a service makes is written here (who, when, what, old and new values).

Personal fields named in a model's ``PERSONAL_FIELDS`` are masked before they are stored, so the trail never
becomes a second copy of NIKs and phone numbers.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

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


def record(
    *,
    actor: User | None,
    action: str,
    instance: models.Model,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEvent:
    """Write one audit event for ``instance``; ``changes`` maps a field to ``[old, new]``."""
    personal = set(getattr(instance, "PERSONAL_FIELDS", ()))
    masked = {
        name: [mask_field(name, old), mask_field(name, new)] if name in personal else [old, new]
        for name, (old, new) in (changes or {}).items()
    }
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=masked,
        note=note,
    )


def history(instance: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk)).select_related(
        "actor"
    )
