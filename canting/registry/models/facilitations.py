"""Facilitation: the legality and support an enterprise received (NIB, trademark, halal, Batikmark, SNI, ...)."""

from __future__ import annotations

from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.registry.querysets import FacilitationQuerySet


class FacilitationKind(models.TextChoices):
    NIB = "nib", _("Business identity number (NIB)")
    TRADEMARK = "trademark", _("Trademark (HKI)")
    HALAL = "halal", _("Halal certificate")
    SIINAS = "siinas", _("SIINas registration")
    BATIKMARK = "batikmark", _("Batikmark")
    SNI = "sni", _("SNI product certificate")
    EXPORTER = "exporter", _("Exporter registration")
    OTHER = "other", _("Other")


class FacilitationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROCESS = "in_process", _("In process")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


class Facilitation(TimeStamped):
    """One piece of support or legality for an enterprise, and who paid for it."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="facilitations"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FacilitationKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Needed when the kind is Other."))
    number = models.CharField(_("number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FacilitationStatus.choices,
        default=FacilitationStatus.PLANNED,
        db_index=True,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to="facilitations/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )
    programme = models.CharField(_("programme that paid for it"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = FacilitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("facilitation")
        verbose_name_plural = _("facilitations")
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(granted_on__isnull=True)
                | models.Q(expires_on__gte=models.F("granted_on")),
                name="registry_facilitation_expiry_after_grant",
                violation_error_message=_("The expiry date cannot come before the date it was granted."),
            )
        ]

    def __str__(self) -> str:
        label = self.title if self.kind == FacilitationKind.OTHER and self.title else self.get_kind_display()
        return f"{label} - {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("registry:enterprise-detail", args=[self.enterprise_id]) + "#facilitations"
