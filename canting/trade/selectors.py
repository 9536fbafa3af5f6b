"""Export figures: what the enterprises sold abroad, in rupiah, by destination country, by enterprise and by month.

An order counts once it left the country (shipped or paid, ``ExportOrder.objects.sold()``), in the month of its
``shipped_on``. Its value in rupiah is (the sum of its lines' quantity x unit price + freight + insurance) x the
exchange rate recorded on the order. Everything is computed in the database: the lines' sum is a subquery per
order, and the groups are one aggregate query each, whatever the number of orders.

The orders read are those the caller passes in: ``for_user`` for a page, ``in_place`` for the dashboard's scope.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth
from django_countries import countries

from canting.core.dates import add_months
from canting.trade.models import ExportOrder

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=24, decimal_places=2)
RUPIAH = DecimalField(max_digits=30, decimal_places=6)


def sold_between(orders: QuerySet[ExportOrder], first: datetime.date, last: datetime.date) -> QuerySet[ExportOrder]:
    """The orders of ``orders`` that left the country from ``first`` to ``last`` (both included), with values."""
    return orders.sold().filter(shipped_on__gte=first, shipped_on__lte=last).order_by().with_totals()  # type: ignore[attr-defined]


def in_place(prefixes: list[str], centre_id: int | None = None) -> QuerySet[ExportOrder]:
    """Orders of enterprises whose village code starts with every one of ``prefixes`` (and of ``centre_id``)."""
    q = Q()
    for prefix in prefixes:
        q &= Q(enterprise__village__code__startswith=prefix)
    if centre_id is not None:
        q &= Q(enterprise__centre_id=centre_id)
    return ExportOrder.objects.filter(q)


def _rupiah(value: Any) -> Decimal:
    """A rupiah sum, rounded to whole rupiah (the rupiah has no minor unit in use)."""
    return Decimal(value or 0).quantize(Decimal(1))


@dataclass(frozen=True)
class CountryFigure:
    country: str  # ISO 3166 alpha-2
    name: str
    orders: int
    value: Decimal  # rupiah


@dataclass(frozen=True)
class EnterpriseFigure:
    enterprise_id: int
    name: str
    orders: int
    value: Decimal


@dataclass(frozen=True)
class MonthFigure:
    month: datetime.date  # first day
    orders: int
    value: Decimal


def _grouped(rows: QuerySet[ExportOrder], *keys: str) -> QuerySet[Any]:
    return (
        rows.values(*keys)
        .annotate(n=Count("pk"), rupiah=Sum("value_idr"))
        .order_by("-rupiah", *keys)
        .values_list(*keys, "n", "rupiah")
    )


def by_country(orders: QuerySet[ExportOrder], first: datetime.date, last: datetime.date) -> list[CountryFigure]:
    """Export value per destination country (the buyer's country), largest first. One query."""
    rows = _grouped(sold_between(orders, first, last), "buyer__country")
    return [CountryFigure(code, str(countries.name(code) or code), n, _rupiah(total)) for code, n, total in rows]


def by_enterprise(orders: QuerySet[ExportOrder], first: datetime.date, last: datetime.date) -> list[EnterpriseFigure]:
    """Export value per enterprise, largest first. One query."""
    rows = _grouped(sold_between(orders, first, last), "enterprise", "enterprise__name")
    return [EnterpriseFigure(pk, name, n, _rupiah(total)) for pk, name, n, total in rows]


def by_month(orders: QuerySet[ExportOrder], first: datetime.date, last: datetime.date) -> list[MonthFigure]:
    """Export value per month of shipment from ``first``'s month to ``last``'s, months without shipments as
    zeros. One query."""
    rows = (
        sold_between(orders, first, last)
        .annotate(month=TruncMonth("shipped_on"))
        .values("month")
        .annotate(n=Count("pk"), rupiah=Sum("value_idr"))
        .values_list("month", "n", "rupiah")
    )
    found = {_as_date(month): (n, total) for month, n, total in rows}
    figures = []
    month = first.replace(day=1)
    while month <= last:
        n, total = found.get(month, (0, ZERO))
        figures.append(MonthFigure(month, n, _rupiah(total)))
        month = add_months(month, 1)
    return figures


def _as_date(value: Any) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def total_value(orders: QuerySet[ExportOrder], first: datetime.date, last: datetime.date) -> Decimal:
    """Export value of the orders that left from ``first`` to ``last``. One query."""
    return _rupiah(sold_between(orders, first, last).aggregate(rupiah=Sum("value_idr"))["rupiah"])


def shipped_in_month(enterprise_id: int, month: datetime.date) -> tuple[int, Decimal]:
    """How many orders an enterprise shipped in ``month`` and their value in rupiah. One query."""
    first = month.replace(day=1)
    last = add_months(first, 1) - datetime.timedelta(days=1)
    row = sold_between(ExportOrder.objects.filter(enterprise_id=enterprise_id), first, last).aggregate(
        n=Count("pk"), rupiah=Sum("value_idr")
    )
    return int(row["n"] or 0), _rupiah(row["rupiah"])
