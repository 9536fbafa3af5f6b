"""Pages a visitor opens from a printed code (a label's product passport, a certificate's verification).

Both read the same way: a short address in the QR code (/p/<code>, /c/<code>) without a language, which sends
the reader on to the page in their browser's language; a box to type the code; a rate limit per client address
(``PASSPORT_RATE``, each kind of page counted on its own); and the showcase's layout, kept out of search engines.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.views import View
from django_ratelimit.core import is_ratelimited

from canting.core import codes
from canting.core.permissions import EVERYONE, RoleRequiredMixin
from canting.core.public import OG_LOCALES, language_links
from canting.core.site import site_url


def over_limit(request: HttpRequest, group: str) -> bool:
    """Count this request against the client address's allowance for ``group``; True once it is used up."""
    return bool(is_ratelimited(request, group=group, key="ip", rate=settings.PASSPORT_RATE, increment=True))


def page_context(request: HttpRequest, title: str, description: str) -> dict[str, Any]:
    """What the showcase's base template needs: language links and the page's description. These pages are kept
    out of search engines: each is one piece or one certificate, and a list of codes helps nobody."""
    return {
        "languages": language_links(request),
        "alternates": [],
        "meta": {
            "type": "website",
            "url": site_url(request.path),
            "locale": OG_LOCALES.get(get_language() or "", "id_ID"),
            "locale_alternates": [],
            "image": "",
            "image_alt": "",
            "title": title,
            "description": description,
            "robots": "noindex, nofollow",
        },
    }


def limited(request: HttpRequest, template: str) -> HttpResponse:
    """The 429 answer once a client address has used up its allowance."""
    context = page_context(request, gettext("Please wait a moment"), "")
    response = render(request, template, context, status=429)
    response["Retry-After"] = "60"
    add_never_cache_headers(response)
    return response


def short_link(request: HttpRequest, code: str, route: str) -> HttpResponse:
    """Send the reader of a printed code on to ``route`` in their language (the browser's, or Indonesian), with
    the code in its stored form when it is one (typed lowercase, with dashes, or with O, I or L for 0, 1 and 1)."""
    target = codes.normalise(code) or code
    with translation.override(translation.get_language_from_request(request)):
        url = reverse(route, args=[target])
    return HttpResponseRedirect(url)


class CodeLookupView(RoleRequiredMixin, View):
    """A box to type the code printed under a QR code, for a reader whose phone does not scan."""

    allowed_roles = EVERYONE
    http_method_names = ["get", "head"]
    detail_route: ClassVar[str]
    template_name: ClassVar[str]

    def texts(self) -> tuple[str, str, str]:
        """The page's title, its description, and the message for something that is not a code."""
        raise NotImplementedError

    def get(self, request: HttpRequest) -> HttpResponse:
        title, description, not_a_code = self.texts()
        typed = request.GET.get("code", "").strip()[:40]
        error = ""
        if typed:
            code = codes.normalise(typed)
            if code is not None:
                return redirect(self.detail_route, code=code)
            error = not_a_code
        context = {**page_context(request, title, description), "typed": typed, "error": error}
        return render(request, self.template_name, context)
