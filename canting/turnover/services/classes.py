"""Business class: assess an enterprise under every active scheme and keep its class history.

The figures come from the database: annual sales are the accepted reports of the 12 months ending with the latest
accepted month (annualised when fewer months are accepted), workers the latest accepted report's (else the
registry's), investment and capital the registry's. A scheme's conditions decide the class (see ClassCondition).
A new ClassRecord is written only when the class changes; a move to a higher rank is a "naik kelas" event.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.dates import add_months
from canting.core.models import User
from canting.registry.models import Enterprise
from canting.turnover.models import (
    CLASS_RANK,
    BusinessClass,
    ClassCondition,
    ClassRecord,
    ClassScheme,
    Comparator,
    Measure,
    TurnoverReport,
)

CLASS_ORDER = sorted(BusinessClass, key=lambda c: CLASS_RANK[c])
MEASURE_ORDER: list[str] = [Measure.ANNUAL_SALES, Measure.CAPITAL, Measure.WORKERS, Measure.INVESTMENT]


@dataclass(frozen=True)
class Figures:
    """What an enterprise is classed on, and where the figures came from."""

    annual_sales: Decimal | None
    months_counted: int
    period_end: datetime.date | None
    workers: int
    workers_from_report: bool
    investment: Decimal

    def value(self, measure: str) -> Decimal | None:
        if measure == Measure.ANNUAL_SALES:
            return self.annual_sales
        if measure == Measure.WORKERS:
            return Decimal(self.workers)
        return self.investment  # investment and business capital: the registry's one figure


def figures(enterprise: Enterprise, on: datetime.date | None = None) -> Figures:
    """The measures of ``enterprise`` from reports accepted for months up to ``on`` (today by default)."""
    return figures_of([enterprise.pk], on or timezone.localdate())[enterprise.pk]


def figures_of(enterprise_ids: Sequence[int], on: datetime.date, *, lock: bool = False) -> dict[int, Figures]:
    """The measures of each enterprise of ``enterprise_ids`` in two queries, whatever their number: the registry's
    figures with the latest accepted month and its workers, then the sales of each enterprise's 12 months ending
    with that month. ``lock`` takes the enterprises' rows for update (one assessment of an enterprise at a time)."""
    accepted = TurnoverReport.objects.accepted().filter(month__lte=on)
    latest = accepted.filter(enterprise=OuterRef("pk")).order_by("-month")
    enterprises = Enterprise.objects.filter(pk__in=enterprise_ids).order_by("pk")
    if lock:
        enterprises = enterprises.select_for_update(of=("self",))
    rows = list(
        enterprises.annotate(
            latest_month=Subquery(latest.values("month")[:1]),
            latest_workers=Subquery(latest.annotate(people=F("workers_men") + F("workers_women")).values("people")[:1]),
        ).values_list("pk", "workers_men", "workers_women", "investment", "latest_month", "latest_workers")
    )
    # One condition per distinct last month (a handful: most enterprises last reported the same month)
    by_end: dict[datetime.date, list[int]] = defaultdict(list)
    for pk, _men, _women, _investment, end, _workers in rows:
        if end is not None:
            by_end[end].append(pk)
    windows: dict[int, tuple[Decimal | None, int]] = {}
    if by_end:
        within = Q()
        for end, pks in by_end.items():
            within |= Q(enterprise_id__in=pks, month__gt=add_months(end, -12), month__lte=end)
        sums = (
            accepted.filter(within)
            .order_by()
            .values("enterprise")
            .annotate(total=Sum(F("domestic_sales") + F("export_sales")), months=Count("id"))
            .values_list("enterprise", "total", "months")
        )
        windows = {pk: (total, months) for pk, total, months in sums}
    found = {}
    for pk, men, women, investment, end, latest_workers in rows:
        if end is None:
            found[pk] = Figures(None, 0, None, men + women, False, investment)
            continue
        total_sales, months = windows.get(pk, (None, 0))
        total = Decimal(total_sales or 0)
        sales = total if months >= 12 else (total * 12 / months).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        found[pk] = Figures(sales, months, end, latest_workers, True, investment)
    return found


