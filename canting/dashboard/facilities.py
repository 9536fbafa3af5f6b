"""The dashboard's facility figures: utilisation per facility in the period's last month and production at the
centre year to date, for the dashboard's scope (area, centre, and the staff's own working area).

Read through ``canting.facilities.selectors``, so the dashboard and the facility reports count alike. Four
queries: the facilities, their booked hours, their closed days, the production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from canting.dashboard.selectors import Scope, place_filter
from canting.facilities import selectors
from canting.facilities.models import Facility, Usage

if TYPE_CHECKING:
    from canting.core.models import User


@dataclass(frozen=True)
class FacilityFigures:
    utilisation: list[selectors.Utilisation]  # each facility in scope, in the scope's month
    production: selectors.Production  # January to the scope's month, summed

    def __bool__(self) -> bool:
        return bool(self.utilisation)


def facility_figures(scope: Scope, user: User | None = None) -> FacilityFigures:
    """Utilisation of every active facility in scope in month M, and the centre's production from January to M."""
    place = place_filter(scope, user, village="centre__village__code", centre="centre_id")
    facilities = Facility.objects.filter(place, active=True).select_related("centre").order_by("centre__name", "name")
    utilisation = selectors.utilisation(facilities, [scope.month_start])
    usage = selectors.usage_at(Usage.objects.all(), Facility.objects.filter(place))
    production = selectors.production_between(usage, scope.year_start, scope.month_start)
    return FacilityFigures(utilisation=utilisation, production=production)
