"""Spreadsheet imports: an upload is checked row by row and shown as a preview; only a clean preview is applied.

Checking and applying run in the background (``canting.registry.tasks``), so a batch passes through two working
states: checking (the uploaded file waits in ``source`` until it has been read) and applying.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking")
    PREVIEW = "preview", _("Preview")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")
    REFUSED = "refused", _("Refused")  # the file could not be read as a workbook in the template's layout


WORKING = (ImportStatus.CHECKING, ImportStatus.APPLYING)  # a task is on it (queued or running)


class ImportBatch(TimeStamped):
    """One uploaded workbook: its parsed rows, every row's errors, and whether it was applied."""

    # What the pages that list or poll batches read: never the rows (60,000 of them for a province) or the file.
    LIGHT_FIELDS = ("id", "created_by", "filename", "status", "summary", "applied_at", "created_at", "updated_at")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    # The upload until the check has read it; like the rows it holds NIKs and phones, so it is kept no longer.
    source = models.BinaryField(_("uploaded file"), null=True, blank=True)
    rows: models.JSONField[dict[str, Any]] = models.JSONField(_("parsed rows"), default=dict)
    errors: models.JSONField[list[dict[str, Any]]] = models.JSONField(_("errors"), default=list)
    summary: models.JSONField[dict[str, Any]] = models.JSONField(_("summary"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("registry:import-preview", args=[self.pk])
