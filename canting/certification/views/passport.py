"""The public product passport: what a buyer reads after scanning a label's QR code or typing its code.

The QR code holds the short address /p/<code>, without a language, so one printed label serves every reader: it
sends them on to the passport in their browser's language. Each look at a passport is counted (per label, day and
the country of the browser's language: nothing about the reader is kept), so passports are never served from the
showcase's page cache; they are small pages of a few queries instead. Each client address may open a limited number
of passports a minute (``PASSPORT_RATE``), which makes trying codes at random slower still than the 2^50 codes
already make it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views import View

from canting.certification.selectors import PassportState, passport_for
from canting.certification.services.labels import country_from_accept_language, record_check
from canting.core import public_codes
from canting.core.permissions import EVERYONE, RoleRequiredMixin, allow

RATE_GROUP = "passport"
STATE_STYLES = {
    PassportState.CERTIFIED: "ok",
    PassportState.UNCERTIFIED: "info",
    PassportState.EXPIRED: "warn",
    PassportState.SUSPENDED: "warn",
    PassportState.CERTIFICATE_REVOKED: "warn",
    PassportState.UNDER_REVIEW: "warn",
    PassportState.NOT_BATIK: "bad",
    PassportState.REVOKED: "bad",
    PassportState.UNKNOWN: "none",
}


def over_limit(request: HttpRequest) -> bool:
    return public_codes.over_limit(request, RATE_GROUP)


def count_check(request: HttpRequest, label: Any) -> None:
    """One more look at ``label`` from the country of the reader's language; a HEAD request is not a look."""
    if request.method == "GET":
        record_check(label, country=country_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")))


def limited(request: HttpRequest) -> HttpResponse:
    return public_codes.limited(request, "certification/passport_limited.html")


class PassportView(RoleRequiredMixin, View):
    """A label's passport: an unmistakable banner with the state of the label and its certificate, then the
    piece's maker, motif, cloth, dyes, certificates and test results, as far as the state allows."""

    allowed_roles = EVERYONE
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        if over_limit(request):
            return limited(request)
        passport = passport_for(code)
        if passport.label is not None:
            count_check(request, passport.label)
        description = gettext("The product passport of a batik label: who made the piece and what it is made of.")
        context = {
            **public_codes.page_context(request, passport.title, description),
            "passport": passport,
            "facts": passport.facts,
            "style": STATE_STYLES[passport.state],
            "lookup_url": reverse("passport:lookup"),
        }
        status = 404 if passport.state == PassportState.UNKNOWN else 200
        response = render(request, "certification/passport.html", context, status=status)
        add_never_cache_headers(response)
        return response


class LookupView(public_codes.CodeLookupView):
    """A box to type the code printed under a label's QR code."""

    detail_route = "passport:detail"
    template_name = "certification/passport_lookup.html"

    def texts(self) -> tuple[str, str, str]:
        return (
            gettext("Check a label"),
            gettext("Type the code printed on a batik label to see its product passport."),
            gettext(
                "This is not a label code. Check the 11 letters and digits printed under the QR code; "
                "the dashes may be left out."
            ),
        )


@allow(EVERYONE)
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """/p/<code>: the address in the QR code. Sends the reader on to the passport in their language (the browser's,
    or Indonesian), with the code in its stored form when it is one (typed lowercase, with dashes, or with O, I
    or L for 0, 1 and 1)."""
    return public_codes.short_link(request, code, "passport:detail")
