"""One FilterSet per model, shared by the public showcase, the staff and artisan lists, and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Fabric, Motif, Product, ProductStatus, ProductType
from canting.catalogue.selectors import search_motifs, search_products
from canting.core.filtersets import IdFilter, OrderingFilter
from canting.registry.models import Technique


class ProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    technique = django_filters.ChoiceFilter(label=_("Technique"), choices=Technique.choices)
    motif = django_filters.CharFilter(label=_("Motif"), method="filter_motif", help_text=_("The motif's slug"))
    product_type = django_filters.ChoiceFilter(label=_("Product type"), choices=ProductType.choices)
    fabric = django_filters.ChoiceFilter(label=_("Fabric"), choices=Fabric.choices)
    natural_dye = django_filters.BooleanFilter(label=_("Natural dye"))
    price_min = django_filters.NumberFilter(label=_("Lowest price"), field_name="price", lookup_expr="gte")
    price_max = django_filters.NumberFilter(label=_("Highest price"), field_name="price", lookup_expr="lte")
    enterprise = IdFilter(label=_("Enterprise"), field_name="enterprise_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProductStatus.choices)
    featured = django_filters.BooleanFilter(label=_("Featured"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("published_at", "published"), ("price", "price"), ("name", "name"), ("updated_at", "updated")),
        field_labels={
            "published_at": _("Newest"),
            "price": _("Price"),
            "name": _("Name"),
            "updated_at": _("Last changed"),
        },
    )

    class Meta:
        model = Product
        fields = [
            "q",
            "technique",
            "motif",
            "product_type",
            "fabric",
            "natural_dye",
            "price_min",
            "price_max",
            "enterprise",
            "status",
            "featured",
        ]

    def search(self, queryset: QuerySet[Product], name: str, value: str) -> QuerySet[Product]:
        return search_products(queryset, value)

    def filter_motif(self, queryset: QuerySet[Product], name: str, value: str) -> QuerySet[Product]:
        if not value:
            return queryset
        return queryset.filter(pk__in=Product.motifs.through.objects.filter(motif__slug=value).values("product_id"))


class MotifFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.CharFilter(label=_("Region"), field_name="region", lookup_expr="icontains")
    area = django_filters.CharFilter(label=_("Area code"), method="filter_area")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("name", "name"), ("created_at", "created")),
        field_labels={"name": _("Name"), "created_at": _("Registered on")},
    )

    class Meta:
        model = Motif
        fields = ["q", "region", "area"]

    def search(self, queryset: QuerySet[Motif], name: str, value: str) -> QuerySet[Motif]:
        return search_motifs(queryset, value)

    def filter_area(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(area__code__startswith=value.strip()) if value else queryset
