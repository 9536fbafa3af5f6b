"""The public product passport, under a language prefix (/id/paspor/..., /en/passport/...)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from canting.certification.views import passport

app_name = "passport"
urlpatterns = [
    path(_("passport/"), passport.LookupView.as_view(), name="lookup"),
    path(_("passport/<str:code>/"), passport.PassportView.as_view(), name="detail"),
]
