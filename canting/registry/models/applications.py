"""Self-registration: an artisan's request to register an enterprise, waiting for staff review."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped
from canting.registry.querysets import ApplicationQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Application(TimeStamped):
    """A registration sent through the public form. The applicant follows it with a private link."""

    enterprise = models.OneToOneField(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="application"
    )
    applicant = models.ForeignKey(
        "registry.Person", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    email = models.EmailField(_("email"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Shown to the applicant when rejected."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The login made for the applicant when the registration was approved: erasing the person ends it too.
    login = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
        editable=False,
    )
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.enterprise)

    def get_absolute_url(self) -> str:
        return reverse("registry:application-detail", args=[self.pk])
