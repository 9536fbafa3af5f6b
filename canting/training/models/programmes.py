"""Training programmes and their sessions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.training.querysets import ProgrammeQuerySet, SessionQuerySet


class ProgrammeKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical production")
    STANDARDS = "standards", _("Product standards")
    EXPORT = "export", _("Export procedures and documents")
    DESIGN = "design", _("Design")
    DIGITAL = "digital", _("Digital marketing")
    OTHER = "other", _("Other")


class Programme(TimeStamped):
    """A training programme an office runs or sends artisans to, and who pays for it."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ProgrammeKind.choices, db_index=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    partner = models.CharField(_("partner institution"), max_length=200, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True, help_text=_("e.g. APBD 2023"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    target_group = models.CharField(_("target group"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        "core.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The city or regency whose office runs it; staff see their area's programmes."),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class TrainingSession(TimeStamped):
    """One run of a programme: dates, place, seats, trainers and the units it covers."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    quota = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1), MaxValueValidator(1000)])
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers and assessors"),
        blank=True,
        related_name="trained_sessions",
        limit_choices_to={"role": "assessor"},
    )
    trainer_names = models.CharField(
        _("other trainers"), max_length=250, blank=True, help_text=_("Trainers without a login, by name.")
    )
    units = models.ManyToManyField(
        "training.CompetencyUnit", verbose_name=_("competency units covered"), blank=True, related_name="sessions"
    )
    scheme = models.ForeignKey(
        "training.CompetencyScheme",
        verbose_name=_("competency scheme assessed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    open_for_applications = models.BooleanField(_("artisans may apply"), default=True)
    apply_by = models.DateField(_("apply by"), null=True, blank=True)
    centre_only = models.BooleanField(
        _("only enterprises of a centre"),
        default=False,
        help_text=_("Only people of enterprises that belong to a centre may take part."),
    )
    new_to_programme_only = models.BooleanField(
        _("only those not yet trained in this programme"),
        default=False,
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.programme.title}, {self.starts_on:%d-%m-%Y}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})

    @property
    def days(self) -> list[datetime.date]:
        """Every day of the session, first to last (attendance is taken per day)."""
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(count)]
