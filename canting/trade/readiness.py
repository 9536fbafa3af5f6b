"""Export readiness: what an enterprise needs before it can export in its own name, and what is still missing.

Six requirements count:

- ``customs``: an NIB registered for customs access (the NIB on the enterprise and the access on its export profile);
- ``npwp``: a tax number on record;
- ``training``: someone of the enterprise attended or completed a training in export procedures;
- ``products``: at least one product with a confirmed HS code and an export price in a foreign currency;
- ``certification``: a valid Batikmark or SNI certificate;
- ``azo``: a passed azo-amine test on one of its products or batches (the market notes say which destinations limit
  azo amines, and to what).

One more is informative and does not count: ``rex``, whether a REX number is on record, which EU consignments
above EUR 6,000 need.

``export_readiness`` answers for a whole queryset of enterprises in two queries, and the
"naik kelas" criterion ``export_readiness`` is met when at least the criterion's target (default: all six) are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from canting.catalogue.models import Product, ProductStatus
from canting.certification.models import BATIKMARK_SCHEMES, Certification
from canting.certification.models.certifications import Scheme
from canting.certification.selectors import azo_passed
from canting.core.links import url_maker
from canting.registry.models import Enterprise
from canting.trade.checks import figure
from canting.trade.models import MarketNote, MarketTopic, OriginRule
from canting.training.models import Enrolment, EnrolmentStatus
from canting.training.models.programmes import ProgrammeKind
from canting.turnover.models import Criterion
from canting.turnover.readiness import Result

KEYS = ("customs", "npwp", "training", "products", "certification", "azo")
INFORMATIVE = ("rex",)
TRAINED = (EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED)
HOME_CURRENCY = "IDR"


@dataclass(frozen=True)
class ReadinessItem:
    """One requirement for one enterprise: met or not, what stands (or what is missing), and a link to the proof
    when met or to the page that puts it right when not."""

    key: str
    met: bool
    text: str
    url: str
    counts: bool = True  # False: informative only


@dataclass
class ExportReadiness:
    enterprise_id: int
    items: list[ReadinessItem] = field(default_factory=list)

    @property
    def counted(self) -> list[ReadinessItem]:
        return [item for item in self.items if item.counts]

    @property
    def met_count(self) -> int:
        return sum(1 for item in self.counted if item.met)

    @property
    def total(self) -> int:
        return len(self.counted)

    @property
    def complete(self) -> bool:
        return self.met_count == self.total

    def item(self, key: str) -> ReadinessItem:
        return next(item for item in self.items if item.key == key)


def _ready_products() -> Q:
    """A product whose export facts carry a confirmed HS code and a price in a currency other than the rupiah."""
    return (
        ~Q(export__hs_code="")
        & Q(export__hs_code__isnull=False)
        & Q(export__hs_confirmed_at__isnull=False)
        & Q(export__price__isnull=False)
        & ~Q(export__currency="")
        & ~Q(export__currency=HOME_CURRENCY)
    )


def _count(rows: QuerySet[Any], what: Count) -> Coalesce:
    """How many of ``rows`` (already tied to the outer enterprise) there are, as a subquery; 0 when none."""
    grouped = rows.order_by().values("enterprise").annotate(n=what).values("n")
    return Coalesce(Subquery(grouped, output_field=IntegerField()), Value(0))


def _annotated(enterprises: QuerySet[Enterprise], on: datetime.date) -> QuerySet[Any]:
    """The enterprises with every figure the checklist reads, in one query: people trained in export procedures,
    products ready for export (all, published, published and ready), the valid Batikmark or SNI certificate
    expiring last, and the export profile's customs access and REX number."""
    own = OuterRef("pk")
    products = Product.objects.filter(enterprise=own)
    published = Q(status=ProductStatus.PUBLISHED)
    schemes = [*BATIKMARK_SCHEMES.values(), Scheme.SNI.value]
    certificate = (
        Certification.objects.valid(on).filter(enterprise=own, scheme__in=schemes).order_by("-expires_on", "pk")
    )
    trained = Enrolment.objects.filter(
        enterprise=own, status__in=TRAINED, session__programme__kind=ProgrammeKind.EXPORT
    )
    return enterprises.order_by().annotate(
        trained=_count(trained, Count("person", distinct=True)),
        ready=_count(products, Count("pk", filter=_ready_products())),
        published=_count(products, Count("pk", filter=published)),
        published_ready=_count(products, Count("pk", filter=published & _ready_products())),
        certificate_id=Subquery(certificate.values("pk")[:1]),
        certificate_number=Subquery(certificate.values("number")[:1]),
    )


