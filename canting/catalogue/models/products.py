"""Products: the pieces an enterprise makes and sells, each with the facts a buyer asks about."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.catalogue.querysets import ProductQuerySet
from canting.core.models import TimeStamped
from canting.registry.models import Technique


class ProductType(models.TextChoices):
    KAIN_PANJANG = "kain_panjang", _("Kain panjang (long cloth)")
    SARUNG = "sarung", _("Sarung")
    SELENDANG = "selendang", _("Selendang (shawl)")
    SCARF = "scarf", _("Scarf")
    KEMEJA = "kemeja", _("Kemeja (shirt)")
    BLOUSE = "blouse", _("Blouse")
    DRESS = "dress", _("Dress")
    BAG = "bag", _("Bag")
    HOME_TEXTILE = "home_textile", _("Home textile")
    WALL_HANGING = "wall_hanging", _("Wall hanging")
    OTHER = "other", _("Other")


class Fabric(models.TextChoices):
    PRIMISSIMA = "primissima", _("Cotton primissima")
    PRIMA = "prima", _("Cotton prima")
    DOBBY = "dobby", _("Cotton dobby")
    VOILE = "voile", _("Cotton voile")
    SILK = "silk", _("Silk")
    RAYON = "rayon", _("Rayon")
    LINEN = "linen", _("Linen")
    OTHER = "other", _("Other")


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Product(TimeStamped):
    """A piece or a line of pieces. Tiruan (printed imitation) may be listed, but is never presented as batik."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="products"
    )
    sku = models.CharField(_("SKU"), max_length=40, help_text=_("The enterprise's own code; unique within it."))
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    motifs = models.ManyToManyField("catalogue.Motif", verbose_name=_("motifs"), blank=True, related_name="products")
    technique = models.CharField(_("technique"), max_length=12, choices=Technique.choices, db_index=True)
    product_type = models.CharField(_("product type"), max_length=16, choices=ProductType.choices, db_index=True)
    fabric = models.CharField(_("fabric"), max_length=16, choices=Fabric.choices, db_index=True)
    fibres: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        _("fibre composition"), default=list, blank=True, help_text=_('e.g. [{"fibre": "cotton", "percent": 100}]')
    )
    weight_gsm = models.PositiveSmallIntegerField(
        _("fabric weight (g/m²)"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(1000)]
    )
    length_cm = models.PositiveSmallIntegerField(
        _("length (cm)"), null=True, blank=True, validators=[MaxValueValidator(2000)]
    )
    width_cm = models.PositiveSmallIntegerField(
        _("width (cm)"), null=True, blank=True, validators=[MaxValueValidator(2000)]
    )
    dyes: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        _("dyes"), default=list, blank=True, help_text=_('e.g. [{"name": "indigo", "natural": true}]')
    )
    natural_dye = models.BooleanField(_("natural dye"), default=False, db_index=True, editable=False)
    production_days = models.PositiveSmallIntegerField(
        _("production days"), null=True, blank=True, validators=[MaxValueValidator(730)]
    )
    price = models.DecimalField(
        _("price (Rp)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(Decimal(0))], db_index=True
    )
    stock = models.PositiveIntegerField(_("stock"), default=0, validators=[MaxValueValidator(1_000_000)])
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT, db_index=True
    )
    featured = models.BooleanField(_("featured on the home page"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    quality_hold = models.BooleanField(
        _("held back: suspected imitation"),
        default=False,
        editable=False,
        help_text=_("Set while an authenticity inspection's suspicion is open; the showcase leaves the piece out."),
    )

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "sku"],
                name="catalogue_product_unique_sku",
                violation_error_message=_("This enterprise already has a product with this SKU."),
            )
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("showcase:product", args=[self.slug])

    @property
    def is_batik(self) -> bool:
        """Only wax-resist cloth is batik; a printed imitation never is, whatever its pattern."""
        return self.technique != Technique.TIRUAN
