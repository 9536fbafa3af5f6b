"""The dashboard's export figures: the value of export orders shipped from January to the scope's month, by
destination country, for the dashboard's scope (area, centre, and the staff's own working area).

Read through ``canting.trade.selectors``, so the dashboard and the export desk's figures page count alike: an
order counts in the month it was shipped, at the exchange rate recorded on it. One query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from canting.dashboard.selectors import Scope, place_filter
from canting.trade import selectors
from canting.trade.models import ExportOrder

if TYPE_CHECKING:
    from canting.core.models import User


@dataclass(frozen=True)
class ExportFigures:
    countries: list[selectors.CountryFigure]  # largest first

    @property
    def total(self) -> Decimal:
        return sum((c.value for c in self.countries), Decimal(0))

    @property
    def orders(self) -> int:
        return sum(c.orders for c in self.countries)

    def __bool__(self) -> bool:
        return bool(self.countries)


def export_figures(scope: Scope, user: User | None = None) -> ExportFigures:
    place = place_filter(scope, user, village="enterprise__village__code", centre="enterprise__centre_id")
    orders = ExportOrder.objects.filter(place)
    return ExportFigures(countries=selectors.by_country(orders, scope.year_start, scope.month_end))
