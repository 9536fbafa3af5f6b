"""Core endpoints under /api/v1/ (no API root here: the registry's router sits beside this one)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from canting.core.api.views import AreaViewSet

router = SimpleRouter()
router.register("areas", AreaViewSet, basename="api-area")

urlpatterns = router.urls
