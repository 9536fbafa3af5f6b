"""Reference data of the export desk, kept as data because it changes: the HS table for batik products, the
Incoterms 2020 rules and the transport modes each allows, the proof of origin each destination takes, market notes
(labelling, azo-amine limits, small-parcel thresholds) and exchange rates. Each row carries its source and the
dates it holds from and until; staff edit them, and every edit is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from canting.core.models import TimeStamped
from canting.trade.querysets import ReferenceQuerySet

HS_CODE = RegexValidator(r"^\d{4}(\.\d{2}){1,3}$", _("Write an HS code as 4 digits, a dot and 2 digits, e.g. 5208.52."))
NATIONAL_CODE = RegexValidator(
    r"^\d{4}\.\d{2}\.\d{2}$", _("Write a national code as 8 digits in three groups, e.g. 6214.40.10.")
)
CURRENCY_CODE = RegexValidator(r"^[A-Z]{3}$", _("Write a currency as its three-letter ISO 4217 code, e.g. USD."))


class TransportMode(models.TextChoices):
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    POST = "post", _("Post or courier")
    ROAD = "road", _("Road")


class Dated(TimeStamped):
    """A row of reference data: where it comes from, and the days it holds (``valid_until`` empty: still holds)."""

    source = models.CharField(_("source"), max_length=250, help_text=_("The regulation, agreement or page it follows."))
    valid_from = models.DateField(_("holds from"))
    valid_until = models.DateField(_("holds until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        abstract = True

    def holds_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class HsArticle(models.TextChoices):
    FABRIC = "fabric", _("Fabric (cloth by the metre or piece)")
    SHIRT = "shirt", _("Men's shirt")
    BLOUSE = "blouse", _("Women's blouse")
    DRESS = "dress", _("Dress")
    SHAWL = "shawl", _("Shawl or scarf")
    SARONG = "sarong", _("Sarong worn as a garment")
    TABLE_LINEN = "table_linen", _("Table linen")
    FURNISHING = "furnishing", _("Cushion cover or wall hanging")
    BAG = "bag", _("Handbag")
    PAINTING = "painting", _("Batik painting")
    ACCESSORY = "accessory", _("Made-up clothing accessory (mask, tie, part of a garment)")


class HsFibre(models.TextChoices):
    """The fibres the HS table tells apart. ``MAN_MADE`` is the HS group of synthetic and artificial (rayon) fibres;
    ``OTHER`` on a row means every fibre its sibling rows (same heading, same article) do not name."""

    COTTON = "cotton", _("Cotton")
    SILK = "silk", _("Silk")
    RAYON = "rayon", _("Rayon (viscose)")
    SYNTHETIC = "synthetic", _("Synthetic fibre (polyester, nylon, acrylic)")
    MAN_MADE = "man_made", _("Man-made fibre")
    OTHER = "other", _("Other fibre")


class Weave(models.TextChoices):
    PLAIN = "plain", _("Plain weave")
    OTHER = "other", _("Other weave")


class HsCode(Dated):
    """A line of the HS table for batik products and the facts that lead to it (fibre, article, weave, weight).

    An empty weave or weight band matches anything; an empty fibre only suits headings that do not split by fibre
    (handbags, paintings). ``national_code`` is the 8-digit Indonesian line (BTKI 2022) the export declaration (PEB)
    needs, confirmed on its own. The suggestion takes the most specific row that matches a product."""

    code = models.CharField(_("HS code"), max_length=13, validators=[HS_CODE], help_text=_("Six digits, e.g. 5208.52."))
    national_code = models.CharField(
        _("national code (BTKI 2022)"),
        max_length=13,
        blank=True,
        validators=[NATIONAL_CODE],
        help_text=_("The 8-digit Indonesian line the export declaration (PEB) needs, e.g. 6214.40.10, when known."),
    )
    national_confirmed = models.BooleanField(
        _("national code confirmed"),
        default=False,
        help_text=_("Off while no source has confirmed the 8-digit line: the documents mark it unconfirmed."),
    )
    description = models.CharField(_("description"), max_length=250)
    article = models.CharField(_("article"), max_length=12, choices=HsArticle.choices)
    fibre = models.CharField(_("fibre"), max_length=10, choices=HsFibre.choices, blank=True)
    weave = models.CharField(_("weave"), max_length=6, choices=Weave.choices, blank=True)
    min_fibre_percent = models.PositiveSmallIntegerField(
        _("at least this share of the fibre (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    below_fibre_percent = models.PositiveSmallIntegerField(
        _("less than this share of the fibre (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    mixed_with = models.CharField(
        _("mixed mainly with"),
        max_length=10,
        choices=HsFibre.choices,
        blank=True,
        help_text=_("For blends: the fibre with the next largest share."),
    )
    above_gsm = models.PositiveSmallIntegerField(_("heavier than (g/m²)"), null=True, blank=True)
    up_to_gsm = models.PositiveSmallIntegerField(_("up to (g/m²)"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Off while no source has confirmed the line: the desk says so.")
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="trade_hs_code_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class Incoterm(Dated):
    """One of the eleven Incoterms 2020 rules and what it means for the desk's checks."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=80)
    edition = models.CharField(_("edition"), max_length=30, default="Incoterms 2020")
    modes = models.JSONField(_("transport modes it allows"), default=list)
    containers = models.BooleanField(_("fit for containers"), default=True)
    place_meaning = models.CharField(_("the named place is"), max_length=120)
    risk_passes = models.CharField(_("risk passes"), max_length=250)
    seller_insures = models.BooleanField(_("the seller must insure"), default=False)
    min_insured_percent = models.DecimalField(
        _("insured at least (% of value)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    insurance_cover = models.CharField(_("minimum cover"), max_length=40, blank=True, help_text=_("e.g. ICC (C)"))
    seller_clears_import = models.BooleanField(_("the seller clears import and pays duties"), default=False)
    alternative = models.ForeignKey(
        "self",
        verbose_name=_("rule to use for other transport"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Incoterms rule")
        verbose_name_plural = _("Incoterms rules")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"

    def allows(self, mode: str) -> bool:
        return mode in self.modes


class ProofKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of origin issued through e-SKA")
    DECLARATION = "declaration", _("Origin declaration or statement by the exporter")
    NONE = "none", _("No preferential proof")


class OriginRule(Dated):
    """The proof of origin a destination takes under one agreement. Several may hold for a country: the first by
    position is suggested. A rule with no country answers for every country without one of its own (Form B)."""

    country = CountryField(_("destination"), blank=True, db_index=True)
    document = models.CharField(_("document"), max_length=80, help_text=_("e.g. Form D, REX statement on origin"))
    agreement = models.CharField(_("agreement or scheme"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ProofKind.choices)
    issued_by = models.CharField(_("issued by"), max_length=150, blank=True)
    registration_above = models.DecimalField(
        _("exporter registration needed above"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A consignment worth more than this needs the exporter's registration number (REX)."),
    )
    threshold_currency = models.CharField(
        _("currency of the threshold"), max_length=3, blank=True, validators=[CURRENCY_CODE]
    )
    statement = models.TextField(
        _("statement printed on the invoice"),
        blank=True,
        max_length=2000,
        help_text=_(
            "{exporter} stands for the exporter's registration number, left out when there is none; {criteria} for "
            "the origin criterion of each originating line, e.g. W 6205 (line 1)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    scheme = models.CharField(
        _("scheme key"),
        max_length=20,
        blank=True,
        help_text=_("Links the rule to its product-specific rules, e.g. EU-GSP."),
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Off while no source has confirmed that it is in force: it then grants no preference."),
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("proof-of-origin rule")
        verbose_name_plural = _("proof-of-origin rules")
        ordering = ["country", "position", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_above__isnull=True) | ~models.Q(threshold_currency=""),
                name="trade_origin_threshold_has_currency",
                violation_error_message=_("Give the currency of the threshold."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country or '*'}: {self.document}"


class ClothOrigin(models.TextChoices):
    """Where the cloth of a piece was woven: the product-specific rules of origin turn on it."""

    WOVEN_ID = "woven_id", _("Woven in Indonesia")
    IMPORTED = "imported", _("Imported cloth")
    UNKNOWN = "unknown", _("Not known")


class ProductRule(Dated):
    """The product-specific rule of origin of a scheme for one HS heading (4 digits) or chapter (2 digits): the
    cloth origins that meet it and the origin criterion the statement on origin gives, e.g. "W" + the heading.

    ``confirmed`` stays off until the rule text has been checked against its source: the desk then says
    "unconfirmed" beside every verdict it draws from the rule."""

    scheme = models.CharField(_("scheme key"), max_length=20, db_index=True, help_text=_("e.g. EU-GSP"))
    heading = models.CharField(
        _("HS heading or chapter"),
        max_length=4,
        validators=[RegexValidator(r"^\d{2}(\d{2})?$", _("Write 4 digits (a heading) or 2 (a chapter)."))],
    )
    rule = models.TextField(_("rule"), max_length=2000)
    originating_cloth = models.JSONField(
        _("cloth origins that meet the rule"), default=list, help_text=_('e.g. ["woven_id"]')
    )
    criterion = models.CharField(
        _("origin criterion"), max_length=10, help_text=_("Printed before the heading, e.g. W gives W 6205.")
    )
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Off while the rule text is not checked against its source.")
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("product-specific origin rule")
        verbose_name_plural = _("product-specific origin rules")
        ordering = ["scheme", "heading", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "heading", "valid_from"], name="trade_product_rule_once_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.heading}"


class MarketTopic(models.TextChoices):
    LABELLING = "labelling", _("Labelling")
    AZO = "azo", _("Azo-amine limit")
    PARCEL = "parcel", _("Small parcels")
    OTHER = "other", _("Other")


class MarketNote(Dated):
    """What a destination asks of a consignment: a label, an azo-amine limit, a small-parcel threshold."""

    country = CountryField(_("destination"), db_index=True)
    topic = models.CharField(_("topic"), max_length=10, choices=MarketTopic.choices)
    text = models.TextField(_("note"), max_length=2000)
    azo_limit = models.DecimalField(_("azo-amine limit (mg/kg)"), max_digits=8, decimal_places=2, null=True, blank=True)
    parcel_threshold = models.DecimalField(
        _("small-parcel threshold"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    parcel_currency = models.CharField(
        _("currency of the threshold"), max_length=3, blank=True, validators=[CURRENCY_CODE]
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("market note")
        verbose_name_plural = _("market notes")
        ordering = ["country", "topic", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(topic="azo") | models.Q(azo_limit__isnull=False),
                name="trade_market_azo_note_has_limit",
                violation_error_message=_("An azo-amine note needs its limit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country}: {self.get_topic_display()}"


class ExchangeRate(TimeStamped):
    """Rupiah per unit of a currency on a day (e.g. the Finance Ministry's weekly rate): used to compare an order
    with a threshold in another currency and to report export values in rupiah."""

    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY_CODE])
    day = models.DateField(_("day"))
    rupiah = models.DecimalField(
        _("rupiah per unit"), max_digits=16, decimal_places=4, validators=[MinValueValidator(Decimal("0.0001"))]
    )
    source = models.CharField(_("source"), max_length=250)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "day"],
                name="trade_rate_once_a_day",
                violation_error_message=_("This currency already has a rate on this day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.day}: Rp {self.rupiah}"


class CustomsLimit(models.TextChoices):
    POSTAL_MAX_KG = "postal_max_kg", _("Heaviest parcel a consignment note (CN) may declare, kg")
    PEB_DAYS_AHEAD = "peb_days_ahead", _("Earliest filing of the export declaration (PEB), days before shipment")


class CustomsRule(Dated):
    """A figure of Indonesian export customs the desk checks against, e.g. the 30 kg limit of the postal route."""

    limit = models.CharField(_("rule"), max_length=20, choices=CustomsLimit.choices)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("customs rule")
        verbose_name_plural = _("customs rules")
        ordering = ["limit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["limit", "valid_from"], name="trade_customs_rule_once_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_limit_display()}: {self.value}"
