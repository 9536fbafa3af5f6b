"""Motifs: the patterns a region's batik is known by, with the story and meaning behind each."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.catalogue.querysets import MotifQuerySet
from canting.core.models import Area, TimeStamped


class Motif(TimeStamped):
    """A batik motif (e.g. Surya Majapahit). Name, story and meaning are kept in Indonesian and English."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    region = models.CharField(
        _("region of origin"), max_length=120, help_text=_("As people say it, e.g. Kota Mojokerto.")
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area of origin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The Kemendagri area the motif comes from, when it is known."),
    )
    story = models.TextField(_("story"), help_text=_("Where the motif comes from and how it came to be."))
    meaning = models.TextField(_("meaning"), blank=True, help_text=_("What its shapes stand for."))
    ip_number = models.CharField(_("IP registration number"), max_length=60, blank=True)
    ip_date = models.DateField(_("IP registration date"), null=True, blank=True)
    ip_holder_enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("IP holder (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motifs_held",
    )
    ip_holder_name = models.CharField(
        _("IP holder (other)"), max_length=200, blank=True, help_text=_("When the holder is the city or another body.")
    )
    related = models.ManyToManyField("self", verbose_name=_("related motifs"), blank=True, symmetrical=True)

    objects = MotifQuerySet.as_manager()

    class Meta:
        verbose_name = _("motif")
        verbose_name_plural = _("motifs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("showcase:motif", args=[self.slug])

    @property
    def ip_holder(self) -> str:
        return str(self.ip_holder_enterprise) if self.ip_holder_enterprise_id else self.ip_holder_name
