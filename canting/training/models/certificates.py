"""Certificates of attendance and of competency, each verifiable by anyone from its QR code.

Canting issues (and prints) only the organiser's certificate of attendance. A certificate of competency is issued
by the licensed LSP under BNSP; Canting records it from the LSP's paper (number, validity, licence, units, scan)
and never prints one.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.training.querysets import CertificateQuerySet


class CertificateKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Certificate of attendance")
    COMPETENCY = "competency", _("Certificate of competency")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Certificate(TimeStamped):
    """A certificate a person holds: issued through Canting from a session, or recorded from a scan."""

    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind.choices, db_index=True)
    number = models.CharField(_("certificate number"), max_length=80, unique=True)
    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("holder"), on_delete=models.PROTECT, related_name="training_certificates"
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    scheme = models.ForeignKey(
        "training.CompetencyScheme",
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    title = models.CharField(_("title"), max_length=250, help_text=_("What the certificate is for."))
    issuer = models.CharField(_("issuer"), max_length=200)
    issuer_licence = models.CharField(
        _("issuer's licence number"),
        max_length=60,
        blank=True,
        help_text=_("For a competency certificate: the LSP's BNSP licence, as printed on it (e.g. BNSP-LSP-1485-ID)."),
    )
    units: models.JSONField[list[dict[str, str]]] = models.JSONField(
        _("units"), default=list, blank=True, help_text=_("The units certified, as they stood when issued.")
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CertificateStatus.choices, default=CertificateStatus.VALID, db_index=True
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True, editable=False)
    external = models.BooleanField(_("issued elsewhere"), default=False)
    scan = models.FileField(_("scan"), upload_to="training/certificates/%Y/", blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} · {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("certificate-short", args=[self.code])

    def state(self, day: datetime.date | None = None) -> str:
        """valid, expired or revoked, as the public verification page says it."""
        if self.status == CertificateStatus.REVOKED:
            return "revoked"
        day = day or timezone.localdate()
        if self.expires_on is not None and self.expires_on < day:
            return "expired"
        return "valid"
