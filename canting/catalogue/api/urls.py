"""Catalogue endpoints under /api/v1/ (no API root here: the core and registry routers sit beside this one)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from canting.catalogue.api.views import MotifViewSet, PictureViewSet, ProductViewSet

router = SimpleRouter()
router.register("products", ProductViewSet, basename="api-product")
router.register("motifs", MotifViewSet, basename="api-motif")
router.register("pictures", PictureViewSet, basename="api-picture")

urlpatterns = router.urls
