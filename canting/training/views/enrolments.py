"""Placeholder: replaced by the real pages."""

from django.http import Http404
from django.views import View

from canting.core.permissions import STAFF, RoleRequiredMixin


class InviteView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class ApplyView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class AcceptView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class CancelView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class MyTrainingsView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class PersonHistoryView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404


class EnterpriseHistoryView(RoleRequiredMixin, View):
    allowed_roles = frozenset({STAFF})

    def get(self, request, *args, **kwargs):
        raise Http404
