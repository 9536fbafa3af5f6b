"""The export desk's API: buyers and export orders, read in the reader's scope (staff their area, an artisan their
own enterprise)."""

from __future__ import annotations

from typing import cast

from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from canting.core.permissions import ARTISAN, STAFF, HasRole
from canting.trade.api.serializers import BuyerSerializer, ExportOrderSerializer
from canting.trade.filtersets import BuyerFilterSet, ExportOrderFilterSet, with_totals
from canting.trade.models import Buyer, ExportOrder, OrderLine, Package, PackageItem


class BuyerViewSet(viewsets.ReadOnlyModelViewSet[Buyer]):
    """Buyers abroad. Filter by country (ISO 3166), enterprise, and a search in name and company. Read only."""

    permission_classes = [HasRole]
    allowed_roles = frozenset({STAFF, ARTISAN})
    serializer_class = BuyerSerializer
    filterset_class = BuyerFilterSet

    def get_queryset(self) -> QuerySet[Buyer]:
        return cast(
            "QuerySet[Buyer]",
            Buyer.objects.for_user(self.request.user).select_related("enterprise").order_by("company", "name", "id"),
        )


class ExportOrderViewSet(viewsets.ReadOnlyModelViewSet[ExportOrder]):
    """Export orders with their lines and packages. Filter by status, enterprise, the buyer's country, year and
    transport. Read only: orders are written and moved on on the working pages."""

    permission_classes = [HasRole]
    allowed_roles = frozenset({STAFF, ARTISAN})
    serializer_class = ExportOrderSerializer
    filterset_class = ExportOrderFilterSet

    def get_queryset(self) -> QuerySet[ExportOrder]:
        return cast(
            "QuerySet[ExportOrder]",
            with_totals(ExportOrder.objects.for_user(self.request.user))
            .select_related("buyer", "incoterm", "origin_rule")
            .prefetch_related(
                Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")),
                Prefetch(
                    "packages",
                    queryset=Package.objects.order_by("number").prefetch_related(
                        Prefetch("items", queryset=PackageItem.objects.order_by("line__position", "line_id"))
                    ),
                ),
            )
            .order_by("-year", "-sequence", "-id"),
        )
