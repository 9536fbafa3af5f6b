"""Facilitation records on an enterprise's page: add, edit, and download the evidence."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from canting.core.pages import ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.registry import services
from canting.registry.forms import FacilitationForm
from canting.registry.models import Facilitation
from canting.registry.views.base import ForEnterpriseMixin

STAFF_ONLY = frozenset({STAFF})


class FacilitationCreateView(ForEnterpriseMixin, ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = FacilitationForm
    template_name = "registry/facilitation_form.html"
    success_message = _("%(object)s has been recorded.")

    def perform(self, form: FacilitationForm) -> Facilitation:
        return services.record_facilitation(
            actor=current_user(self.request),
            enterprise=self.enterprise,
            data=form.cleaned_data_for_model(),
        )


class FacilitationUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = FacilitationForm
    template_name = "registry/facilitation_form.html"
    success_message = _("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.facilitation = get_object_or_404(
            Facilitation.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["pk"]
        )
        self.enterprise = self.facilitation.enterprise

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Facilitation.objects.get(pk=self.facilitation.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "enterprise": self.enterprise, "facilitation": self.facilitation}

    def perform(self, form: FacilitationForm) -> Facilitation:
        return services.update_facilitation(
            self.facilitation,
            actor=current_user(self.request),
            changes=form.cleaned_data_for_model(),
        )


class EvidenceDownloadView(RoleRequiredMixin, View):
    """Evidence files are private: served only to those who may see the enterprise."""

    allowed_roles = frozenset({STAFF, ARTISAN})

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        facilitation = get_object_or_404(Facilitation.objects.for_user(request.user), pk=pk)
        if not facilitation.evidence:
            raise Http404
        return FileResponse(facilitation.evidence.open("rb"), as_attachment=True)
