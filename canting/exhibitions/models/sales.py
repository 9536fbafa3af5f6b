"""What exhibitors sold each day, how many visitors came, and the buyers who showed interest."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from canting.core.models import TimeStamped, user_link
from canting.exhibitions.querysets import LeadQuerySet, SaleQuerySet, VisitorCountQuerySet


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    QRIS = "qris", _("QRIS")
    TRANSFER = "transfer", _("Bank transfer")
    CARD = "card", _("Card")


class Sale(TimeStamped):
    """One sale at an exhibitor's booth: a product from its catalogue or a free description."""

    exhibitor = models.ForeignKey(
        "exhibitions.Exhibitor", verbose_name=_("exhibitor"), on_delete=models.CASCADE, related_name="sales"
    )
    day = models.DateField(_("day"))
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibition_sales",
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    amount = models.DecimalField(
        _("amount (Rp)"),
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal("9999999999"))],
    )
    payment = models.CharField(_("payment"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.CASH)
    recorded_by = user_link(_("recorded by"))

    objects = SaleQuerySet.as_manager()

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        ordering = ["-day", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(product__isnull=True, description=""),
                name="exhibitions_sale_says_what",
                violation_error_message=_("Choose a product or describe what was sold."),
            )
        ]
        indexes = [models.Index(fields=["exhibitor", "day"], name="exhibitions_sale_day")]

    def __str__(self) -> str:
        return f"{self.exhibitor_id} · {self.day} · {self.amount}"


class VisitorCount(models.Model):
    """How many visitors came to an exhibition on one day, as staff counted them."""

    exhibition = models.ForeignKey(
        "exhibitions.Exhibition", verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="visitor_counts"
    )
    day = models.DateField(_("day"))
    visitors = models.PositiveIntegerField(_("visitors"), validators=[MaxValueValidator(10_000_000)])
    recorded_by = user_link(_("recorded by"))

    objects = VisitorCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        ordering = ["exhibition", "day"]
        constraints = [models.UniqueConstraint(fields=["exhibition", "day"], name="exhibitions_visitors_once_a_day")]

    def __str__(self) -> str:
        return f"{self.exhibition_id} · {self.day} · {self.visitors}"


class LeadState(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    NEGOTIATING = "negotiating", _("Negotiating")
    WON = "won", _("Became an order")
    LOST = "lost", _("Lost")


class Lead(TimeStamped):
    """A buyer who showed interest at an exhibition, and how following them up goes."""

    exhibition = models.ForeignKey(
        "exhibitions.Exhibition", verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="leads"
    )
    exhibitor = models.ForeignKey(
        "exhibitions.Exhibitor",
        verbose_name=_("exhibitor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="leads",
        help_text=_("Empty for a lead staff captured for the whole exhibition."),
    )
    name = models.CharField(_("name"), max_length=150)
    company = models.CharField(_("company"), max_length=200, blank=True)
    country = CountryField(_("country"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone or WhatsApp"), max_length=30, blank=True)
    products = models.ManyToManyField(
        "catalogue.Product", verbose_name=_("products of interest"), blank=True, related_name="exhibition_leads"
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    state = models.CharField(_("follow-up"), max_length=12, choices=LeadState.choices, default=LeadState.NEW)
    captured_by = user_link(_("captured by"))

    objects = LeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("buyer lead")
        verbose_name_plural = _("buyer leads")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="", phone=""),
                name="exhibitions_lead_reachable",
                violation_error_message=_("Give an e-mail address or a phone number to reach the buyer."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"
