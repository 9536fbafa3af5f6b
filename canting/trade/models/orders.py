"""Export orders: from an inquiry to payment, with their lines and packages. The proforma invoice, commercial
invoice and packing list are all written from one order, so they agree by construction."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped, user_link
from canting.trade.models.reference import CURRENCY_CODE, HS_CODE, ClothOrigin, TransportMode
from canting.trade.querysets import ByOrderQuerySet, ExportOrderQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
KG = {"max_digits": 10, "decimal_places": 3, "validators": [MinValueValidator(Decimal(0))]}


class OrderStatus(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    QUOTATION = "quotation", _("Quotation")
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


# The states an order may be in without its exchange rate: the export figures count every other one at its rate.
RATE_MAY_WAIT = (OrderStatus.INQUIRY, OrderStatus.QUOTATION, OrderStatus.CANCELLED)


class Unit(models.TextChoices):
    PIECE = "pcs", _("pieces")
    METRE = "m", _("metres")
    SET = "set", _("sets")
    KILOGRAM = "kg", _("kilograms")


class ExportOrder(TimeStamped):
    """An order from a buyer abroad. ``year`` and ``sequence`` number it within its enterprise; its documents carry
    that number (PI, CI and PL)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="export_orders"
    )
    buyer = models.ForeignKey("trade.Buyer", verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="orders")
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("number in the year"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.INQUIRY, db_index=True
    )
    buyer_reference = models.CharField(_("buyer's order reference"), max_length=80, blank=True)
    incoterm = models.ForeignKey(
        "trade.Incoterm", verbose_name=_("Incoterms rule"), on_delete=models.PROTECT, related_name="+"
    )
    named_place = models.CharField(_("named place"), max_length=150, help_text=_("e.g. Tanjung Perak, Surabaya"))
    transport = models.CharField(_("transport"), max_length=5, choices=TransportMode.choices)
    containerised = models.BooleanField(_("in a container"), default=False)
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY_CODE], default="USD")
    exchange_rate = models.DecimalField(
        _("exchange rate (Rp per unit)"),
        max_digits=16,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
        null=True,
        blank=True,
        help_text=_("An inquiry may wait for it; an order is confirmed only with the rate it is counted at."),
    )
    rate_date = models.DateField(_("rate of"), null=True, blank=True)
    rate_source = models.CharField(_("rate source"), max_length=120, blank=True, help_text=_("e.g. Kurs pajak (KMK)"))
    payment_terms = models.CharField(
        _("payment terms"), max_length=200, blank=True, help_text=_("e.g. 50% T/T in advance, 50% before shipment")
    )
    port_of_loading = models.CharField(_("port or airport of loading"), max_length=120, blank=True)
    port_of_discharge = models.CharField(_("port or airport of discharge"), max_length=120, blank=True)
    carrier = models.CharField(_("carrier, vessel or flight"), max_length=120, blank=True)
    estimated_shipment = models.DateField(_("estimated shipment"), null=True, blank=True)
    offer_valid_until = models.DateField(_("offer valid until"), null=True, blank=True)
    freight = models.DecimalField(_("freight"), default=Decimal(0), **MONEY)  # type: ignore[arg-type]
    insurance = models.DecimalField(_("insurance premium"), default=Decimal(0), **MONEY)  # type: ignore[arg-type]
    insured_percent = models.DecimalField(
        _("insured for (% of value)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(500))],
    )
    insurance_cover = models.CharField(_("insurance cover"), max_length=40, blank=True, help_text=_("e.g. ICC (A)"))
    origin_rule = models.ForeignKey(
        "trade.OriginRule",
        verbose_name=_("proof of origin"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marks = models.TextField(_("shipping marks"), max_length=500, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    shipped_on = models.DateField(_("shipped on"), null=True, blank=True)
    transport_document = models.CharField(
        _("bill of lading or air waybill number"),
        max_length=60,
        blank=True,
        help_text=_("The number of the transport document, once the goods are handed to the carrier."),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    created_by = user_link(_("created by"))

    objects = ExportOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("export order")
        verbose_name_plural = _("export orders")
        ordering = ["-year", "-sequence", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "sequence"],
                name="trade_order_number_once",
                violation_error_message=_("This enterprise already has an order with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(exchange_rate__isnull=False, rate_date__isnull=False)
                | models.Q(status__in=RATE_MAY_WAIT),
                name="trade_order_rate_when_confirmed",
                violation_error_message=_("A confirmed order needs the exchange rate it is counted at, and its date."),
            ),
        ]
        indexes = [models.Index(fields=["status", "shipped_on"], name="trade_order_shipped")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"{self.year}/{self.sequence:03d}"

    def document_number(self, prefix: str) -> str:
        """The number of one of the order's documents: PI (proforma), CI (commercial invoice), PL (packing list)."""
        return f"{prefix}/{self.enterprise_id}/{self.year}/{self.sequence:03d}"


class OrderLine(models.Model):
    order = models.ForeignKey(ExportOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    batch = models.ForeignKey(
        "certification.Batch",
        verbose_name=_("production batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The batch the pieces come from: its tests (azo-amine) travel with the order."),
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        help_text=_("Plain words with fibre and technique, e.g. 100% cotton, hand-drawn batik tulis, kain panjang."),
    )
    hs_code = models.CharField(_("HS code"), max_length=13, validators=[HS_CODE])
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit = models.CharField(_("unit"), max_length=3, choices=Unit.choices, default=Unit.PIECE)
    unit_price = models.DecimalField(_("unit price"), **MONEY)  # type: ignore[arg-type]
    net_weight = models.DecimalField(_("net weight (kg)"), **KG)  # type: ignore[arg-type]
    cloth_origin = models.CharField(
        _("cloth woven"),
        max_length=8,
        choices=ClothOrigin.choices,
        default=ClothOrigin.UNKNOWN,
        help_text=_("Where the cloth came from: preferential origin depends on it."),
    )

    objects = ByOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="trade_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.description


class PackageKind(models.TextChoices):
    CARTON = "carton", _("Carton")
    BOX = "box", _("Box")
    BAG = "bag", _("Bag")
    ROLL = "roll", _("Roll")


class Package(models.Model):
    """A numbered package of the consignment: its size, weights, and which lines it holds."""

    order = models.ForeignKey(ExportOrder, verbose_name=_("order"), on_delete=models.CASCADE, related_name="packages")
    number = models.PositiveSmallIntegerField(_("package number"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=6, choices=PackageKind.choices, default=PackageKind.CARTON)
    length_cm = models.PositiveSmallIntegerField(_("length (cm)"), validators=[MinValueValidator(1)])
    width_cm = models.PositiveSmallIntegerField(_("width (cm)"), validators=[MinValueValidator(1)])
    height_cm = models.PositiveSmallIntegerField(_("height (cm)"), validators=[MinValueValidator(1)])
    gross_weight = models.DecimalField(_("gross weight (kg)"), **KG)  # type: ignore[arg-type]
    net_weight = models.DecimalField(_("net weight (kg)"), **KG)  # type: ignore[arg-type]

    objects = ByOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "number"],
                name="trade_package_number_once",
                violation_error_message=_("This order already has a package with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} #{self.number}"

    @property
    def volume_m3(self) -> Decimal:
        return Decimal(self.length_cm * self.width_cm * self.height_cm) / Decimal(1_000_000)


class PackageItem(models.Model):
    """How much of an order line travels in a package."""

    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.CASCADE, related_name="items")
    line = models.ForeignKey(OrderLine, verbose_name=_("order line"), on_delete=models.CASCADE, related_name="packed")
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        verbose_name = _("package contents")
        verbose_name_plural = _("package contents")
        ordering = ["package", "line__position", "line_id"]
        constraints = [
            models.UniqueConstraint(fields=["package", "line"], name="trade_package_line_once"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="trade_package_item_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.package}: {self.line} x {self.quantity}"
