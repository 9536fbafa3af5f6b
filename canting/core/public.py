"""What every public page shares, whichever app serves it: the showcase's layout with its language links, the
addresses of the same page in the other languages, and the metadata shared links and search engines read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, get_language_info, gettext, override

from canting.core.permissions import EVERYONE, RoleRequiredMixin
from canting.core.public_cache import public_page
from canting.core.site import site_url

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def language_links(request: HttpRequest) -> list[dict[str, Any]]:
    """This page in every language, as plain links (the same page, translated address, same query)."""
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translated_path(request, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def translated_path(request: HttpRequest, language: str) -> str:
    """``translate_url`` for the page being answered, from the address already resolved for it rather than
    resolving it again for every language."""
    match = request.resolver_match
    if match is None:
        return translate_url(request.get_full_path(), language)
    with override(language):
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


class ShowcasePage(RoleRequiredMixin):
    """A public page: open to everyone, cached for visitors, with its language links and share metadata."""

    allowed_roles = EVERYONE
    og_type = "website"

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        return public_page(super().as_view(**initkwargs))  # type: ignore[misc]

    def page_meta(self) -> dict[str, str]:
        """The title, description and picture search engines and shared links show for this page."""
        return {
            "title": gettext("Batik with a story"),
            "description": gettext(
                "Batik from the small industries of our centre: every piece with its motif's story, its maker "
                "and a direct line to them."
            ),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        languages = language_links(self.request)  # type: ignore[attr-defined]
        alternates = [{"hreflang": link["code"], "url": site_url(link["url"])} for link in languages]
        default = next(a["url"] for a in alternates if a["hreflang"] == settings.LANGUAGE_CODE)
        meta = {
            "type": self.og_type,
            "url": site_url(self.request.get_full_path()),  # type: ignore[attr-defined]
            "locale": OG_LOCALES.get(get_language() or "", "id_ID"),
            "locale_alternates": [v for k, v in OG_LOCALES.items() if k != get_language()],
            "image": "",
            "image_alt": "",
            **self.page_meta(),
        }
        context.update(
            languages=languages,
            alternates=[*alternates, {"hreflang": "x-default", "url": default}],
            meta=meta,
        )
        return context
