"""Placeholder: replaced by the real pages."""

from django.http import Http404
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin


class ProgrammeListView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class ProgrammeCreateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class ProgrammeDetailView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class ProgrammeUpdateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class SessionCreateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class SessionDetailView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class SessionUpdateView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404
