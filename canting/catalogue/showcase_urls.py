"""The public showcase, under a language prefix (/id/..., /en/...) with translated paths."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from canting.catalogue.views import showcase

app_name = "showcase"
urlpatterns = [
    path("", showcase.HomeView.as_view(), name="home"),
    path(_("products/"), showcase.ProductListView.as_view(), name="products"),
    path(_("products/<slug:slug>/"), showcase.ProductView.as_view(), name="product"),
    path(_("motifs/"), showcase.MotifListView.as_view(), name="motifs"),
    path(_("motifs/<slug:slug>/"), showcase.MotifView.as_view(), name="motif"),
    path(_("makers/<int:pk>/"), showcase.EnterpriseView.as_view(), name="enterprise"),
]
