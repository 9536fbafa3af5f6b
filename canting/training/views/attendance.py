"""Placeholder: replaced by the real pages."""

from django.http import Http404
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin


class AttendanceView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class MarkView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class SheetPdfView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class DoorCodesPdfView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class DoorView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class AssessmentView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404
