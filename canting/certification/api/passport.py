"""The product passport as JSON, for a marketplace or a buyer's own system: the same facts as the public page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from canting.certification.selectors import STATE_TITLES, Passport, PassportState, passport_for, passport_url
from canting.certification.views.passport import count_check, over_limit
from canting.core.api.views import PublicEndpointSchema
from canting.core.permissions import EVERYONE, HasRole
from canting.core.site import site_url


class PassportProductSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    technique = serializers.CharField(help_text="tulis, cap, kombinasi or tiruan (printed imitation, not batik)")
    technique_text = serializers.CharField()
    is_batik = serializers.BooleanField()
    product_type = serializers.CharField()
    fabric = serializers.CharField()
    fibres = serializers.CharField(help_text="e.g. 'cotton 100%'")
    url = serializers.CharField(help_text="The piece on the public showcase; empty when it is not shown there.")


class PassportEnterpriseSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    city = serializers.CharField()
    owner = serializers.CharField(allow_null=True, help_text="Only for an active enterprise.")
    url = serializers.CharField(help_text="The maker on the public showcase; empty for an inactive enterprise.")


class PassportMotifSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    story = serializers.CharField()
    meaning = serializers.CharField()
    url = serializers.CharField()


class PassportBatchSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField()
    started_on = serializers.DateField()
    finished_on = serializers.DateField(allow_null=True)
    fabric_lot = serializers.CharField()
    dye_classes = serializers.ListField(child=serializers.CharField())
    dyes = serializers.CharField()
    naphthol_salt = serializers.CharField()
    mordant = serializers.CharField()


class PassportCertificateSerializer(serializers.Serializer[dict[str, Any]]):
    scheme = serializers.CharField()
    scheme_text = serializers.CharField()
    number = serializers.CharField()
    issuer = serializers.CharField()
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()
    state = serializers.CharField(help_text="active, expired, suspended or revoked, as of today")
    valid = serializers.BooleanField()
    on_label = serializers.BooleanField(help_text="Whether this is the certificate printed on the label.")


class PassportResultSerializer(serializers.Serializer[dict[str, Any]]):
    parameter = serializers.CharField(
        help_text="The parameter's name in the request's language (Accept-Language), or in the other when it has "
        "none in that language."
    )
    parameter_ind = serializers.CharField(help_text="The parameter's name in Indonesian.")
    parameter_en = serializers.CharField(help_text="The parameter's name in English; empty when it has none.")
    standard = serializers.CharField()
    value = serializers.CharField()
    unit = serializers.CharField()
    limit = serializers.CharField()
    passed = serializers.BooleanField(
        allow_null=True,
        help_text="Whether the value met the limit; null when the limit is not yet confirmed against the standard's "
        "text: the value is then measured, not judged.",
    )
    limit_confirmed = serializers.BooleanField(help_text="Whether the limit was checked against the standard's text.")
    laboratory = serializers.CharField()
    report = serializers.CharField()
    issued_on = serializers.DateField()
    this_batch = serializers.BooleanField(help_text="False for a report on another batch of the same product.")
    azo = serializers.BooleanField(help_text="An azo-amine result (EU REACH Annex XVII entry 43, EN ISO 14362).")


class PassportSerializer(serializers.Serializer[dict[str, Any]]):
    """A label's passport. A revoked label carries only its state, code and revocation date; a piece under review
    or of printed imitation only what it is and who made it."""

    state = serializers.ChoiceField(choices=[s for s in STATE_TITLES if s != PassportState.UNKNOWN])
    state_text = serializers.CharField()
    code = serializers.CharField()
    url = serializers.CharField()
    revoked_on = serializers.DateField(allow_null=True)
    product = PassportProductSerializer(allow_null=True)
    enterprise = PassportEnterpriseSerializer(allow_null=True)
    motifs = PassportMotifSerializer(many=True)
    batch = PassportBatchSerializer(allow_null=True)
    certificate = PassportCertificateSerializer(allow_null=True)
    certifications = PassportCertificateSerializer(many=True)
    tests = PassportResultSerializer(many=True, help_text="Test results; the piece's dimensions are in ``facts``.")
    facts = PassportResultSerializer(
        many=True, help_text="Measurements of the piece itself (fabric width and length): facts, not tests it passes."
    )
    azo = PassportResultSerializer(allow_null=True)


class PassportProblemSerializer(serializers.Serializer[dict[str, Any]]):
    state = serializers.CharField(required=False)
    detail = serializers.CharField()


def _judged(row: dict[str, Any]) -> dict[str, Any]:
    """A result as a buyer may read it: no pass or fail against a limit nobody has checked, nor for a dimension."""
    confirmed = bool(row.get("limit_confirmed")) and not row.get("dimension")
    return {**row, "passed": row["passed"] if confirmed else None}


def passport_document(passport: Passport) -> dict[str, Any]:
    facts = passport.facts
    product = dict(facts["product"]) if "product" in facts else None
    enterprise = dict(facts["enterprise"]) if "enterprise" in facts else None
    for part in (product, enterprise):
        if part and part["url"]:
            part["url"] = site_url(part["url"])
    return {
        "state": passport.state,
        "state_text": passport.title,
        "code": passport.code,
        "url": passport_url(passport.label.code) if passport.label else "",
        "revoked_on": passport.revoked_on,
        "product": product,
        "enterprise": enterprise,
        "motifs": [{**m, "url": site_url(m["url"])} for m in facts.get("motifs", [])],
        "batch": facts.get("batch"),
        "certificate": facts.get("certificate"),
        "certifications": facts.get("certifications", []),
        "tests": [_judged(row) for row in facts.get("tests", []) if not row["dimension"]],
        "facts": [_judged(row) for row in facts.get("tests", []) if row["dimension"]],
        "azo": _judged(facts["azo"]) if facts.get("azo") else None,
    }


class PassportApiView(APIView):
    """The product passport of one serial label, by the code printed on it (with or without dashes).

    Open to everyone, like the passport page, and counted like it (per label, day and the country of the
    Accept-Language header; nothing about the caller is kept). Each client address may ask for a limited number of
    passports a minute; beyond it the answer is 429. An unknown or malformed code answers 404 and nothing else.
    """

    permission_classes = [HasRole]
    allowed_roles = EVERYONE
    schema = PublicEndpointSchema()
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        operation_id="passports_retrieve",
        responses={
            200: PassportSerializer,
            404: OpenApiResponse(PassportProblemSerializer, description="No label has this code."),
            429: OpenApiResponse(PassportProblemSerializer, description="Too many passports asked for; wait."),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        if over_limit(request._request):
            return Response(
                {"detail": gettext("Too many labels checked from this address. Please try again in a minute.")},
                status=429,
                headers={"Retry-After": "60"},
            )
        passport = passport_for(code)
        if passport.label is None:
            return Response({"state": PassportState.UNKNOWN, "detail": gettext("No label has this code.")}, status=404)
        count_check(request._request, passport.label)
        return Response(PassportSerializer(passport_document(passport)).data, headers={"Cache-Control": "no-store"})
