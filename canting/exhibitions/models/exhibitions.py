"""Exhibitions the city organises or joins, their booths, the enterprises that exhibit, and which booth each holds."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from canting.core.models import Area, TimeStamped, user_link
from canting.exhibitions.querysets import AssignmentQuerySet, BoothQuerySet, ExhibitionQuerySet, ExhibitorQuerySet


class ExhibitionKind(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class Exhibition(TimeStamped):
    """An exhibition or fair: organised by the city, or joined elsewhere with the city's support."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=15, choices=ExhibitionKind.choices, default=ExhibitionKind.LOCAL)
    organised_by_city = models.BooleanField(
        _("organised by the city"), default=True, help_text=_("Off for an exhibition the city's enterprises join.")
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The office's region it belongs to: staff of that region run it."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    budget = models.DecimalField(
        _("budget (Rp)"), max_digits=16, decimal_places=0, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    call_text = models.TextField(_("call for exhibitors"), blank=True, max_length=4000)
    application_deadline = models.DateField(_("applications close"), null=True, blank=True)
    selection_criteria = models.TextField(_("selection criteria"), blank=True, max_length=2000)
    public = models.BooleanField(_("on the public calendar"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-starts_on", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="exhibitions_exhibition_ends_after_start",
                violation_error_message=_("An exhibition cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Booth(models.Model):
    """A stand at an exhibition, let to one exhibitor at a time."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="booths"
    )
    code = models.CharField(_("code"), max_length=20)
    width_m = models.DecimalField(_("width (m)"), max_digits=5, decimal_places=1, default=Decimal(3))
    depth_m = models.DecimalField(_("depth (m)"), max_digits=5, decimal_places=1, default=Decimal(3))
    position = models.CharField(_("position"), max_length=150, blank=True, help_text=_("e.g. near the entrance"))
    price = models.DecimalField(
        _("price (Rp)"), max_digits=14, decimal_places=0, default=Decimal(0), validators=[MinValueValidator(0)]
    )

    objects = BoothQuerySet.as_manager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["exhibition", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "code"],
                name="exhibitions_booth_unique_code",
                violation_error_message=_("This exhibition already has a booth with this code."),
            )
        ]

    def __str__(self) -> str:
        return self.code


class ExhibitorStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("exhibitor status", "Applied")
    INVITED = "invited", _("Invited")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Exhibitor(TimeStamped):
    """An enterprise at an exhibition: it applied or was invited, and staff selected it (or not)."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="exhibitors"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="exhibitors"
    )
    status = models.CharField(_("status"), max_length=10, choices=ExhibitorStatus.choices, db_index=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    decided_by = user_link(_("decided by"))

    objects = ExhibitorQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["exhibition", "enterprise__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "enterprise"],
                name="exhibitions_exhibitor_once",
                violation_error_message=_("This enterprise is already on this exhibition's list."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.exhibition}"


class BoothAssignment(models.Model):
    """A booth given to an exhibitor for some days of the exhibition.

    One booth never holds two exhibitors on overlapping days: the database refuses it (an exclusion constraint on
    PostgreSQL, triggers on SQLite; see migration 0002), whatever happens at the same moment.
    """

    booth = models.ForeignKey(Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="assignments")
    exhibitor = models.ForeignKey(
        Exhibitor, verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="assignments"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    active = models.BooleanField(_("active"), default=True)
    assigned_by = user_link(_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("booth assignment")
        verbose_name_plural = _("booth assignments")
        ordering = ["booth", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="exhibitions_assignment_ends_after_start",
                violation_error_message=_("An assignment cannot end before it starts."),
            )
        ]
        indexes = [models.Index(fields=["booth", "starts_on", "ends_on"], name="exhibitions_assignment_days")]

    def __str__(self) -> str:
        return f"{self.booth} · {self.exhibitor_id}"
