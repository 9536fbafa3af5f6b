"""Public certificate verification, under a language prefix (/id/sertifikat/..., /en/certificate/...)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from canting.training.views import verify

app_name = "verify"
urlpatterns = [
    path(_("certificate/"), verify.LookupView.as_view(), name="lookup"),
    path(_("certificate/<str:code>/"), verify.VerifyView.as_view(), name="detail"),
]
