"""FilterSets of the readiness and graduation lists."""

from __future__ import annotations

from decimal import Decimal

import django_filters
from django.db.models import F, OrderBy, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import SearchFilter, YearFilter
from canting.registry.models import Centre, Enterprise
from canting.turnover.models import BusinessClass, Graduation, GraduationStatus, SchemeBasis

SORTS = (("-score", _("Score, highest first")), ("score", _("Score, lowest first")), ("name", _("Name")))


class ReadinessFilterSet(django_filters.FilterSet):
    """Enterprises of the readiness list, filtered, sorted and paged in the database on their stored scores
    (``ReadinessScore``); an enterprise whose score is not computed yet sorts last and meets no minimum."""

    q = SearchFilter(label=_("Search"), fields=("name", "brand", "nib"))
    centre = django_filters.ModelChoiceFilter(label=_("Centre"), queryset=Centre.objects.none(), empty_label=_("All"))
    village = django_filters.CharFilter(label=_("Village code"), field_name="village__code", lookup_expr="startswith")
    business_class = django_filters.ChoiceFilter(
        label=_("Class (PP 7/2021)"), choices=BusinessClass.choices, empty_label=_("All"), method="filter_class"
    )
    min_score = django_filters.NumberFilter(label=_("Score at least"), method="filter_min_score")
    sort = django_filters.ChoiceFilter(label=_("Sort"), choices=SORTS, empty_label=None, method="sort_by")

    class Meta:
        model = Enterprise
        fields = ["q", "centre", "village", "business_class"]

    def __init__(self, *args: object, request: object = None, **kwargs: object) -> None:
        super().__init__(*args, request=request, **kwargs)  # type: ignore[arg-type]
        user = getattr(request, "user", None)
        self.filters["centre"].queryset = (
            Centre.objects.for_user(user).order_by("name") if user else Centre.objects.none()
        )

    def filter_class(self, qs: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        if not value:
            return qs
        return qs.filter(
            class_records__current=True,
            class_records__scheme__basis=SchemeBasis.SALES,
            class_records__scheme__active=True,
            class_records__business_class=value,
        ).distinct()

    def filter_min_score(self, qs: QuerySet[Enterprise], name: str, value: Decimal | None) -> QuerySet[Enterprise]:
        if value is None:
            return qs
        return qs.filter(readiness__score__gte=value)

    def sort_by(self, qs: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        return qs.order_by(*readiness_order(value))


def readiness_order(sort: str | None) -> tuple[OrderBy | Lower | str, ...]:
    """The readiness list's order: by stored score (highest first unless asked), not computed last, then name."""
    if sort == "name":
        return (Lower("name"), "pk")
    score = F("readiness__score")
    first = score.asc(nulls_last=True) if sort == "score" else score.desc(nulls_last=True)
    return (first, Lower("name"), "pk")


class GraduationFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Enterprise"), fields=("enterprise__name", "enterprise__brand"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=GraduationStatus.choices, empty_label=_("All"))
    year = YearFilter(label=_("Year approved"), field_name="approved_on", lookup_expr="year")

    class Meta:
        model = Graduation
        fields = ["q", "status", "year"]


__all__ = ["GraduationFilterSet", "ReadinessFilterSet", "readiness_order"]
