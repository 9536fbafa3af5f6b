"""What an exhibition brought in: sales per exhibitor and per day, totals by payment, the motifs and techniques that
sold, visitors, leads by country, and what each rupiah sold cost the office.

Every figure is a grouped query in the database; Python only lays the groups out in a table. The sales read are
those the user may see (``Sale.objects.for_user``), so a report never shows more than its reader may.

Cost per rupiah sold: the exhibition's budget divided by the total sales. Booth fees the exhibitors paid come back
to the office, so the report also gives the net figure: (budget - booth fees) / sales, where the booth fees are the
prices of the booths that hold at least one active assignment (a booth is let once per exhibition, whatever the
number of its assignments).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django_countries import countries

from canting.exhibitions.models import (
    Booth,
    BoothAssignment,
    Exhibition,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    Sale,
    VisitorCount,
)

ZERO = Decimal(0)
TOP = 10  # best-selling motifs shown


@dataclass(frozen=True)
class Figures:
    """Pieces, amount and number of sales of a group."""

    pieces: int = 0
    amount: Decimal = ZERO
    sales: int = 0


@dataclass
class ExhibitorRow:
    """One line of the exhibitor x day table: the cells follow ``Report.days`` (None on a day without sales)."""

    exhibitor_id: int
    enterprise_id: int
    name: str
    booths: list[str]
    cells: list[Figures | None]
    total: Figures


@dataclass(frozen=True)
class Ranked:
    """A motif or technique and what sold of it."""

    key: str
    label: str
    pieces: int
    amount: Decimal


@dataclass(frozen=True)
class DayLine:
    day: datetime.date
    visitors: int | None
    sales: Figures


@dataclass
class Report:
    exhibition: Exhibition
    days: list[datetime.date]
    rows: list[ExhibitorRow]
    by_day: list[DayLine]
    total: Figures
    by_payment: list[tuple[str, str, Figures]]
    motifs: list[Ranked]
    techniques: list[Ranked]
    visitors: int
    leads: int
    leads_by_country: list[tuple[str, str, int]]
    booth_income: Decimal
    cost_per_rupiah: Decimal | None
    net_cost_per_rupiah: Decimal | None
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def day_totals(self) -> list[Figures]:
        return [line.sales for line in self.by_day]


def _figures(row: Mapping[str, Any] | None) -> Figures:
    if not row:
        return Figures()
    return Figures(int(row["pieces"] or 0), Decimal(row["amount"] or 0), int(row["sales"] or 0))


SUMS = {"pieces": Coalesce(Sum("quantity"), 0), "amount": Coalesce(Sum("amount"), ZERO), "sales": Count("pk")}


def sales_of(exhibition: Exhibition, user: Any) -> QuerySet[Sale]:
    return Sale.objects.for_user(user).filter(exhibitor__exhibition=exhibition).order_by()


def exhibition_days(exhibition: Exhibition, sales: QuerySet[Sale]) -> list[datetime.date]:
    """The exhibition's days, and any day a sale was recorded on outside them (so no sale drops out of the table)."""
    days = {
        exhibition.starts_on + datetime.timedelta(days=n)
        for n in range((exhibition.ends_on - exhibition.starts_on).days + 1)
    }
    days.update(sales.values_list("day", flat=True).distinct())
    return sorted(days)


def ratio(cost: Decimal, sold: Decimal) -> Decimal | None:
    """Rupiah spent per rupiah sold, two decimals; None when nothing was sold."""
    if not sold:
        return None
    return (cost / sold).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def booth_income(exhibition: Exhibition) -> Decimal:
    let = BoothAssignment.objects.filter(booth=OuterRef("pk"), active=True)
    found = Booth.objects.filter(exhibition=exhibition).filter(Exists(let)).aggregate(total=Sum("price"))["total"]
    return Decimal(found or 0)


def _rows(exhibition: Exhibition, sales: QuerySet[Sale], days: list[datetime.date], user: Any) -> list[ExhibitorRow]:
    """Selected exhibitors (and any other with sales), each with a cell per day and its total."""
    column = {day: i for i, day in enumerate(days)}
    per_cell = sales.values("exhibitor", "day").annotate(**SUMS)
    per_exhibitor = {row["exhibitor"]: _figures(row) for row in sales.values("exhibitor").annotate(**SUMS)}
    exhibitors = (
        Exhibitor.objects.for_user(user)
        .filter(exhibition=exhibition)
        .filter(Q(status=ExhibitorStatus.SELECTED) | Q(pk__in=list(per_exhibitor)))
        .order_by("enterprise__name", "pk")
        .values_list("pk", "enterprise_id", "enterprise__name")
    )
    booths: dict[int, list[str]] = {}
    assignments = (
        BoothAssignment.objects.filter(exhibitor__exhibition=exhibition, active=True)
        .order_by("booth__code")
        .values_list("exhibitor_id", "booth__code")
    )
    for exhibitor_id, code in assignments:
        booths.setdefault(exhibitor_id, [])
        if code not in booths[exhibitor_id]:
            booths[exhibitor_id].append(code)
    rows = {
        pk: ExhibitorRow(
            pk, enterprise_id, name, booths.get(pk, []), [None] * len(days), per_exhibitor.get(pk, Figures())
        )
        for pk, enterprise_id, name in exhibitors
    }
    for cell in per_cell:
        row = rows.get(cell["exhibitor"])
        if row is not None:
            row.cells[column[cell["day"]]] = _figures(cell)
    return sorted(rows.values(), key=lambda r: (-r.total.amount, r.name.lower()))


