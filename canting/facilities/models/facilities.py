"""The centre's rooms and equipment, their opening hours and booking rules, closed days and fair-use quotas."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.facilities.querysets import FacilityQuerySet


class FacilityKind(models.TextChoices):
    ROOM = "room", _("Production room")
    EQUIPMENT = "equipment", _("Equipment")
    IPAL = "ipal", _("Wastewater treatment plant (IPAL)")
    GALLERY = "gallery", _("Gallery / showroom")
    TRAINING_ROOM = "training_room", _("Training and meeting room")


class CapacityUnit(models.TextChoices):
    PEOPLE = "people", _("people")
    UNITS = "units", _("units")
    LITRES = "litres", _("litres a day")


def default_closed_weekdays() -> list[int]:
    return [6]  # Sunday (Monday is 0)


class Facility(TimeStamped):
    """A room, piece of equipment or plant of a centre that its enterprises book."""

    centre = models.ForeignKey(
        "registry.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="facilities"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=15, choices=FacilityKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    capacity = models.PositiveIntegerField(_("capacity"), default=1, validators=[MaxValueValidator(1_000_000)])
    capacity_unit = models.CharField(
        _("capacity in"), max_length=10, choices=CapacityUnit.choices, default=CapacityUnit.PEOPLE
    )
    opens_at = models.TimeField(_("opens at"), default="08:00")
    closes_at = models.TimeField(
        _("closes at"), default="16:00", help_text=_("Equal to the opening time for a facility open day and night.")
    )
    closed_weekdays: models.JSONField[list[int]] = models.JSONField(
        _("closed on weekdays"), default=default_closed_weekdays, blank=True, help_text=_("0 is Monday, 6 is Sunday.")
    )
    min_minutes = models.PositiveIntegerField(
        _("shortest booking (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(60 * 24 * 31)]
    )
    max_minutes = models.PositiveIntegerField(
        _("longest booking (minutes)"),
        default=60 * 8,
        validators=[MinValueValidator(15), MaxValueValidator(60 * 24 * 31)],
    )
    max_days_ahead = models.PositiveIntegerField(
        _("bookable up to (days ahead)"), default=60, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    needs_approval = models.BooleanField(
        _("staff must approve"), default=True, help_text=_("Otherwise a booking is approved as it is made.")
    )
    fee_per_hour = models.DecimalField(
        _("fee per hour (Rp)"),
        max_digits=12,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    photo = models.ImageField(_("photo"), upload_to="facilities/", blank=True)
    active = models.BooleanField(_("bookable"), default=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["centre", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="facilities_facility_unique_name",
                violation_error_message=_("This centre already has a facility with this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_minutes__lte=models.F("max_minutes")),
                name="facilities_facility_min_below_max",
                violation_error_message=_("The shortest booking cannot be longer than the longest."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def open_all_day(self) -> bool:
        return self.opens_at == self.closes_at


class ClosedDay(models.Model):
    """A day a centre (every facility) or one facility is closed: a public holiday, maintenance."""

    centre = models.ForeignKey(
        "registry.Centre", verbose_name=_("centre"), on_delete=models.CASCADE, related_name="closed_days"
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closed_days",
        help_text=_("Empty: the whole centre is closed."),
    )
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=150)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} · {self.reason}"


class Quota(models.Model):
    """Fair use: how many hours a month one enterprise (or, with none, every enterprise) may book a facility."""

    facility = models.ForeignKey(Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="quotas")
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the quota of every enterprise without one of its own."),
    )
    hours_per_month = models.PositiveIntegerField(_("hours a month"), validators=[MaxValueValidator(24 * 31)])

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "enterprise"],
                name="facilities_quota_once",
                violation_error_message=_("This facility already has a quota for this enterprise."),
            ),
            models.UniqueConstraint(
                fields=["facility"],
                condition=models.Q(enterprise__isnull=True),
                name="facilities_quota_one_default",
                violation_error_message=_("This facility already has a quota for every enterprise."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} · {self.hours_per_month} h"
