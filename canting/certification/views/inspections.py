"""Authenticity inspections: staff fill in the checklist on a phone beside the cloth, and settle suspicions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from canting.catalogue.models import Product
from canting.certification.filtersets import InspectionFilterSet
from canting.certification.forms import InspectionForm, ResolveForm
from canting.certification.models import SIGNS, Answer, Inspection, Outcome
from canting.certification.services import inspections as services
from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView, apply_service_errors
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.registry.models import Technique

MAKERS = frozenset({STAFF, ARTISAN})
STAFF_ONLY = frozenset({STAFF})
ANSWER_LABELS = dict(Answer.choices)


class InspectionListView(FilteredListView):
    allowed_roles = MAKERS
    filterset_class = InspectionFilterSet
    template_name = "certification/inspection_list.html"
    export_name = "pemeriksaan-keaslian"

    def base_queryset(self) -> QuerySet[Inspection]:
        return Inspection.objects.for_user(self.request.user).select_related(
            "product__enterprise", "batch", "inspector"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}

    def export_header(self) -> Sequence[str]:
        return [
            str(h)
            for h in (
                _("Inspected on"), _("Product"), _("SKU"), _("Enterprise"), _("Batch code"), _("Declared technique"),
                _("Outcome"), _("Resolution"), _("Resolution note"), _("Inspector"), *(str(s.text) for s in SIGNS),
            )
        ]  # fmt: skip

    def export_row(self, i: Inspection) -> Sequence[Any]:
        return [
            i.inspected_on, i.product.name, i.product.sku, i.product.enterprise.name, i.batch.code if i.batch else "",
            i.get_declared_technique_display(), i.get_outcome_display(), i.get_resolution_display(),
            i.resolution_note, i.inspector.get_full_name() or i.inspector.username,
            *(str(ANSWER_LABELS.get(i.answers.get(s.code, ""), "")) for s in SIGNS),
        ]  # fmt: skip


class InspectionCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = InspectionForm
    template_name = "certification/inspection_form.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.product = get_object_or_404(
            Product.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["product"]
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "batches": self.product.batches.order_by("-started_on", "-id")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        technique = self.product.technique
        decisive = {s.code for s in SIGNS if technique in s.decisive_for}
        return {
            **super().get_context_data(**kwargs),
            "product": self.product,
            "is_tiruan": technique == Technique.TIRUAN,
            "decisive": decisive,
        }

    def perform(self, form: InspectionForm) -> Inspection:
        inspection = services.inspect(
            actor=current_user(self.request), product=self.product, data=form.inspection_data()
        )
        if inspection.outcome == Outcome.SUSPECTED:
            messages.warning(
                self.request,
                _("Suspected imitation: %(product)s is held back from the public showcase until this is resolved.")
                % {"product": self.product.name},
            )
        else:
            messages.success(self.request, _("The declared technique of %(product)s is confirmed.") % {
                "product": self.product.name
            })  # fmt: skip
        return inspection

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:inspection-detail", args=[obj.pk])


class InspectionDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = MAKERS
    template_name = "certification/inspection_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.inspection = get_object_or_404(
            Inspection.objects.for_user(request.user).select_related(
                "product__enterprise", "batch", "inspector", "resolved_by"
            ),
            pk=kwargs["pk"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        inspection = self.inspection
        is_staff = role_of(self.request.user) == STAFF
        technique = inspection.declared_technique
        context.update(
            inspection=inspection,
            product=inspection.product,
            answers=[
                (
                    sign,
                    inspection.answers.get(sign.code, ""),
                    ANSWER_LABELS.get(inspection.answers.get(sign.code, ""), _("Not answered")),
                    technique in sign.decisive_for,
                )
                for sign in SIGNS
            ],
            is_staff=is_staff,
            resolve_form=kwargs.get("resolve_form") or ResolveForm(),
        )
        if is_staff:
            context["history"] = audit.history(inspection)[:50]
        return context


class InspectionResolveView(InspectionDetailView):
    """Settle an open suspicion: cleared, reclassified as tiruan, or withdrawn; a note is required."""

    allowed_roles = STAFF_ONLY
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                inspection = services.resolve(
                    self.inspection,
                    actor=current_user(request),
                    resolution=form.cleaned_data["resolution"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The inspection of %(product)s is resolved: %(resolution)s.")
                    % {"product": inspection.product.name, "resolution": inspection.get_resolution_display()},
                )
                return redirect("certification:inspection-detail", pk=inspection.pk)
        return self.render_to_response(self.get_context_data(resolve_form=form))
