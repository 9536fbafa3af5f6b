"""A certificate's verification as JSON, for an employer's or a buyer's own system: the same facts as the page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from canting.core.api.views import PublicEndpointSchema
from canting.core.permissions import EVERYONE, HasRole
from canting.training.selectors import verification_url, verify
from canting.training.views.verify import over_limit


class VerifyUnitSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="The SKKNI unit code.")
    title = serializers.CharField()


class VerifySerializer(serializers.Serializer[dict[str, Any]]):
    """A certificate's state and public facts. A revoked certificate carries only its state, code and the date it
    was revoked."""

    state = serializers.ChoiceField(choices=["valid", "expired", "revoked"], help_text="As of today.")
    state_text = serializers.CharField()
    code = serializers.CharField()
    url = serializers.CharField(help_text="The public verification page (the address in the QR code).")
    kind = serializers.CharField(allow_null=True, help_text="attendance or competency")
    kind_text = serializers.CharField(allow_null=True)
    number = serializers.CharField(allow_null=True)
    holder = serializers.CharField(allow_null=True, help_text="The holder's full name, as on the certificate.")
    title = serializers.CharField(allow_null=True)
    issuer = serializers.CharField(allow_null=True)
    recorded = serializers.BooleanField(
        allow_null=True,
        help_text="True when the issuer (a licensed LSP) issued the certificate and Canting only records it; false "
        "for the organiser's own certificate of attendance.",
    )
    issuer_licence = serializers.CharField(allow_null=True, help_text="The issuing LSP's BNSP licence number.")
    scan_on_file = serializers.BooleanField(allow_null=True, help_text="Whether a scan of the paper is on file.")
    units = VerifyUnitSerializer(many=True)
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    revoked_on = serializers.DateField(allow_null=True)


class VerifyProblemSerializer(serializers.Serializer[dict[str, Any]]):
    state = serializers.CharField(required=False)
    detail = serializers.CharField()


class VerifyApiView(APIView):
    """Whether a training certificate is valid, by the code printed under its QR code (with or without dashes).

    Open to everyone, like the verification page. Each client address may ask for a limited number of certificates
    a minute; beyond it the answer is 429. An unknown or malformed code answers 404 and nothing else.
    """

    permission_classes = [HasRole]
    allowed_roles = EVERYONE
    schema = PublicEndpointSchema()
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        operation_id="certificates_verify",
        responses={
            200: VerifySerializer,
            404: OpenApiResponse(VerifyProblemSerializer, description="No certificate has this code."),
            429: OpenApiResponse(VerifyProblemSerializer, description="Too many certificates asked for; wait."),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        if over_limit(request._request):
            return Response(
                {"detail": gettext("Too many certificates checked from this address. Please try again in a minute.")},
                status=429,
                headers={"Retry-After": "60"},
            )
        result = verify(code)
        if result.state == "unknown":
            return Response({"state": "unknown", "detail": gettext("No certificate has this code.")}, status=404)
        facts = result.facts
        revoked = result.state == "revoked"
        facts = {**facts, "recorded": facts["external"]}
        names = ("kind", "kind_text", "number", "holder", "title", "issuer", "issued_on", "expires_on")
        shown = {
            name: (None if revoked else facts[name]) for name in (*names, "recorded", "issuer_licence", "scan_on_file")
        }
        document = {
            "state": result.state,
            "state_text": result.title,
            "code": result.code,
            "url": verification_url(result.code),
            **shown,
            "units": [] if revoked else facts["units"],
            "revoked_on": facts["revoked_on"],
        }
        return Response(VerifySerializer(document).data, headers={"Cache-Control": "no-store"})
