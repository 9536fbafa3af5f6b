from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("canting.core.urls")),
    path("registry/", include("canting.registry.urls")),
    path("api/", include("canting.core.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
