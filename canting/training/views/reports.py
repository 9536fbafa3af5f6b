"""Placeholder: replaced by the real pages."""

from django.http import Http404
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin


class SessionReportView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class SessionReportPdfView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404
