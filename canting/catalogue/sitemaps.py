"""The showcase's sitemap: every public piece, motif, maker and page, in each language with its alternates.

Addresses use the public site address (CANTING_SITE_URL), like every link that leaves the site.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from canting.catalogue.models import Motif, Product
from canting.catalogue.views.showcase import public_enterprises
from canting.core.permissions import EVERYONE, allow
from canting.core.public_cache import public_page
from canting.registry.models import Enterprise


class ShowcaseSitemap(Sitemap):  # type: ignore[type-arg]
    """Each address in every language, with hreflang alternates and x-default (Indonesian)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.CANTING_SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.CANTING_SITE_URL).netloc

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None) -> list[dict[str, Any]]:
        """As Django builds them, except x-default: Django drops the language prefix from it, an address that
        does not exist here (every language, Indonesian included, has its prefix). It points at the Indonesian
        page instead, as the pages' own hreflang links do."""
        urls: list[dict[str, Any]] = super().get_urls(page, site, protocol)
        for info in urls:
            default = {a["lang_code"]: a["location"] for a in info["alternates"]}.get(settings.LANGUAGE_CODE)
            for alternate in info["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


class ProductSitemap(ShowcaseSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Product]:
        return Product.objects.public().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item: Product) -> datetime:
        return item.updated_at


class MotifSitemap(ShowcaseSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Motif]:
        return Motif.objects.public().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item: Motif) -> datetime:
        return item.updated_at


class EnterpriseSitemap(ShowcaseSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Enterprise]:
        return public_enterprises().order_by("pk").only("pk", "updated_at")

    def location(self, item: Enterprise) -> str:
        return reverse("showcase:enterprise", args=[item.pk])

    def lastmod(self, item: Enterprise) -> datetime:
        return item.updated_at


class PageSitemap(ShowcaseSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["showcase:home", "showcase:products", "showcase:motifs"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "motifs": MotifSitemap,
    "makers": EnterpriseSitemap,
}


@allow(EVERYONE)
@public_page
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """The sitemap search engines read to find every public page in both languages."""
    response: HttpResponse = sitemap(request, sitemaps=SITEMAPS)
    return response
