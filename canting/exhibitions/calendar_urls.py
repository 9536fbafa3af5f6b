"""The public calendar of exhibitions, under a language prefix (/id/pameran/, /en/exhibitions/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from canting.exhibitions.views import public

app_name = "events"
urlpatterns = [
    path(_("exhibitions/"), public.CalendarView.as_view(), name="calendar"),
    path(_("exhibitions/<int:pk>/"), public.ExhibitionView.as_view(), name="detail"),
]
