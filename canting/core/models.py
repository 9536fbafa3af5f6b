"""Shared models: users and their roles, Kemendagri areas, and the audit trail."""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in person may do; 'public' is everyone who is not signed in."""

    STAFF = "staff", _("Office staff")
    ARTISAN = "artisan", _("Artisan")
    ASSESSOR = "assessor", _("Assessor")


def user_link(verbose_name: Any) -> models.ForeignKey:
    """A note of which user did something (recorded, decided, assigned): kept empty if that account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AreaLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    REGENCY = 2, _("Regency / city")
    DISTRICT = 3, _("District (kecamatan)")
    VILLAGE = 4, _("Village (kelurahan / desa)")


class Area(models.Model):
    """An administrative area with its Kemendagri code, e.g. 35.76.02.1001 (Kelurahan Gununggedangan).

    The code is the key: a record's region is found by the prefix of its village code.
    """

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(_("level"), choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def path(self) -> str:
        """Village, district, city, province: the way an address names them."""
        parts = []
        area: Area | None = self
        while area is not None:
            parts.append(area.name)
            area = area.parent
        return ", ".join(parts)


class CantingUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> User:
        # A superuser administers the whole deployment: an office login with no area limit.
        extra_fields.setdefault("role", Role.STAFF)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A login. Its role decides what it may do; an artisan's login belongs to one enterprise."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ARTISAN)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="logins",
        help_text=_("For artisans: the enterprise this login manages."),
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("working area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For staff: the region they serve. Empty means every region."),
    )
    centre = models.ForeignKey(
        "registry.Centre",
        verbose_name=_("centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For staff: the one centre they serve, if they serve only one. Empty means every centre."),
    )

    objects: ClassVar[CantingUserManager] = CantingUserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="artisan") | models.Q(enterprise__isnull=False) | models.Q(is_active=False),
                name="core_user_artisan_has_enterprise",
                violation_error_message=_("An active artisan login must belong to an enterprise."),
            )
        ]

    @property
    def is_office_staff(self) -> bool:
        return self.is_authenticated and self.role == Role.STAFF

    @property
    def is_artisan(self) -> bool:
        return self.is_authenticated and self.role == Role.ARTISAN

    @property
    def is_assessor(self) -> bool:
        return self.is_authenticated and self.role == Role.ASSESSOR


class AuditEvent(models.Model):
    """One change made through a service: who, when, what, and each changed field's old and new value."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    changes: models.JSONField[dict[str, Any]] = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    @property
    def readable_changes(self) -> list[tuple[str, Any, Any]]:
        """(field label, old, new) with the labels the model gives its fields, in the reader's language.

        Values read as a person would say them: a choice by its label, a linked record by its name (its id once it
        is gone), a yes-or-no field as yes or no. Linked records are fetched at most once per model per event.
        """
        from django.apps import apps
        from django.core.exceptions import FieldDoesNotExist

        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            model = None
        entries: list[tuple[str, Any, Any, Any]] = []
        for name, values in self.changes.items():
            label = name
            field = None
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist):
                    field = model._meta.get_field(name)
                    # A reverse relation (an order's lines, say) is named by the related model's plural.
                    meta = field.related_model._meta if field.auto_created and not field.concrete else None
                    label = str(meta.verbose_name_plural if meta else field.verbose_name)
            old, new = [*values, None, None][:2] if isinstance(values, list) else (None, values)
            entries.append((label, field, old, new))
        linked = _linked_records([(field, value) for _label, field, old, new in entries for value in (old, new)])
        return [
            (label, _readable_value(field, old, linked), _readable_value(field, new, linked))
            for label, field, old, new in entries
        ]


def _link_target(field: Any) -> tuple[type[models.Model], models.Field[Any, Any]] | None:
    """The model and the field a foreign key, one-to-one or many-to-many field of the audited model points at (a
    many-to-many change is stored as a list of ids); None for other fields."""
    if field is None or not getattr(field, "concrete", False):
        return None
    if getattr(field, "many_to_many", False):
        return field.related_model, field.related_model._meta.pk
    if not (getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False)):
        return None
    return field.related_model, field.target_field


def _link_key(target: models.Field[Any, Any], value: Any) -> Any:
    """A stored id in the form the linked model's key takes (services store some ids as text), or None."""
    if value is None or isinstance(value, (bool, list, dict)):
        return None
    try:
        return target.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


def _linked_records(values: list[tuple[Any, Any]]) -> dict[tuple[Any, str, Any], models.Model]:
    """The records that foreign-key values name, keyed by (model, key field, key): one query per linked model."""
    wanted: dict[tuple[Any, str], set[Any]] = {}
    for field, value in values:
        link = _link_target(field)
        if link is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            key = _link_key(link[1], item)
            if key is not None:
                wanted.setdefault((link[0], link[1].name), set()).add(key)
    found: dict[tuple[Any, str, Any], models.Model] = {}
    for (related, key_field), keys in wanted.items():
        target = related._meta.get_field(key_field)
        by = "pk" if target.primary_key else key_field
        # The base manager: a record a default manager hides is still the record the history names.
        for record in related._base_manager.in_bulk(list(keys), field_name=by).values():
            found[(related, key_field, getattr(record, target.attname))] = record
    return found


def _readable_value(field: Any, value: Any, linked: dict[tuple[Any, str, Any], models.Model]) -> Any:
    """One stored value as a reader should see it; anything not known to be a choice, a link or a yes/no is kept."""
    if value is None or field is None:
        return value
    link = _link_target(field)
    if link is not None:
        if isinstance(value, list):
            return [_readable_value(field, item, linked) for item in value]
        record = linked.get((link[0], link[1].name, _link_key(link[1], value)))
        return str(record) if record is not None else value
    if getattr(field, "choices", None) and not isinstance(value, (list, dict)):
        labels = dict(field.flatchoices)
        if value in labels:
            return str(labels[value])
        with contextlib.suppress(ValidationError, TypeError, ValueError):
            key = field.to_python(value)
            if key in labels:
                return str(labels[key])
        return value  # a choice since removed
    if isinstance(field, models.BooleanField) and isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return value
