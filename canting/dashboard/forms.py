"""The dashboard's filters: the period (a year up to a month) and the place (an area of the staff's region and a
centre). Every dashboard page, drill-down and export reads the same filters from the query string."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from canting.core.dates import add_months
from canting.core.forms import AreaCodeField, resolve_cascade
from canting.core.models import Area, User
from canting.core.scope import scope_of, staff_centre
from canting.dashboard.selectors import Scope
from canting.registry.models import Centre

FIRST_YEAR = 2015


def default_period(today: datetime.date) -> tuple[int, int]:
    """Last month: reports come in after a month ends, so the current month is never complete."""
    last = add_months(today.replace(day=1), -1)
    return last.year, last.month


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    month = forms.TypedChoiceField(label=_("Up to month"), coerce=int)
    area = AreaCodeField(label=_("Area"))
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), required=False)

    def __init__(self, data: Any, *, user: User, today: datetime.date) -> None:
        self.default = year, month = default_period(today)
        values = {"year": str(year), "month": str(month), "area": "", "centre": ""}
        values.update({key: data[key] for key in values if data.get(key)})
        # The area comes from a cascade of selects (province, city, ...), each sending the same name.
        values["area"] = resolve_cascade(data.getlist("area") if hasattr(data, "getlist") else [data.get("area")])
        super().__init__(values)
        self.user = user
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, str(y)) for y in range(today.year, FIRST_YEAR - 1, -1)
        ]
        cast(forms.ChoiceField, self.fields["month"]).choices = [
            (m, formats.date_format(datetime.date(2000, m, 1), "F")) for m in range(1, 13)
        ]
        cast(AreaCodeField, self.fields["area"]).scope = scope_of(user)
        centre = cast(forms.ModelChoiceField, self.fields["centre"])  # type: ignore[type-arg]
        centre.queryset = Centre.objects.for_user(user).order_by("name")
        # An officer kept to one centre sees its figures only: the select names it, not "all centres".
        centre.empty_label = None if staff_centre(user) is not None else str(_("All centres"))

    def scope(self) -> Scope:
        """The scope chosen; a filter that does not validate (an area outside the staff's own, say) is left out."""
        self.is_valid()
        data = self.cleaned_data
        centre = data.get("centre")
        return Scope(
            year=data.get("year", self.default[0]),
            month=data.get("month", self.default[1]),
            area=data.get("area") or "",
            centre_id=centre.pk if centre is not None else None,
        )

    def describe(self) -> dict[str, str]:
        """The period and place in words, for headings and documents."""
        scope = self.scope()
        if scope.area:
            area = str(Area.objects.filter(pk=scope.area).values_list("name", flat=True).first() or scope.area)
        else:
            area = str(self.user.area.name if self.user.area is not None else _("All areas"))
        centre = self.cleaned_data.get("centre")  # absent when the one asked for is unknown or not the staff's
        month = formats.date_format(scope.month_start, "F Y")
        place = f"{area} · {centre}" if centre is not None else area
        return {"period": str(_("January to %(month)s") % {"month": month}), "place": place}
