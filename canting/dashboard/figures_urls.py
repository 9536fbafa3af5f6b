"""The public figures page, under a language prefix (/id/angka/, /en/figures/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from canting.dashboard.views import public

app_name = "figures"
urlpatterns = [
    path(_("figures/"), public.FiguresView.as_view(), name="home"),
]