def export_readiness(enterprises: QuerySet[Enterprise], on: datetime.date) -> dict[int, ExportReadiness]:
    """Every enterprise of ``enterprises`` against the export requirements on ``on``: two queries whatever their
    number (the enterprises with their figures, then the azo-amine tests)."""
    rows = list(
        _annotated(enterprises, on).values_list(
            "pk",
            "nib",
            "npwp",
            "export_profile__customs_access",
            "export_profile__rex_number",
            "trained",
            "ready",
            "published",
            "published_ready",
            "certificate_id",
            "certificate_number",
        )
    )
    azo = azo_passed(enterprise_ids=[row[0] for row in rows])[2]
    markets = _azo_markets(on)
    rex_threshold = _rex_threshold(on)
    links = _Links()
    found = {}
    for pk, nib, npwp, access, rex, trained, ready, published, published_ready, cert, number in rows:
        profile, edit, detail = links.profile(pk), links.edit(pk), links.detail(pk)
        items = [
            _customs(nib, bool(access), profile, edit),
            ReadinessItem(
                "npwp", bool(npwp), _("NPWP on record") if npwp else _("No NPWP on record"), detail if npwp else edit
            ),
            _training(pk, trained, links),
            _products((ready, published, published_ready), links),
            _certification(pk, (cert, number) if cert else None, links),
            _azo(pk, pk in azo, markets, links),
            ReadinessItem(
                "rex",
                bool(rex),
                _("REX number %(number)s on record") % {"number": rex}
                if rex
                else _("No REX number: EU consignments above %(threshold)s need one") % {"threshold": rex_threshold},
                profile,
                counts=False,
            ),
        ]
        found[pk] = ExportReadiness(pk, items)
    return found


class _Links:
    """The addresses the requirements point to, each name reversed once for all the enterprises asked about."""

    def __init__(self) -> None:
        self.profile = url_maker("trade:profile")
        self.edit = url_maker("registry:enterprise-edit")
        self.detail = url_maker("registry:enterprise-detail")
        self.history = url_maker("training:enterprise-history")
        self.certification_readiness = url_maker("certification:readiness-detail")
        self.certification = url_maker("certification:certification-detail")
        self.readiness = url_maker("trade:readiness")
        self.programmes = reverse("training:programme-list")
        self.products = reverse("catalogue:product-list")
        self.reports = reverse("certification:report-list")


def _customs(nib: str, access: bool, profile: str, edit: str) -> ReadinessItem:
    if not nib:
        return ReadinessItem("customs", False, _("No NIB on record"), edit)
    if not access:
        return ReadinessItem("customs", False, _("NIB %(nib)s, customs access not recorded") % {"nib": nib}, profile)
    return ReadinessItem("customs", True, _("NIB %(nib)s with customs access") % {"nib": nib}, profile)


def _training(pk: int, people: int, links: _Links) -> ReadinessItem:
    if people:
        text = ngettext(
            "%(n)d person trained in export procedures", "%(n)d people trained in export procedures", people
        ) % {"n": people}
        return ReadinessItem("training", True, text, links.history(pk))
    return ReadinessItem("training", False, _("Nobody trained in export procedures yet"), links.programmes)


def _products(counts: tuple[int, int, int], links: _Links) -> ReadinessItem:
    ready, published, published_ready = counts
    text = ngettext(
        "%(n)d product with a confirmed HS code and an export price",
        "%(n)d products with a confirmed HS code and an export price",
        ready,
    ) % {"n": ready}
    text += " " + _("(%(ready)d of %(published)d published)") % {"ready": published_ready, "published": published}
    return ReadinessItem("products", ready > 0, text, links.products)


def _certification(pk: int, found: tuple[int, str] | None, links: _Links) -> ReadinessItem:
    if found is None:
        return ReadinessItem(
            "certification", False, _("No valid Batikmark or SNI certificate"), links.certification_readiness(pk)
        )
    cert, number = found
    return ReadinessItem(
        "certification", True, _("Certificate %(number)s valid") % {"number": number}, links.certification(cert)
    )


def _azo_markets(on: datetime.date) -> str:
    """How many destinations limit azo amines on ``on``, and the strictest limit, from the market notes (one query):
    e.g. "30 destinations allow at most 30 mg/kg"."""
    found = (
        MarketNote.objects.holding_on(on)
        .filter(topic=MarketTopic.AZO, azo_limit__isnull=False)
        .aggregate(countries=Count("country", distinct=True), strictest=Min("azo_limit"))
    )
    if not found["countries"]:
        return _("no destination on record limits them")
    return ngettext(
        "%(n)d destination allows at most %(limit)s mg/kg",
        "%(n)d destinations allow at most %(limit)s mg/kg",
        found["countries"],
    ) % {"n": found["countries"], "limit": format(found["strictest"].normalize(), "f")}


def _rex_threshold(on: datetime.date) -> str:
    """The value above which a consignment needs the exporter's REX number, from the origin rules (one query)."""
    rule = (
        OriginRule.objects.holding_on(on)
        .filter(registration_above__isnull=False)
        .order_by("registration_above")
        .values_list("threshold_currency", "registration_above")
        .first()
    )
    return f"{rule[0]} {figure(rule[1])}" if rule else _("the threshold")


def _azo(pk: int, passed: bool, markets: str, links: _Links) -> ReadinessItem:
    if passed:
        text = _("Passed an azo-amine test (%(markets)s)") % {"markets": markets}
        return ReadinessItem("azo", True, text, links.reports)
    text = _("No passed azo-amine test (%(markets)s)") % {"markets": markets}
    return ReadinessItem("azo", False, text, links.certification_readiness(pk))


def export_readiness_criterion(
    enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date
) -> dict[int, Result]:
    """The "naik kelas" criterion: met when at least ``criterion.target`` of the six requirements are (all six when
    no target is set)."""
    found = export_readiness(enterprises, on)
    page = url_maker("trade:readiness")
    results = {}
    for pk, readiness in found.items():
        target = criterion.target if criterion.target is not None else Decimal(readiness.total)
        text = _("%(met)d of %(total)d export requirements met") % {
            "met": readiness.met_count,
            "total": readiness.total,
        }
        results[pk] = Result(Decimal(readiness.met_count) >= target, text, page(pk))
    return results
