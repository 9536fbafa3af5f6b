"""The "naik kelas" readiness score: one evaluator per CriterionKind, each over a whole queryset of enterprises.

An evaluator takes the enterprises, the criterion (for its target) and the day, and returns per enterprise id a
``Result``: met or not, the value shown, and the URL of the record that proves it (or of the page that puts it
right), or None. Each runs a fixed number of queries whatever the number of enterprises; the modules it reads are
asked through their models. Exhibitions and export readiness have no module yet: they answer "no records yet"
until a module registers its own evaluator with ``register``.

Score = weights of the criteria met / weights of the active criteria * 100, rounded.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from canting.catalogue.models import Product, ProductStatus
from canting.certification.models import BATIKMARK_SCHEMES, Certification
from canting.certification.models.certifications import Scheme as CertificationScheme
from canting.certification.readiness import TRADEMARK_STATUSES
from canting.core.dates import add_months
from canting.core.links import url_maker
from canting.registry.models import Enterprise, Facilitation, FacilitationKind, FacilitationStatus
from canting.training.models import Certificate, CertificateKind, CertificateStatus, Enrolment, EnrolmentStatus
from canting.turnover.models import FILED, Criterion, CriterionKind, TurnoverReport

BATIK_KBLI = "13134"
GRADUATION_NOTE_BELOW = 70  # under this score, approving a graduation needs a note


class Result(NamedTuple):
    met: bool
    value: str
    url: str | None


Evaluator = Callable[[QuerySet[Enterprise], Criterion, datetime.date], dict[int, Result]]
EVALUATORS: dict[str, Evaluator] = {}


def register(kind: str) -> Callable[[Evaluator], Evaluator]:
    """Make ``function`` the evaluator of ``kind`` (a later module replaces a placeholder this way)."""

    def decorate(function: Evaluator) -> Evaluator:
        EVALUATORS[kind] = function
        return function

    return decorate


def _ids(enterprises: QuerySet[Enterprise]) -> list[int]:
    return list(enterprises.values_list("pk", flat=True))


def _target(criterion: Criterion, default: int) -> Decimal:
    return criterion.target if criterion.target is not None else Decimal(default)


def last_months(on: datetime.date, count: int = 12) -> tuple[datetime.date, datetime.date]:
    """The first and the last month of the ``count`` complete months before ``on``'s month."""
    last = add_months(on.replace(day=1), -1)
    return add_months(last, -(count - 1)), last


def _count_result(found: int, target: Decimal, text: str, evidence: str | None, fix: str | None) -> Result:
    met = Decimal(found) >= target
    return Result(met, text, evidence if found else fix)


