"""Placeholder: replaced by the real pages."""

from django.http import Http404
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin


class IssueView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CertificateListView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CertificateCreateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CertificateDetailView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CertificatePdfView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CertificateScanView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class RevokeView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404
