"""Public verification of a training certificate: what anyone reads after scanning its QR code or typing its code.

The QR code holds the short address /c/<code>, without a language, so one printed certificate serves every reader.
The page says one thing unmistakably: valid, expired, revoked or unknown. It names the holder (a certificate's
holder is public on it) and what it certifies, never a NIK, phone number or address, nor why it was revoked. Each
client address may open a limited number of certificates a minute (``PASSPORT_RATE``, counted apart from
passports).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views import View
from django_ratelimit.core import is_ratelimited

from canting.certification.views.passport import page_context
from canting.core import codes
from canting.core.permissions import EVERYONE, RoleRequiredMixin, allow
from canting.training.models import Certificate

RATE_GROUP = "certificate-verify"
STATE_STYLES = {"valid": "ok", "expired": "warn", "revoked": "bad", "unknown": "none"}


def state_titles() -> dict[str, str]:
    return {
        "valid": gettext("Valid certificate"),
        "expired": gettext("Expired certificate"),
        "revoked": gettext("Revoked certificate"),
        "unknown": gettext("Unknown certificate"),
    }


@dataclass
class Verification:
    """What the public may know of one certificate; ``facts`` is empty for an unknown code."""

    state: str
    code: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return state_titles()[self.state]


def verification_url(code: str) -> str:
    return settings.CANTING_SITE_URL.rstrip("/") + reverse("certificate-short", args=[code])


def verify(code: str, *, day: datetime.date | None = None) -> Verification:
    """The state and public facts of the certificate with ``code`` (typed in any form), or unknown."""
    normal = codes.normalise(code or "")
    cert = None
    if normal is not None:
        cert = Certificate.objects.select_related("person").filter(code=normal).first()
    if cert is None:
        return Verification(state="unknown")
    state = cert.state(day or timezone.localdate())
    facts = {
        "kind": cert.kind,
        "kind_text": str(cert.get_kind_display()),
        "number": cert.number,
        "holder": cert.person.full_name,
        "title": cert.title,
        "issuer": cert.issuer,
        "units": [{"code": u.get("code", ""), "title": u.get("title", "")} for u in cert.units or []],
        "issued_on": cert.issued_on,
        "expires_on": cert.expires_on,
        "revoked_on": timezone.localdate(cert.revoked_at) if state == "revoked" and cert.revoked_at else None,
        "external": cert.external,
    }
    return Verification(state=state, code=cert.code, facts=facts)


def over_limit(request: HttpRequest) -> bool:
    """Count this request against the client address's allowance; True once it is used up."""
    return bool(is_ratelimited(request, group=RATE_GROUP, key="ip", rate=settings.PASSPORT_RATE, increment=True))


def limited(request: HttpRequest) -> HttpResponse:
    context = page_context(request, gettext("Please wait a moment"), "")
    response = render(request, "training/verify_limited.html", context, status=429)
    response["Retry-After"] = "60"
    add_never_cache_headers(response)
    return response


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
            **page_context(request, result.title, description),
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


class LookupView(RoleRequiredMixin, View):
    """A box to type the code printed under a certificate's QR code."""

    allowed_roles = EVERYONE
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        typed = request.GET.get("code", "").strip()[:40]
        error = ""
        if typed:
            code = codes.normalise(typed)
            if code is not None:
                return redirect("verify:detail", code=code)
            error = gettext(
                "This is not a certificate code. Check the 11 letters and digits printed under the QR code; "
                "the dashes may be left out."
            )
        context = {
            **page_context(
                request,
                gettext("Check a certificate"),
                gettext("Type the code printed on a training or competency certificate to check it."),
            ),
            "typed": typed,
            "error": error,
        }
        return render(request, "training/verify_lookup.html", context)


@allow(EVERYONE)
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """/c/<code>: the address in the QR code. Sends the reader on to the verification in their language."""
    target = codes.normalise(code) or code
    language = translation.get_language_from_request(request)
    with translation.override(language):
        url = reverse("verify:detail", args=[target])
    return HttpResponseRedirect(url)