# --- registry -------------------------------------------------------------------------------------------------
@register(CriterionKind.LEGALITY)
def legality(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    edit, detail = url_maker("registry:enterprise-edit"), url_maker("registry:enterprise-detail")
    # Translated once, not once per enterprise: tens of thousands of them in the daily refresh.
    missing_text, complete_text = _("missing: %(items)s"), _("NIB %(nib)s, NPWP on file, KBLI %(kbli)s")
    results = {}
    for pk, nib, npwp, kbli in enterprises.values_list("pk", "nib", "npwp", "kbli_codes"):
        missing = [
            label
            for label, ok in (
                ("NIB", bool(nib)),
                ("NPWP", bool(npwp)),
                (f"KBLI {BATIK_KBLI}", BATIK_KBLI in (kbli or [])),
            )
            if not ok
        ]
        if missing:
            text = missing_text % {"items": ", ".join(missing)}
            results[pk] = Result(False, text, edit(pk))
        else:
            text = complete_text % {"nib": nib, "kbli": BATIK_KBLI}
            results[pk] = Result(True, text, detail(pk))
    return results


def count_by_enterprise(rows: QuerySet[Any]) -> dict[int, int]:
    """How many of ``rows`` each enterprise has, in one grouped query."""
    return dict(rows.order_by().values("enterprise").annotate(n=Count("id")).values_list("enterprise", "n"))


@register(CriterionKind.TRADEMARK)
def trademark(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    found: dict[int, tuple[str, str]] = {}
    rows = (
        Facilitation.objects.filter(
            enterprise__in=enterprises, kind=FacilitationKind.TRADEMARK, status__in=TRADEMARK_STATUSES
        )
        .order_by("enterprise_id", "status")  # "granted" sorts before "in_process"
        .values_list("enterprise_id", "status", "number")
    )
    for enterprise_id, status, number in rows:
        found.setdefault(enterprise_id, (status, number or "-"))
    detail, create = url_maker("registry:enterprise-detail"), url_maker("registry:facilitation-create")
    granted, in_process = _("registered, number %(number)s"), _("application in process, number %(number)s")
    none = _("no trademark recorded")
    results = {}
    for pk in _ids(enterprises):
        if pk in found:
            status, number = found[pk]
            text = (granted if status == FacilitationStatus.GRANTED else in_process) % {"number": number}
            results[pk] = Result(True, text, detail(pk) + "#facilitations")
        else:
            results[pk] = Result(False, none, create(pk))
    return results


# --- certification --------------------------------------------------------------------------------------------
def _certifications(
    enterprises: QuerySet[Enterprise], schemes: list[str], on: datetime.date, none_text: str, fix: Callable[[int], str]
) -> dict[int, Result]:
    found: dict[int, tuple[int, str, datetime.date]] = {}
    rows = (
        Certification.objects.valid(on)
        .filter(enterprise__in=enterprises, scheme__in=schemes)
        .order_by("enterprise_id", "-expires_on")
        .values_list("enterprise_id", "pk", "number", "expires_on")
    )
    for enterprise_id, pk, number, expires in rows:
        found.setdefault(enterprise_id, (pk, number, expires))
    detail = url_maker("certification:certification-detail")
    valid = _("%(number)s, valid until %(date)s")
    results = {}
    for pk in _ids(enterprises):
        if pk in found:
            cert, number, expires = found[pk]
            text = valid % {"number": number, "date": expires.strftime("%d-%m-%Y")}
            results[pk] = Result(True, text, detail(cert))
        else:
            results[pk] = Result(False, none_text, fix(pk))
    return results


@register(CriterionKind.BATIKMARK)
def batikmark(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    return _certifications(
        enterprises,
        list(BATIKMARK_SCHEMES.values()),
        on,
        _("no valid Batikmark"),
        url_maker("certification:readiness-detail"),
    )


@register(CriterionKind.SNI)
def sni(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    certifications = reverse("certification:certification-list")
    return _certifications(
        enterprises, [CertificationScheme.SNI.value], on, _("no valid SNI certificate"), lambda pk: certifications
    )


# --- training -------------------------------------------------------------------------------------------------
@register(CriterionKind.CERTIFIED_WORKERS)
def certified_workers(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    target = _target(criterion, 1)
    rows = (
        Certificate.objects.filter(
            kind=CertificateKind.COMPETENCY,
            person__memberships__enterprise__in=enterprises,
        )
        .exclude(status=CertificateStatus.REVOKED)  # valid on the day asked, whatever the daily run recorded since
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .order_by()
        .values("person__memberships__enterprise")
        .annotate(people=Count("person", distinct=True))
        .values_list("person__memberships__enterprise", "people")
    )
    counts = dict(rows)
    history = url_maker("training:enterprise-history")
    texts: dict[int, str] = {}  # each count's text, translated once
    results = {}
    for pk in _ids(enterprises):
        found = counts.get(pk, 0)
        text = texts.get(found) or texts.setdefault(
            found, ngettext("%(n)d person certified", "%(n)d people certified", found) % {"n": found}
        )
        url = history(pk)
        results[pk] = _count_result(found, target, text, url, url)
    return results


@register(CriterionKind.TRAININGS)
def trainings(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    target = _target(criterion, 1)
    counts = count_by_enterprise(Enrolment.objects.filter(enterprise__in=enterprises, status=EnrolmentStatus.COMPLETED))
    history, programmes = url_maker("training:enterprise-history"), reverse("training:programme-list")
    texts: dict[int, str] = {}  # each count's text, translated once
    results = {}
    for pk in _ids(enterprises):
        found = counts.get(pk, 0)
        text = texts.get(found) or texts.setdefault(
            found, ngettext("%(n)d training completed", "%(n)d trainings completed", found) % {"n": found}
        )
        results[pk] = _count_result(found, target, text, history(pk), programmes)
    return results


# --- turnover -------------------------------------------------------------------------------------------------
def growth_percent(recent: Decimal | None, before: Decimal | None) -> Decimal | None:
    """Growth of ``recent`` over ``before`` in percent, one decimal; None when there is nothing to compare with."""
    if not before:
        return None
    return ((Decimal(recent or 0) - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@register(CriterionKind.TURNOVER_GROWTH)
def turnover_growth(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    target = _target(criterion, 0)
    first, last = last_months(on, 24)
    recent_from = add_months(first, 12)
    sales = F("domestic_sales") + F("export_sales")
    rows = (
        TurnoverReport.objects.accepted()
        .filter(enterprise__in=enterprises, month__gte=first, month__lte=last)
        .order_by()
        .values("enterprise")
        .annotate(
            recent=Sum(sales, filter=Q(month__gte=recent_from)),
            before=Sum(sales, filter=Q(month__lt=recent_from)),
        )
        .values_list("enterprise", "recent", "before")
    )
    sums = {pk: (recent, before) for pk, recent, before in rows}
    class_page = url_maker("turnover:enterprise-class")
    no_sales = _("no accepted sales in the 12 months before")
    results = {}
    for pk in _ids(enterprises):
        recent, before = sums.get(pk, (None, None))
        growth = growth_percent(recent, before)
        url = class_page(pk)
        if growth is None:
            results[pk] = Result(False, no_sales, url)
        else:
            results[pk] = Result(growth >= target, f"{growth:+} %", url)
    return results


@register(CriterionKind.REPORTING)
def reporting(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    target = _target(criterion, 12)
    first, last = last_months(on, 12)
    counts = count_by_enterprise(
        TurnoverReport.objects.filter(enterprise__in=enterprises, state__in=FILED, month__gte=first, month__lte=last)
    )
    report = url_maker("turnover:report-create")
    texts: dict[int, str] = {}  # each count's text, translated once
    results = {}
    for pk in _ids(enterprises):
        found = counts.get(pk, 0)
        text = texts.get(found) or texts.setdefault(found, _("%(n)d of 12 months") % {"n": found})
        results[pk] = Result(Decimal(found) >= target, text, report(pk))
    return results


# --- catalogue ------------------------------------------------------------------------------------------------
@register(CriterionKind.ONLINE)
def online(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    target = _target(criterion, 1)
    counts = count_by_enterprise(Product.objects.filter(enterprise__in=enterprises, status=ProductStatus.PUBLISHED))
    maker, products = url_maker("showcase:enterprise"), reverse("catalogue:product-list")
    texts: dict[int, str] = {}  # each count's text, translated once
    results = {}
    for pk in _ids(enterprises):
        found = counts.get(pk, 0)
        text = texts.get(found) or texts.setdefault(
            found, ngettext("%(n)d product published", "%(n)d products published", found) % {"n": found}
        )
        results[pk] = _count_result(found, target, text, maker(pk), products)
    return results


# --- modules still to come ------------------------------------------------------------------------------------
def no_records_yet(enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date) -> dict[int, Result]:
    """The placeholder of a check whose module does not exist yet: never met, and says so."""
    placeholder = Result(False, _("no records yet"), None)
    return dict.fromkeys(_ids(enterprises), placeholder)


register(CriterionKind.EXHIBITIONS)(no_records_yet)
register(CriterionKind.EXPORT_READINESS)(no_records_yet)


# --- the score ------------------------------------------------------------------------------------------------
@dataclass
class Line:
    criterion: Criterion
    result: Result


@dataclass
class Assessment:
    """One enterprise's checklist: every active criterion with its result, and the score out of 100."""

    enterprise_id: int
    lines: list[Line] = field(default_factory=list)

    @property
    def score(self) -> int:
        total = sum(line.criterion.weight for line in self.lines)
        if not total:
            return 0
        met = sum(line.criterion.weight for line in self.lines if line.result.met)
        return int((Decimal(met) * 100 / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def missing(self) -> list[Line]:
        return [line for line in self.lines if not line.result.met]

    def snapshot(self) -> list[dict[str, Any]]:
        """The results as stored with a graduation."""
        return [
            {
                "code": line.criterion.code,
                "name": str(line.criterion.name),
                "weight": line.criterion.weight,
                "met": line.result.met,
                "value": line.result.value,
                "url": line.result.url,
            }
            for line in self.lines
        ]


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(active=True).order_by("position", "code"))


def evaluate(
    enterprises: QuerySet[Enterprise],
    *,
    criteria: Iterable[Criterion] | None = None,
    on: datetime.date | None = None,
) -> dict[int, Assessment]:
    """Every enterprise of ``enterprises`` against the active criteria (or ``criteria``): a bounded number of
    queries, one or two per criterion."""
    on = on or timezone.localdate()
    chosen = list(criteria) if criteria is not None else active_criteria()
    scoped = enterprises.order_by()
    found = {pk: Assessment(pk) for pk in _ids(scoped)}
    unknown = Result(False, _("no records yet"), None)
    for criterion in chosen:
        results = EVALUATORS.get(criterion.kind, no_records_yet)(scoped, criterion, on)
        for pk, assessment in found.items():
            assessment.lines.append(Line(criterion, results.get(pk, unknown)))
    return found


def evaluate_one(enterprise: Enterprise, on: datetime.date | None = None) -> Assessment:
    return evaluate(Enterprise.objects.filter(pk=enterprise.pk), on=on)[enterprise.pk]
