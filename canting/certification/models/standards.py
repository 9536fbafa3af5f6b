"""Standards and their test parameters: the limits a batik cloth is judged against, kept as data with their edition.

A limit changes when a standard is amended; results copy the edition, comparator and limit they were judged by,
so an amendment never rewrites an old verdict.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canting.certification.querysets import StandardQuerySet
from canting.core.models import TimeStamped
from canting.registry.models import Technique

StrOrPromise = str | Promise


class StandardStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DRAFT = "draft", _("Draft")


class Comparator(models.TextChoices):
    """How a measured value is held against a limit. The written rule decides the value exactly at the limit."""

    AT_MOST = "lte", _("at most (≤): the limit itself passes")
    BELOW = "lt", _("below (<): the limit itself fails")
    AT_LEAST = "gte", _("at least (≥): the limit itself passes")
    ABOVE = "gt", _("above (>): the limit itself fails")
    BETWEEN = "between", _("between (inclusive): both limits pass")

    @property
    def symbol(self) -> str:
        return {"lte": "≤", "lt": "<", "gte": "≥", "gt": ">", "between": "-"}[self.value]


def judge(comparator: str, limit: Decimal, value: Decimal, upper: Decimal | None = None) -> bool:
    """Whether ``value`` meets ``limit`` under ``comparator`` (``upper`` closes a between range)."""
    if comparator == Comparator.AT_MOST:
        return value <= limit
    if comparator == Comparator.BELOW:
        return value < limit
    if comparator == Comparator.AT_LEAST:
        return value >= limit
    if comparator == Comparator.ABOVE:
        return value > limit
    if comparator == Comparator.BETWEEN:
        if upper is None:
            raise ValueError("a between comparator needs an upper limit")
        return limit <= value <= upper
    raise ValueError(f"unknown comparator {comparator!r}")


def describe_limit(comparator: str, limit: Decimal, upper: Decimal | None, unit: str) -> str:
    """The limit as a person reads it, e.g. '≥ 4 grade' or '5 - 8 %'."""

    def num(value: Decimal) -> str:
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")

    suffix = f" {unit}" if unit else ""
    if comparator == Comparator.BETWEEN and upper is not None:
        return f"{num(limit)} - {num(upper)}{suffix}"
    return f"{Comparator(comparator).symbol} {num(limit)}{suffix}"


class Standard(TimeStamped):
    """A published standard (SNI, EN ISO, a buyer's rule) in one edition."""

    code = models.CharField(_("code"), max_length=60, help_text=_("e.g. SNI 8302"))
    title = models.CharField(_("title"), max_length=250)
    edition = models.CharField(_("edition"), max_length=60, help_text=_("e.g. 2016, Amd 1:2019"))
    source = models.CharField(_("source"), max_length=250, help_text=_("Where the text or the limit comes from."))
    status = models.CharField(
        _("status"), max_length=10, choices=StandardStatus.choices, default=StandardStatus.IN_FORCE, db_index=True
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["code", "edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "edition"],
                name="certification_standard_unique_edition",
                violation_error_message=_("This edition of this standard is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}:{self.edition}"


class Parameter(TimeStamped):
    """One requirement of a standard: what is measured, how, and the limit it must meet."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="parameters"
    )
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("e.g. %, grade, mg/kg, cm"))
    test_method = models.CharField(_("test method"), max_length=150, blank=True)
    comparator = models.CharField(_("comparator"), max_length=8, choices=Comparator.choices)
    limit = models.DecimalField(_("limit"), max_digits=12, decimal_places=3)
    upper_limit = models.DecimalField(
        _("upper limit"), max_digits=12, decimal_places=3, null=True, blank=True, help_text=_("Only for 'between'.")
    )
    techniques: models.JSONField[list[str]] = models.JSONField(
        _("techniques"), default=list, blank=True, help_text=_("Empty means every technique.")
    )
    limit_checked = models.BooleanField(
        _("limit checked against the standard text"),
        default=False,
        help_text=_("Leave unticked while the limit is provisional."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("test parameter")
        verbose_name_plural = _("test parameters")
        ordering = ["standard", "position", "id"]
        constraints = [
            # The name is kept per language (``canting/certification/translation.py``); the constraints name the
            # language columns themselves. Indonesian is required; an English name, when given, is unique too.
            models.UniqueConstraint(
                fields=["standard", "name_ind"],
                name="certification_parameter_unique_name",
                violation_error_message=_("This standard already has a parameter with this name."),
            ),
            models.UniqueConstraint(
                fields=["standard", "name_en"],
                condition=~models.Q(name_en=""),
                name="certification_parameter_unique_name_en",
                violation_error_message=_("This standard already has a parameter with this English name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.standard})"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.comparator == Comparator.BETWEEN:
            if self.upper_limit is None:
                errors["upper_limit"] = _("A range needs an upper limit.")
            elif self.limit is not None and self.upper_limit < self.limit:
                errors["upper_limit"] = _("The upper limit must not be below the lower limit.")
        elif self.upper_limit is not None:
            errors["upper_limit"] = _("Only a 'between' comparator takes an upper limit.")
        unknown = [t for t in self.techniques or [] if t not in Technique.values]
        if not isinstance(self.techniques, list) or unknown:
            errors["techniques"] = _("Unknown technique.")
        if errors:
            raise ValidationError(errors)

    @property
    def limit_text(self) -> str:
        return describe_limit(self.comparator, self.limit, self.upper_limit, self.unit)

    def applies_to(self, technique: str) -> bool:
        return not self.techniques or technique in self.techniques
