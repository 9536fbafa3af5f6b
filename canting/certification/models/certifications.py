"""Certifications an enterprise holds: Batikmark, SNI product certificates, OEKO-TEX and others."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.certification.querysets import CertificationQuerySet
from canting.core.models import TimeStamped
from canting.registry.models import Technique


class Scheme(models.TextChoices):
    BATIKMARK_TULIS = "batikmark_tulis", _("Batikmark, batik tulis")
    BATIKMARK_CAP = "batikmark_cap", _("Batikmark, batik cap")
    BATIKMARK_KOMBINASI = "batikmark_kombinasi", _("Batikmark, batik kombinasi")
    SNI = "sni", _("SNI product certificate")
    OEKOTEX = "oekotex", _("OEKO-TEX Standard 100")
    OTHER = "other", _("Other")


BATIKMARK_SCHEMES = {
    Technique.TULIS.value: Scheme.BATIKMARK_TULIS.value,
    Technique.CAP.value: Scheme.BATIKMARK_CAP.value,
    Technique.KOMBINASI.value: Scheme.BATIKMARK_KOMBINASI.value,
}
# How long a certificate of each scheme is valid when the issuer does not say otherwise (Batikmark 3 years,
# OEKO-TEX 12 months); the expiry date on the certificate itself always wins.
VALIDITY_MONTHS = {
    Scheme.BATIKMARK_TULIS.value: 36,
    Scheme.BATIKMARK_CAP.value: 36,
    Scheme.BATIKMARK_KOMBINASI.value: 36,
    Scheme.OEKOTEX.value: 12,
}
REMINDER_DAYS = (90, 30)


class CertificationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Certification(TimeStamped):
    """A certificate held by an enterprise, for all its products or for the ones named."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="certifications"
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices, db_index=True)
    title = models.CharField(_("title"), max_length=150, blank=True, help_text=_("Needed when the scheme is Other."))
    number = models.CharField(_("certificate number"), max_length=80)
    issuer = models.CharField(_("issuer"), max_length=150)
    products = models.ManyToManyField(
        "catalogue.Product",
        verbose_name=_("products covered"),
        blank=True,
        related_name="certifications",
        help_text=_("Leave empty when the certificate covers the whole enterprise."),
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificationStatus.choices,
        default=CertificationStatus.ACTIVE,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    test_reports = models.ManyToManyField(
        "certification.TestReport", verbose_name=_("test reports"), blank=True, related_name="certifications"
    )
    document = models.FileField(_("certificate scan"), upload_to="certification/certificates/%Y/", blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "number"],
                name="certification_certification_unique_number",
                violation_error_message=_("A certificate of this scheme with this number is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.number}"

    @property
    def is_batikmark(self) -> bool:
        return self.scheme in BATIKMARK_SCHEMES.values()

    def valid_on(self, day: datetime.date | None = None) -> bool:
        """Active and not past its expiry date (the daily task may not have marked it expired yet)."""
        day = day or timezone.localdate()
        return self.status == CertificationStatus.ACTIVE and self.expires_on >= day

    def effective_status(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if self.status == CertificationStatus.ACTIVE and self.expires_on < day:
            return CertificationStatus.EXPIRED.value
        return str(self.status)


class CertificationReminder(models.Model):
    """That the reminder ``days`` before expiry was sent, so the daily task sends each one once."""

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="reminders")
    days = models.PositiveSmallIntegerField()
    expires_on = models.DateField(help_text="The expiry date the reminder was about; a renewal reminds again.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certification", "days", "expires_on"], name="certification_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.certification_id}: {self.days} days before {self.expires_on}"