def counted(scheme: ClassScheme, data: Figures) -> Figures:
    """The figures ``scheme`` may class on: annual sales only from at least its ``min_months`` accepted months."""
    if data.annual_sales is not None and data.months_counted < scheme.min_months:
        return dataclasses.replace(data, annual_sales=None)
    return data


def _holds(condition: ClassCondition, value: Decimal | None) -> bool:
    if value is None:
        return False
    threshold = condition.value
    return {
        Comparator.LTE: value <= threshold,
        Comparator.LT: value < threshold,
        Comparator.GTE: value >= threshold,
        Comparator.GT: value > threshold,
    }[Comparator(condition.comparator)]


def classify(conditions: Iterable[ClassCondition], data: Figures) -> str | None:
    """The lowest-ranked class any of whose groups holds in full; None when no class holds (e.g. no sales)."""
    groups: dict[str, dict[int, list[ClassCondition]]] = defaultdict(lambda: defaultdict(list))
    for condition in conditions:
        groups[condition.business_class][condition.group].append(condition)
    for business_class in CLASS_ORDER:
        for members in groups.get(business_class.value, {}).values():
            if all(_holds(c, data.value(c.measure)) for c in members):
                return business_class.value
    return None


def active_schemes() -> list[ClassScheme]:
    return list(ClassScheme.objects.filter(active=True).prefetch_related("conditions").order_by("basis", "code"))


def assess(enterprise: Any, *, actor: Any = None, on: datetime.date | None = None) -> list[ClassRecord]:
    """Assess ``enterprise`` under every active scheme; a record is written only when the class changed."""
    return assess_batch([enterprise.pk], actor=actor, on=on or timezone.localdate(), schemes=active_schemes())


def assess_batch(
    enterprise_ids: Sequence[int], *, actor: User | None, on: datetime.date, schemes: Sequence[ClassScheme]
) -> list[ClassRecord]:
    """Assess the enterprises of ``enterprise_ids`` under ``schemes`` in one transaction and a fixed number of
    queries (figures, current records, then the writes in bulk), whatever their number."""
    written: list[ClassRecord] = []
    with transaction.atomic():
        # The enterprises' rows are locked: one assessment of an enterprise at a time keeps the "one current
        # record" constraint unbroken.
        found_figures = figures_of(enterprise_ids, on, lock=True)
        current = {
            (r.enterprise_id, r.scheme_id): r
            for r in ClassRecord.objects.filter(enterprise_id__in=list(found_figures), current=True)
        }
        conditions = {scheme.pk: list(scheme.conditions.all()) for scheme in schemes}
        retired: list[int] = []
        changes: list[tuple[ClassScheme, str | None]] = []
        assessed_by = actor if actor is not None and actor.is_authenticated else None
        for pk, data in found_figures.items():
            for scheme in schemes:
                found = classify(conditions[scheme.pk], counted(scheme, data))
                before = current.get((pk, scheme.pk))
                if found is None or (before is not None and before.business_class == found):
                    continue
                if before is not None:
                    retired.append(before.pk)
                moved_up = (
                    before is not None
                    and CLASS_RANK[BusinessClass(found)] > CLASS_RANK[BusinessClass(before.business_class)]
                )
                written.append(
                    ClassRecord(
                        enterprise_id=pk,
                        scheme=scheme,
                        business_class=found,
                        previous_class=before.business_class if before else "",
                        moved_up=moved_up,
                        current=True,
                        assessed_on=on,
                        period_end=data.period_end,
                        months_counted=data.months_counted,
                        annual_sales=data.annual_sales,
                        workers=data.workers,
                        investment=data.investment,
                        assessed_by=assessed_by,
                    )
                )
                changes.append((scheme, before.business_class if before else None))
        if retired:
            ClassRecord.objects.filter(pk__in=retired).update(current=False)
        if written:
            ClassRecord.objects.bulk_create(written)
            audit.record_all(
                audit.event(
                    actor=actor,
                    action="turnover.class.moved_up" if record.moved_up else "turnover.class.assessed",
                    instance=record,
                    changes={"business_class": [previous, record.business_class]},
                    note=str(scheme.code),
                )
                for record, (scheme, previous) in zip(written, changes, strict=True)
            )
    return written


BATCH = 1000  # enterprises assessed per transaction


