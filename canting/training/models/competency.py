"""Competency units and schemes: what an artisan can be assessed on, as data.

Units come from the batik industry's national competency standard (SKKNI, Kepmenaker 104/2018 today); a scheme
is the set of units an LSP certifies together. A person found Kompeten in every unit of a scheme may be certified by
that LSP: the LSP issues the certificate under its BNSP licence, and the office records it in Canting from its scan.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped


class CompetencyUnit(TimeStamped):
    """One SKKNI unit, e.g. using the canting cap."""

    code = models.CharField(_("unit code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=250)
    standard = models.CharField(
        _("standard"),
        max_length=150,
        default="SKKNI industri batik, Kepmenaker 104/2018",
        help_text=_("The competency standard the unit belongs to."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("competency unit")
        verbose_name_plural = _("competency units")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class CompetencyScheme(TimeStamped):
    """A certification scheme: the units an LSP assesses and certifies together (e.g. the batik cap package)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    issuer = models.CharField(_("issuer"), max_length=200, help_text=_("The LSP that certifies it, e.g. LSP BBKB."))
    issuer_licence = models.CharField(
        _("LSP licence number"),
        max_length=60,
        blank=True,
        help_text=_("The BNSP licence of the LSP, as printed on its certificates, e.g. BNSP-LSP-1485-ID."),
    )
    units = models.ManyToManyField(CompetencyUnit, verbose_name=_("units"), related_name="schemes")
    validity_months = models.PositiveSmallIntegerField(_("certificate valid for (months)"), default=36)

    class Meta:
        verbose_name = _("competency scheme")
        verbose_name_plural = _("competency schemes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
