"""Serial labels and their checks: each piece carries a code that leads to its public product passport.

Codes are random (never sequential), so holding one label tells nothing about the codes of its neighbours; a
check character catches a mistyped code before the database is asked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.certification.querysets import LabelQuerySet, LabelRunQuerySet
from canting.core.models import TimeStamped
from canting.registry.models import Technique


class LabelRun(TimeStamped):
    """One issue of labels for a batch: how many, by whom, and the certificate they print, if any."""

    batch = models.ForeignKey(
        "certification.Batch", verbose_name=_("batch"), on_delete=models.PROTECT, related_name="label_runs"
    )
    count = models.PositiveIntegerField(_("number of labels"))
    technique = models.CharField(_("technique"), max_length=12, choices=Technique.choices, editable=False)
    certification = models.ForeignKey(
        "certification.Certification",
        verbose_name=_("certificate printed on the labels"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="label_runs",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    objects = LabelRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("label issue")
        verbose_name_plural = _("label issues")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.batch} ({self.count})"

    @property
    def certified(self) -> bool:
        return self.certification_id is not None


class LabelStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")


class Label(models.Model):
    """One serial label, sewn or tagged onto one piece."""

    run = models.ForeignKey(LabelRun, verbose_name=_("label issue"), on_delete=models.CASCADE, related_name="labels")
    batch = models.ForeignKey(
        "certification.Batch",
        verbose_name=_("batch"),
        on_delete=models.PROTECT,
        related_name="labels",
        editable=False,
    )
    code = models.CharField(_("code"), max_length=16, unique=True, editable=False)
    position = models.PositiveIntegerField(_("position on the sheet"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=LabelStatus.choices,
        default=LabelStatus.ACTIVE,
        db_index=True,
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True, editable=False)
    checks_count = models.PositiveIntegerField(_("times checked"), default=0, editable=False)

    objects = LabelQuerySet.as_manager()

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["run", "position"]

    def __str__(self) -> str:
        return self.display_code

    def get_absolute_url(self) -> str:
        return reverse("passport-short", args=[self.code])

    @property
    def display_code(self) -> str:
        from canting.core.codes import display

        return display(self.code)


class LabelCheck(models.Model):
    """How often a label was checked on one day from one country: a counter, with nothing about the visitor."""

    label = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="checks")
    day = models.DateField()
    country = models.CharField(max_length=2, blank=True, help_text="From the browser's language tag; blank if none.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["label", "day", "country"], name="certification_labelcheck_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label_id} {self.day} {self.country or '-'}: {self.count}"
