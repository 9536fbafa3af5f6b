"""Registry endpoints under /api/v1/ (no API root here: the core router sits beside this one)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from canting.registry.api.views import EnterpriseViewSet, FacilitationViewSet, PersonViewSet

router = SimpleRouter()
router.register("enterprises", EnterpriseViewSet, basename="api-enterprise")
router.register("people", PersonViewSet, basename="api-person")
router.register("facilitations", FacilitationViewSet, basename="api-facilitation")

urlpatterns = router.urls
