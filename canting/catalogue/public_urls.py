"""Public addresses without a language prefix: sitemap.xml, robots.txt and the catalogue's pictures."""

from django.urls import URLPattern, path

from canting.catalogue.sitemaps import sitemap_xml
from canting.catalogue.views import showcase

urlpatterns: list[URLPattern] = [
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", showcase.robots_txt, name="robots-txt"),
    path("media/catalogue/<path:path>", showcase.catalogue_media, name="catalogue-media"),
]
