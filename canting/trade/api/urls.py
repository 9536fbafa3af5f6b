"""Export desk endpoints under /api/v1/trade/."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from canting.trade.api.views import BuyerViewSet, ExportOrderViewSet

router = SimpleRouter()
router.register("trade/buyers", BuyerViewSet, basename="api-trade-buyer")
router.register("trade/orders", ExportOrderViewSet, basename="api-trade-order")

urlpatterns = [*router.urls]
