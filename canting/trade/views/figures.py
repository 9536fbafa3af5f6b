"""Export figures for the office: export value in rupiah by destination, by enterprise and by month of a year, for
the staff's area (optionally one part of it or one centre); as a page and as a workbook (``?format=xlsx``)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from canting.core.forms import area_choices
from canting.core.models import User
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import build_workbook, xlsx_response
from canting.registry.models import Centre
from canting.trade import selectors
from canting.trade.models import ExportOrder

STAFF_ONLY = frozenset({STAFF})
FIRST_YEAR = 2015


class FiguresFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    centre = forms.ModelChoiceField(label=gettext_lazy("Centre"), queryset=Centre.objects.none(), required=False)

    def __init__(self, data: Any, *, user: User, today: datetime.date) -> None:
        values = {"year": str(today.year), "area": "", "centre": ""}
        values.update({key: data[key] for key in values if data.get(key)})
        super().__init__(values)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, str(y)) for y in range(today.year, FIRST_YEAR - 1, -1)
        ]
        cast(forms.ChoiceField, self.fields["area"]).choices = area_choices(user)
        centre = cast(forms.ModelChoiceField, self.fields["centre"])  # type: ignore[type-arg]
        centre.queryset = Centre.objects.for_user(user).order_by("name")
        centre.empty_label = str(gettext_lazy("All centres"))
        self.today = today

    def chosen(self) -> tuple[int, str, Centre | None]:
        """Year, area prefix and centre; a filter that does not validate is left out."""
        self.is_valid()
        data = self.cleaned_data
        return data.get("year", self.today.year), data.get("area") or "", data.get("centre")


def orders_for(user: User, area: str, centre: Centre | None) -> QuerySet[ExportOrder]:
    orders = ExportOrder.objects.for_user(user)
    if area:
        orders = orders.filter(enterprise__village__code__startswith=area)
    if centre is not None:
        orders = orders.filter(enterprise__centre=centre)
    return cast(QuerySet[ExportOrder], orders)


class FiguresView(RoleRequiredMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        user = current_user(request)
        form = FiguresFilterForm(request.GET, user=user, today=timezone.localdate())
        year, area, centre = form.chosen()
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        orders = orders_for(user, area, centre)
        countries = selectors.by_country(orders, first, last)
        enterprises = selectors.by_enterprise(orders, first, last)
        months = selectors.by_month(orders, first, last)
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"export-figures-{year}.xlsx", workbook(countries, enterprises, months))
        context = {
            "form": form,
            "year": year,
            "countries": countries,
            "enterprises": enterprises,
            "months": months,
            "total": sum((row.value for row in countries), selectors.ZERO),
            "orders": sum(row.orders for row in countries),
            "query": request.GET.urlencode(),
        }
        return render(request, "trade/figures/figures.html", context)


def workbook(
    countries: list[selectors.CountryFigure],
    enterprises: list[selectors.EnterpriseFigure],
    months: list[selectors.MonthFigure],
) -> bytes:
    value, count = _("Export value (Rp)"), _("Orders")
    return build_workbook(
        [
            (
                _("By destination"),
                [_("Country code"), _("Country"), count, value],
                [[r.country, r.name, r.orders, r.value] for r in countries],
            ),
            (_("By enterprise"), [_("Enterprise"), count, value], [[r.name, r.orders, r.value] for r in enterprises]),
            (
                _("By month"),
                [_("Month"), count, value],
                [[formats.date_format(r.month, "Y-m"), r.orders, r.value] for r in months],
            ),
        ]
    )
