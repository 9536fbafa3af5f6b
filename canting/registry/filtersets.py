"""One FilterSet per model, used by the page lists and the API alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import AreaFilter, IdFilter, OrderingFilter, YearFilter
from canting.registry.models import (
    Centre,
    Enterprise,
    EnterpriseStatus,
    Facilitation,
    FacilitationKind,
    FacilitationStatus,
    Gender,
    MembershipRole,
    Person,
    Technique,
)


class CentreFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    area = AreaFilter(label=_("Area"), field_name="village")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("name", "name"), ("village__name", "village"), ("enterprise_count", "enterprises")),
        field_labels={"name": _("Name"), "village__name": _("Village"), "enterprise_count": _("Enterprises")},
    )

    class Meta:
        model = Centre
        fields = ["q", "area"]

    def search(self, queryset: QuerySet[Centre], name: str, value: str) -> QuerySet[Centre]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(managing_office__icontains=value))


class EnterpriseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnterpriseStatus.choices)
    technique = django_filters.ChoiceFilter(label=_("Technique"), choices=Technique.choices, method="filter_technique")
    area = AreaFilter(label=_("Area"), field_name="village")
    centre = IdFilter(label=_("Centre"), field_name="centre_id")
    holds = django_filters.ChoiceFilter(
        label=_("Holds"), choices=FacilitationKind.choices, method="filter_holds", help_text=_("A granted facilitation")
    )
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(
            ("name", "name"),
            ("nib", "nib"),
            ("village__name", "village"),
            ("year_founded", "year_founded"),
            ("workers_count", "workers"),
            ("created_at", "created"),
        ),
        field_labels={
            "name": _("Name"),
            "nib": _("NIB"),
            "village__name": _("Village"),
            "year_founded": _("Year founded"),
            "workers_count": _("Workers"),
            "created_at": _("Registered on"),
        },
    )

    class Meta:
        model = Enterprise
        fields = ["q", "status", "technique", "area", "centre", "holds"]

    def search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(brand__icontains=value)
            | Q(nib__startswith=value)
            | Q(memberships__role=MembershipRole.OWNER, memberships__person__full_name__icontains=value)
        ).distinct()

    def filter_technique(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        return queryset.filter(**{f"technique_{value}": True}) if value else queryset

    def filter_holds(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        if not value:
            return queryset
        granted = Facilitation.objects.filter(kind=value, status=FacilitationStatus.GRANTED)
        return queryset.filter(pk__in=granted.values("enterprise_id"))


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    role = django_filters.ChoiceFilter(label=_("Role"), choices=MembershipRole.choices, method="filter_role")
    enterprise = IdFilter(label=_("Enterprise"), method="filter_enterprise")
    area = AreaFilter(label=_("Area"), field_name="village")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("full_name", "name"), ("birth_date", "birth_date"), ("created_at", "created")),
        field_labels={"full_name": _("Name"), "birth_date": _("Birth date"), "created_at": _("Registered on")},
    )

    class Meta:
        model = Person
        fields = ["q", "gender", "role", "enterprise", "area"]

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit() and len(value) == 16:
            return queryset.filter(nik=value)
        return queryset.filter(full_name__icontains=value)

    def filter_role(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(memberships__role=value).distinct() if value else queryset

    def filter_enterprise(self, queryset: QuerySet[Person], name: str, value: int | None) -> QuerySet[Person]:
        return queryset.filter(memberships__enterprise_id=value).distinct() if value else queryset


class FacilitationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FacilitationKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FacilitationStatus.choices)
    enterprise = IdFilter(label=_("Enterprise"), field_name="enterprise_id")
    year = YearFilter(label=_("Year"))
    expires_before = django_filters.DateFilter(label=_("Expires before"), field_name="expires_on", lookup_expr="lt")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("granted_on", "granted_on"), ("expires_on", "expires_on"), ("kind", "kind"), ("year", "year")),
        field_labels={"granted_on": _("Granted"), "expires_on": _("Expires"), "kind": _("Kind"), "year": _("Year")},
    )

    class Meta:
        model = Facilitation
        fields = ["kind", "status", "enterprise", "year", "expires_before"]