def _ranked_motifs(sales: QuerySet[Sale]) -> list[Ranked]:
    """Motifs by amount sold: a product with two motifs counts for both."""
    english = (get_language() or "id").startswith("en")
    rows = (
        sales.filter(product__motifs__isnull=False)
        .values("product__motifs", "product__motifs__name_ind", "product__motifs__name_en")
        .annotate(pieces=Coalesce(Sum("quantity"), 0), amount=Coalesce(Sum("amount"), ZERO))
        .order_by("-amount", "-pieces", "product__motifs__name_ind")[:TOP]
    )
    return [
        Ranked(
            str(r["product__motifs"]),
            (english and r["product__motifs__name_en"]) or r["product__motifs__name_ind"],
            r["pieces"],
            r["amount"],
        )
        for r in rows
    ]


def _ranked_techniques(sales: QuerySet[Sale], labels: dict[str, str], other: str) -> list[Ranked]:
    """Techniques by amount sold; sales described freely (no catalogue product) come as one line of their own."""
    rows = (
        sales.values("product__technique")
        .annotate(pieces=Coalesce(Sum("quantity"), 0), amount=Coalesce(Sum("amount"), ZERO))
        .order_by("-amount", "product__technique")
    )
    found = []
    for r in rows:
        code = r["product__technique"] or ""
        found.append(Ranked(code, labels.get(code, other) if code else other, r["pieces"], r["amount"]))
    return found


def report(
    exhibition: Exhibition,
    user: Any,
    *,
    technique_labels: dict[str, str],
    payment_labels: dict[str, str],
    other_label: str,
) -> Report:
    """The whole report of ``exhibition`` as ``user`` may see it: about a dozen queries whatever its size."""
    sales = sales_of(exhibition, user)
    days = exhibition_days(exhibition, sales)
    by_day_sales = {row["day"]: _figures(row) for row in sales.values("day").annotate(**SUMS)}
    visitors_by_day = dict(
        VisitorCount.objects.for_user(user).filter(exhibition=exhibition).values_list("day", "visitors")
    )
    by_day = [DayLine(day, visitors_by_day.get(day), by_day_sales.get(day, Figures())) for day in days]
    total = _figures(sales.aggregate(**SUMS))
    payments = {row["payment"]: _figures(row) for row in sales.values("payment").annotate(**SUMS)}
    by_payment = [(code, label, payments[code]) for code, label in payment_labels.items() if code in payments]
    leads = Lead.objects.for_user(user).filter(exhibition=exhibition).order_by()
    by_country = leads.values("country").annotate(n=Count("pk")).order_by("-n", "country")
    leads_by_country = [(row["country"], str(countries.name(row["country"])), row["n"]) for row in by_country]
    income = booth_income(exhibition)
    return Report(
        exhibition=exhibition,
        days=days,
        rows=_rows(exhibition, sales, days, user),
        by_day=by_day,
        total=total,
        by_payment=by_payment,
        motifs=_ranked_motifs(sales),
        techniques=_ranked_techniques(sales, technique_labels, other_label),
        visitors=sum(visitors_by_day.values()),
        leads=sum(n for _code, _name, n in leads_by_country),
        leads_by_country=leads_by_country,
        booth_income=income,
        cost_per_rupiah=ratio(exhibition.budget, total.amount),
        net_cost_per_rupiah=ratio(max(exhibition.budget - income, ZERO), total.amount),
    )


def sales_in_month(enterprise: Any, month: datetime.date) -> list[Mapping[str, Any]]:
    """The enterprise's exhibition sales in ``month``, per exhibition (one grouped query): for the turnover form."""
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return list(
        Sale.objects.filter(exhibitor__enterprise=enterprise, day__gte=start, day__lt=end)
        .order_by()
        .values("exhibitor", "exhibitor__exhibition", "exhibitor__exhibition__name")
        .annotate(amount=Sum("amount"))
        .order_by("exhibitor__exhibition__starts_on", "exhibitor__exhibition")
    )


def exhibitions_selected(enterprises: QuerySet[Any], since: datetime.date, until: datetime.date) -> dict[int, int]:
    """Per enterprise, the exhibitions it was selected for that ran (started) between ``since`` and ``until``."""
    rows = (
        Exhibitor.objects.filter(
            enterprise__in=enterprises,
            status=ExhibitorStatus.SELECTED,
            exhibition__starts_on__gte=since,
            exhibition__starts_on__lte=until,
        )
        .order_by()
        .values("enterprise")
        .annotate(n=Count("exhibition", distinct=True))
        .values_list("enterprise", "n")
    )
    return dict(rows)
