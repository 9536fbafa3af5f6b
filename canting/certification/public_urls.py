"""The short address printed in a label's QR code: /p/<code>, which opens the passport in the reader's language."""

from django.urls import path

from canting.certification.views import passport

urlpatterns = [
    path("p/<str:code>", passport.short_link, name="passport-short"),
]
