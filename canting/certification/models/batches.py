"""Production batches: a run of one product, with the fabric and dyes it was made from.

A batch is what test samples are taken from and what serial labels are issued for, so a label leads back to the
cloth, the dyes (for naphthol, the developing salt) and the mordant of the pieces it hangs on.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canting.certification.querysets import BatchQuerySet
from canting.core.models import TimeStamped

StrOrPromise = str | Promise


class DyeClass(models.TextChoices):
    NAPHTHOL = "naphthol", _("Naphthol (azoic, developed with a salt)")
    INDIGOSOL = "indigosol", _("Indigosol")
    REMAZOL = "remazol", _("Remazol (reactive)")
    DIRECT = "direct", _("Direct")
    VAT = "vat", _("Vat")
    NATURAL = "natural", _("Natural")


class Mordant(models.TextChoices):
    ALUM = "alum", _("Alum (tawas)")
    FERROUS_SULPHATE = "ferrous_sulphate", _("Ferrous sulphate (tunjung)")
    LIME = "lime", _("Lime (kapur)")
    OTHER = "other", _("Other")


class Batch(TimeStamped):
    """One production run of a product."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="batches"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="batches",
        editable=False,
    )
    code = models.CharField(_("batch code"), max_length=40, help_text=_("The enterprise's own code; unique within it."))
    quantity = models.PositiveIntegerField(
        _("quantity (pieces)"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    fabric_lot = models.CharField(_("fabric lot"), max_length=80, blank=True)
    dye_classes: models.JSONField[list[str]] = models.JSONField(_("dye classes"), default=list, blank=True)
    dyes = models.CharField(_("dyes used"), max_length=250, blank=True, help_text=_("e.g. Naphthol AS-BO, indigo"))
    naphthol_salt = models.CharField(
        _("naphthol salt"), max_length=120, blank=True, help_text=_("The diazonium salt that developed the naphthol.")
    )
    mordant = models.CharField(_("mordant"), max_length=20, choices=Mordant.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("production batch")
        verbose_name_plural = _("production batches")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "code"],
                name="certification_batch_unique_code",
                violation_error_message=_("This enterprise already has a batch with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.product}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        classes = self.dye_classes or []
        if not isinstance(classes, list) or any(c not in DyeClass.values for c in classes):
            errors["dye_classes"] = _("Unknown dye class.")
        elif DyeClass.NAPHTHOL in classes and not self.naphthol_salt.strip():
            errors["naphthol_salt"] = _("Name the salt that developed the naphthol.")
        elif DyeClass.NATURAL in classes and not self.mordant:
            errors["mordant"] = _("Name the mordant used with the natural dyes.")
        if self.finished_on and self.started_on and self.finished_on < self.started_on:
            errors["finished_on"] = _("A batch cannot finish before it starts.")
        if errors:
            raise ValidationError(errors)
