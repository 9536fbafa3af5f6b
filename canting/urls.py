from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("canting.core.urls")),
    path("", include("canting.catalogue.public_urls")),
    path("", include("canting.certification.public_urls")),
    path("quality/", include("canting.certification.urls")),
    path("", include("canting.training.public_urls")),
    path("training/", include("canting.training.urls")),
    path("turnover/", include("canting.turnover.urls")),
    path("facilities/", include("canting.facilities.urls")),
    path("exhibitions/", include("canting.exhibitions.urls")),
    path("trade/", include("canting.trade.urls")),
    path("dashboard/", include("canting.dashboard.urls")),
    path("registry/", include("canting.registry.urls")),
    path("catalogue/", include("canting.catalogue.urls")),
    path("api/", include("canting.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# The public showcase carries its language in the address, so search engines and shared links keep it.
urlpatterns += i18n_patterns(
    path("", include("canting.catalogue.showcase_urls")),
    path("", include("canting.certification.passport_urls")),
    path("", include("canting.training.verify_urls")),
    path("", include("canting.dashboard.figures_urls")),
    path("", include("canting.exhibitions.calendar_urls")),
    prefix_default_language=True,
)

# The API answers an unknown address in JSON, as its schema documents; pages keep the site's 404 page.
handler404 = "canting.core.api.errors.not_found"
