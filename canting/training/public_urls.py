"""The short address in a certificate's QR code: /c/<code>, opening its verification in the reader's language."""

from django.urls import path

from canting.training.views import verify

urlpatterns = [
    path("c/<str:code>", verify.short_link, name="certificate-short"),
]
