"""Excel import of enterprises and people (placeholder until the importer lands)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin

STAFF_ONLY = frozenset({STAFF})


class ImportUploadView(RoleRequiredMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("")


class ImportTemplateView(ImportUploadView):
    pass


class ImportPreviewView(ImportUploadView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        return HttpResponse("")