def assess_all(actor: Any = None, on: datetime.date | None = None, *, batch: int = BATCH) -> int:
    """Assess every registered enterprise (the daily task), ``batch`` at a time; returns how many class records
    were written."""
    on = on or timezone.localdate()
    schemes = active_schemes()
    ids = list(Enterprise.objects.registered().order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), batch):
        written += len(assess_batch(ids[start : start + batch], actor=actor, on=on, schemes=schemes))
    return written


def current_classes(enterprise_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each enterprise's current class per scheme basis (``sales``, ``industry``), in one query."""
    found: dict[int, dict[str, str]] = defaultdict(dict)
    rows = ClassRecord.objects.filter(enterprise_id__in=list(enterprise_ids), current=True, scheme__active=True)
    for enterprise_id, basis, business_class in rows.values_list("enterprise_id", "scheme__basis", "business_class"):
        found[enterprise_id][basis] = business_class
    return found


# --- editing a scheme's thresholds ------------------------------------------------------------------------------
CONDITION_FIELDS = ("business_class", "group", "measure", "comparator", "value")


def save_conditions(scheme: ClassScheme, rows: Sequence[dict[str, Any]], *, actor: User | None) -> ClassScheme:
    """Apply a staff officer's edit of ``scheme``'s conditions: each row has the condition's fields, ``id`` (None
    for a new one) and ``delete``. One audit event on the scheme lists every condition added, changed or removed,
    in words; the scheme may not be left without a condition."""
    with transaction.atomic():
        ClassScheme.objects.select_for_update().filter(pk=scheme.pk).first()
        existing = {c.pk: c for c in scheme.conditions.all()}
        if any(row.get("id") and row["id"] not in existing for row in rows):
            raise ValidationError(_("A condition of another scheme cannot be edited here."), code="wrong_scheme")
        deleted = {row["id"] for row in rows if row.get("id") and row.get("delete")}
        added = [row for row in rows if not row.get("id") and not row.get("delete")]
        if len(existing) - len(deleted) + len(added) < 1:
            raise ValidationError(_("A scheme needs at least one condition."), code="no_conditions")
        changes: dict[str, list[Any]] = {}
        for row in rows:
            values = {name: row[name] for name in CONDITION_FIELDS}
            condition = existing.get(row.get("id") or 0)
            if condition is not None and row.get("delete"):
                changes[f"#{condition.pk}"] = [describe_full(condition), None]
                condition.delete()
                continue
            if row.get("delete"):
                continue
            before = describe_full(condition) if condition is not None else None
            condition = condition or ClassCondition(scheme=scheme)
            for name, value in values.items():
                setattr(condition, name, value)
            condition.full_clean()
            after = describe_full(condition)
            if before != after:
                condition.save()
                changes[f"#{condition.pk}"] = [before, after]
        if changes:
            audit.record(
                actor=actor, action="turnover.class_scheme.conditions_changed", instance=scheme, changes=changes
            )
    return scheme


def describe_full(condition: ClassCondition) -> str:
    """A condition with its class and group, for the audit trail: "kecil (1): annual sales more than Rp ..."."""
    return f"{condition.business_class} ({condition.group}): {describe(condition)}"


def describe(condition: ClassCondition) -> str:
    """A condition in words: "annual sales at most Rp 2,000,000,000"."""
    measure = str(condition.get_measure_display()).split(" (")[0]
    comparator = condition.get_comparator_display()
    value = f"{int(condition.value):,}"
    if condition.measure != Measure.WORKERS:
        value = f"Rp {value}"
    return f"{measure} {comparator} {value}"


def described_classes(scheme: ClassScheme) -> list[tuple[str, list[str]]]:
    """Each class of ``scheme`` with its groups in words: [("Micro (mikro)", ["annual sales at most Rp ..."])]."""
    groups: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for condition in sorted(scheme.conditions.all(), key=lambda c: (c.group, MEASURE_ORDER.index(c.measure), c.pk)):
        groups[condition.business_class][condition.group].append(describe(condition))
    joiner = _(" and ")
    return [
        (str(c.label), [joiner.join(words) for words in groups[c.value].values()])
        for c in CLASS_ORDER
        if c.value in groups
    ]
