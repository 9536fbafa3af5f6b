"""Public verification of a training certificate: what anyone reads after scanning its QR code or typing its code.

The QR code holds the short address /c/<code>, without a language, so one printed certificate serves every reader.
The page says one thing unmistakably: valid, expired, revoked or unknown. It names the holder (a certificate's
holder is public on it) and what it certifies, never a NIK, phone number or address, nor why it was revoked. Each
client address may open a limited number of certificates a minute (``PASSPORT_RATE``, counted apart from
passports).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views import View

from canting.core import codes, public_codes
from canting.core.permissions import EVERYONE, RoleRequiredMixin, allow
from canting.training.selectors import verify

RATE_GROUP = "certificate-verify"
STATE_STYLES = {"valid": "ok", "expired": "warn", "revoked": "bad", "unknown": "none"}


def over_limit(request: HttpRequest) -> bool:
    return public_codes.over_limit(request, RATE_GROUP)


def limited(request: HttpRequest) -> HttpResponse:
    return public_codes.limited(request, "training/verify_limited.html")


class VerifyView(RoleRequiredMixin, View):
    """One certificate's state in a banner, then what it certifies when it is genuine."""

    allowed_roles = EVERYONE
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        if over_limit(request):
            return limited(request)
        result = verify(code)
        description = gettext("Check whether a training or competency certificate is genuine and still valid.")
        context = {
            **public_codes.page_context(request, result.title, description),
            "result": result,
            "facts": result.facts,
            "style": STATE_STYLES[result.state],
            "code_display": codes.display(result.code) if result.code else "",
            "lookup_url": reverse("verify:lookup"),
        }
        status = 404 if result.state == "unknown" else 200
        response = render(request, "training/verify.html", context, status=status)
        add_never_cache_headers(response)
        return response


class LookupView(public_codes.CodeLookupView):
    """A box to type the code printed under a certificate's QR code."""

    detail_route = "verify:detail"
    template_name = "training/verify_lookup.html"

    def texts(self) -> tuple[str, str, str]:
        return (
            gettext("Check a certificate"),
            gettext("Type the code printed on a training or competency certificate to check it."),
            gettext(
                "This is not a certificate code. Check the 11 letters and digits printed under the QR code; "
                "the dashes may be left out."
            ),
        )


@allow(EVERYONE)
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """/c/<code>: the address in the QR code. Sends the reader on to the verification in their language."""
    return public_codes.short_link(request, code, "verify:detail")
