"""One FilterSet per list, shared by exhibitions' working pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import OrderingFilter, SearchFilter, YearFilter
from canting.exhibitions.models import Exhibition, ExhibitionKind

WHEN = [("upcoming", _("Upcoming and running")), ("past", _("Past"))]


class ExhibitionFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("name", "venue", "organiser"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ExhibitionKind.choices, empty_label=_("All"))
    year = YearFilter(label=_("Year"), field_name="starts_on", lookup_expr="year")
    when = django_filters.ChoiceFilter(label=_("When"), choices=WHEN, method="by_when", empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("starts_on", "starts"), ("name", "name")),
        field_labels={"starts_on": _("First day"), "name": _("Name")},
    )

    class Meta:
        model = Exhibition
        fields = ["q", "kind", "year", "when"]

    def by_when(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        today = timezone.localdate()
        if value == "upcoming":
            return qs.filter(ends_on__gte=today)
        if value == "past":
            return qs.filter(ends_on__lt=today)
        return qs
