"""Training endpoints under /api/v1/, and the public verification of a certificate."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from canting.training.api.verify import VerifyApiView
from canting.training.api.views import CertificateViewSet, EnrolmentViewSet, ProgrammeViewSet, SessionViewSet

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="api-programme")
router.register("training-sessions", SessionViewSet, basename="api-training-session")
router.register("enrolments", EnrolmentViewSet, basename="api-enrolment")
router.register("training-certificates", CertificateViewSet, basename="api-training-certificate")

urlpatterns = [
    *router.urls,
    path("certificates/verify/<str:code>/", VerifyApiView.as_view(), name="api-certificate-verify"),
]
