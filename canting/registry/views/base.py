"""Pieces the registry's pages share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from canting.registry.models import Enterprise


class ForEnterpriseMixin:
    """A page about one enterprise named in the URL: 404 unless the user may see it, and ``enterprise`` in the
    template context."""

    enterprise: Enterprise

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "enterprise": self.enterprise}  # type: ignore[misc]
