from django.urls import include, path

from canting.core.api.views import DocsView, SchemaView

urlpatterns = [
    path("v1/", include("canting.core.api.urls")),
    path("v1/", include("canting.registry.api.urls")),
    path("v1/", include("canting.catalogue.api.urls")),
    path("v1/", include("canting.certification.api.urls")),
    path("v1/", include("canting.training.api.urls")),
    path("v1/", include("canting.turnover.api.urls")),
    path("v1/", include("canting.trade.api.urls")),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
]
