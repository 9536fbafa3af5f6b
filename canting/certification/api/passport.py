"""Placeholder: replaced by the public passport endpoint."""

from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


class PassportApiView(APIView):
    permission_classes = [AllowAny]
    allowed_roles = frozenset({"public"})
