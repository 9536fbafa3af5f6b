"""Quality and certification endpoints under /api/v1/, and the public passport a marketplace can read."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from canting.certification.api.passport import PassportApiView
from canting.certification.api.views import (
    BatchViewSet,
    CertificationViewSet,
    LabelRunViewSet,
    LabelViewSet,
    StandardViewSet,
    TestReportViewSet,
)

router = SimpleRouter()
router.register("standards", StandardViewSet, basename="api-standard")
router.register("batches", BatchViewSet, basename="api-batch")
router.register("test-reports", TestReportViewSet, basename="api-test-report")
router.register("certifications", CertificationViewSet, basename="api-certification")
router.register("label-runs", LabelRunViewSet, basename="api-label-run")
router.register("labels", LabelViewSet, basename="api-label")

urlpatterns = [
    *router.urls,
    path("passports/<str:code>/", PassportApiView.as_view(), name="api-passport-detail"),
]
