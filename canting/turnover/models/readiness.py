"""The "naik kelas" readiness score: weighted criteria kept as data, and graduations approved by staff."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.turnover.models.classes import BusinessClass
from canting.turnover.querysets import GraduationQuerySet


class CriterionKind(models.TextChoices):
    """What a criterion looks at. Each has one evaluator in ``canting.turnover.readiness``; ``target`` tunes it."""

    LEGALITY = "legality", _("Legality: NIB with KBLI 13134 and NPWP")
    TRADEMARK = "trademark", _("Trademark (HKI merek) granted or filed")
    BATIKMARK = "batikmark", _("Active Batikmark certificate")
    SNI = "sni", _("Active SNI product certificate")
    CERTIFIED_WORKERS = "certified_workers", _("People holding a valid competency certificate (at least target)")
    TRAININGS = "trainings", _("Trainings completed by its people (at least target)")
    TURNOVER_GROWTH = "turnover_growth", _("Turnover growth over the last 12 months, in percent (at least target)")
    EXHIBITIONS = "exhibitions", _("Exhibitions taken part in over the last 12 months (at least target)")
    ONLINE = "online", _("Products published on the showcase (at least target)")
    EXPORT_READINESS = "export_readiness", _("Export readiness checklist complete")
    REPORTING = "reporting", _("Months reported of the last 12 (at least target)")


class Criterion(TimeStamped):
    """One weighted item of the readiness checklist."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("what it checks"), max_length=20, choices=CriterionKind.choices)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    target = models.DecimalField(
        _("target"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The number to reach, for checks that count (people, months, percent)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("readiness criterion")
        verbose_name_plural = _("readiness criteria")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class ReadinessScore(models.Model):
    """An enterprise's readiness score as last computed, with each criterion's result: what the office's list
    filters, sorts and pages on. Derived data, kept by ``canting.turnover.services.readiness`` (daily for every
    enterprise, and at once when turnover reports change); ``stale`` marks a score awaiting its refresh."""

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="readiness",
    )
    score = models.PositiveSmallIntegerField(_("readiness score"), validators=[MaxValueValidator(100)])
    items: models.JSONField[list[dict[str, object]]] = models.JSONField(
        _("criteria"), default=list, help_text=_("Each criterion's code, whether it is met, its value and its proof.")
    )
    computed_at = models.DateTimeField(_("computed at"))
    stale = models.BooleanField(_("awaiting refresh"), default=False)

    class Meta:
        verbose_name = _("readiness score")
        verbose_name_plural = _("readiness scores")
        indexes = [
            # The list sorts every score in scope: read from this index alone, not from rows wide with their items.
            models.Index(
                fields=["enterprise"], include=["score", "computed_at", "stale"], name="turnover_readiness_sort"
            ),
            models.Index(fields=["stale"], name="turnover_readiness_stale", condition=models.Q(stale=True)),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.score}"


class GraduationStatus(models.TextChoices):
    MONITORING = "monitoring", _("Graduated, monitored")
    COMPLETED = "completed", _("Monitoring completed")
    CANCELLED = "cancelled", _("Cancelled")


class Graduation(TimeStamped):
    """Staff's decision that an enterprise has moved up, and the months of turnover monitoring that follow."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="graduations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GraduationStatus.choices, default=GraduationStatus.MONITORING
    )
    score = models.PositiveSmallIntegerField(_("readiness score"), validators=[MaxValueValidator(100)])
    criteria: models.JSONField[list[dict[str, object]]] = models.JSONField(
        _("criteria at approval"),
        default=list,
        help_text=_("Each criterion's result when the graduation was approved."),
    )
    business_class = models.CharField(_("class at approval"), max_length=10, choices=BusinessClass.choices, blank=True)
    approved_on = models.DateField(_("approved on"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )
    monitoring_months = models.PositiveSmallIntegerField(
        _("months of monitoring"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    monitoring_until = models.DateField(_("monitored until"))
    note = models.TextField(_("note"), blank=True, max_length=2000)

    objects = GraduationQuerySet.as_manager()

    class Meta:
        verbose_name = _("graduation")
        verbose_name_plural = _("graduations")
        ordering = ["-approved_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=models.Q(status="monitoring"),
                name="turnover_graduation_one_monitored",
                violation_error_message=_("This enterprise is already being monitored after a graduation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.approved_on}"
