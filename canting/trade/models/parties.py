"""Who trades: the buyers an enterprise sells to abroad, the enterprise's own export profile (customs access, REX
registration, who signs), and each product's export facts (confirmed HS code, price in a foreign currency)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from canting.core.models import TimeStamped, user_link
from canting.trade.models.reference import CURRENCY_CODE, HS_CODE
from canting.trade.querysets import EnterpriseOwnedQuerySet, ProductExportQuerySet

REX_NUMBER = RegexValidator(
    r"^ID[A-Z0-9]{6,30}$", _("A REX number starts with ID followed by letters and digits, e.g. IDREX3578123456789.")
)


class Buyer(TimeStamped):
    """A buyer abroad of one enterprise: entered directly or taken from an exhibition lead."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="buyers"
    )
    name = models.CharField(_("contact name"), max_length=150)
    company = models.CharField(_("company"), max_length=200, blank=True)
    country = CountryField(_("country"), db_index=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone or WhatsApp"), max_length=30, blank=True)
    tax_number = models.CharField(
        _("tax or importer number"), max_length=60, blank=True, help_text=_("e.g. EORI, VAT or importer number.")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    lead = models.ForeignKey(
        "exhibitions.Lead",
        verbose_name=_("exhibition lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buyers",
    )
    created_by = user_link(_("created by"))

    objects = EnterpriseOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["company", "name", "id"]
        indexes = [models.Index(fields=["enterprise", "country"], name="trade_buyer_country")]

    def __str__(self) -> str:
        return f"{self.company} ({self.name})" if self.company else self.name


class ExportProfile(TimeStamped):
    """What an enterprise needs to export in its own name beyond the registry: customs access on its NIB, its REX
    number for the EU, who signs its documents and where its money arrives."""

    enterprise = models.OneToOneField(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="export_profile"
    )
    customs_access = models.BooleanField(
        _("NIB registered for customs access"),
        default=False,
        help_text=_("The NIB serves as the exporter's identity and customs access once registered in OSS."),
    )
    customs_access_on = models.DateField(_("customs access since"), null=True, blank=True)
    rex_number = models.CharField(_("REX number"), max_length=40, blank=True, validators=[REX_NUMBER])
    rex_registered_on = models.DateField(_("REX registered on"), null=True, blank=True)
    signatory = models.CharField(_("who signs the documents"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's position"), max_length=100, blank=True)
    bank_details = models.TextField(
        _("bank details for payment"), max_length=1000, blank=True, help_text=_("Bank, account, SWIFT code.")
    )
    port_of_loading = models.CharField(_("usual port of loading"), max_length=120, blank=True)
    updated_by = user_link(_("updated by"))

    objects = EnterpriseOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("export profile")
        verbose_name_plural = _("export profiles")

    def __str__(self) -> str:
        return str(self.enterprise)


class ProductExport(TimeStamped):
    """A product's export facts: the HS code the enterprise confirmed and its price in a foreign currency."""

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="export"
    )
    hs_code = models.CharField(_("HS code"), max_length=13, blank=True, validators=[HS_CODE])
    hs_confirmed_by = user_link(_("HS code confirmed by"))
    hs_confirmed_at = models.DateTimeField(_("HS code confirmed at"), null=True, blank=True)
    price = models.DecimalField(
        _("export price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[CURRENCY_CODE])

    objects = ProductExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("product's export facts")
        verbose_name_plural = _("products' export facts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | ~models.Q(currency=""),
                name="trade_product_price_has_currency",
                violation_error_message=_("Give the currency of the export price."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.hs_code or '-'}"
