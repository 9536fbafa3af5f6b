"""One FilterSet per list of the export desk, shared by the working pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import DecimalField, ExpressionWrapper, F, IntegerField, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from canting.core.filtersets import OrderingFilter, SearchFilter, YearFilter
from canting.registry.choosers import EnterpriseChoiceFilter
from canting.registry.models import Enterprise
from canting.trade.models import Buyer, ExportOrder, OrderStatus, TransportMode


def visible_enterprises(request: Any) -> QuerySet[Enterprise]:
    """The enterprises the reader may filter by: those they see (an artisan: their own)."""
    user = getattr(request, "user", None)
    return Enterprise.objects.for_user(user).order_by("name")  # type: ignore[no-any-return]


def country_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in countries]


MONEY = DecimalField(max_digits=20, decimal_places=4)


def with_totals(queryset: QuerySet[ExportOrder]) -> QuerySet[ExportOrder]:
    """Orders with ``goods`` and ``total`` (see ``ExportOrderQuerySet.with_totals``) and ``number_key`` to sort
    them by number."""
    return queryset.with_totals().annotate(  # type: ignore[attr-defined,no-any-return]
        number_key=ExpressionWrapper(F("year") * 100000 + F("sequence"), output_field=IntegerField())
    )


class BuyerFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("name", "company"))
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices, empty_label=_("All"))
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=visible_enterprises, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("company", "company"), ("name", "name"), ("country", "country"), ("created_at", "created")),
        field_labels={
            "company": _("Company"),
            "name": _("Contact name"),
            "country": _("Country"),
            "created_at": _("Added"),
        },
    )

    class Meta:
        model = Buyer
        fields = ["q", "country", "enterprise"]


class ExportOrderFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("buyer__name", "buyer__company", "buyer_reference"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrderStatus.choices, empty_label=_("All"))
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=visible_enterprises, empty_label=_("All"))
    country = django_filters.ChoiceFilter(
        label=_("Buyer's country"), field_name="buyer__country", choices=country_choices, empty_label=_("All")
    )
    year = YearFilter(label=_("Year"), field_name="year")
    transport = django_filters.ChoiceFilter(label=_("Transport"), choices=TransportMode.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("number_key", "number"), ("buyer__company", "buyer"), ("status", "status"), ("total", "total")),
        field_labels={
            "number_key": _("Number"),
            "buyer__company": _("Buyer"),
            "status": _("Status"),
            "total": _("Total"),
        },
    )

    class Meta:
        model = ExportOrder
        fields = ["q", "status", "enterprise", "country", "year", "transport"]
