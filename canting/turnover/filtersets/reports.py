"""One FilterSet for the report list, shared by the staff page and the API; and the late list's filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import AreaFilter, IdFilter, OrderingFilter, SearchFilter
from canting.registry.models import Enterprise
from canting.turnover.models import ReportState, TurnoverReport
from canting.turnover.services.reports import parse_month

MONTH_HELP = _("As YYYY-MM, e.g. 2025-03.")


class MonthFilter(django_filters.CharFilter):
    """A calendar month typed as YYYY-MM; anything else matches nothing."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        month = parse_month(value)
        return qs.filter(**{self.field_name: month}) if month else qs.none()


class ReportFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Enterprise"), fields=("enterprise__name",))
    state = django_filters.ChoiceFilter(label=_("State"), choices=ReportState.choices, empty_label=_("All"))
    month = MonthFilter(label=_("Month"), field_name="month", help_text=MONTH_HELP)
    enterprise = IdFilter(label=_("Enterprise id"), field_name="enterprise_id")
    village = AreaFilter(label=_("Area"), field_name="enterprise__village")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(
            ("month", "month"),
            ("enterprise__name", "enterprise"),
            ("state", "state"),
            ("domestic_sales", "domestic"),
            ("submitted_at", "submitted"),
        ),
        field_labels={
            "month": _("Month"),
            "enterprise__name": _("Enterprise"),
            "state": _("State"),
            "domestic_sales": _("Sales at home"),
            "submitted_at": _("Submitted"),
        },
    )

    class Meta:
        model = TurnoverReport
        fields = ["q", "state", "month", "enterprise", "village"]


class LateFilterSet(django_filters.FilterSet):
    """The month is read by the page itself (it decides who is late); these narrow the enterprises shown."""

    month = django_filters.CharFilter(label=_("Month"), method="keep", help_text=MONTH_HELP)
    q = SearchFilter(label=_("Enterprise"), fields=("name",))
    village = AreaFilter(label=_("Area"), field_name="village")

    class Meta:
        model = Enterprise
        fields = ["month", "q", "village"]

    def keep(self, qs: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return qs
