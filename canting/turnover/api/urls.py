"""Turnover endpoints under /api/v1/."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from canting.turnover.api.views import ReportViewSet

router = SimpleRouter()
router.register("turnover-reports", ReportViewSet, basename="api-turnover-report")

urlpatterns = [*router.urls]
