"""Placeholder: replaced by the public verification endpoint."""

from rest_framework.views import APIView


class VerifyApiView(APIView):
    allowed_roles = frozenset({"public"})
