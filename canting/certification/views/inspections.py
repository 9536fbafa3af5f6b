"""Authenticity inspections: staff fill in the checklist on a phone beside the cloth, and settle suspicions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.catalogue.models import Product
from canting.certification.filtersets import InspectionFilterSet
from canting.certification.forms import InspectionForm, ResolveForm
from canting.certification.models import SIGNS, Answer, Inspection, Outcome
from canting.certification.services import inspections as services
from canting.core.lists import ListPage
from canting.core.pages import DetailFormPostMixin, ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.registry.models import Technique

MAKERS = frozenset({STAFF, ARTISAN})
STAFF_ONLY = frozenset({STAFF})
ANSWER_LABELS = dict(Answer.choices)


class InspectionListView(ListPage):
    allowed_roles = MAKERS
    filterset_class = InspectionFilterSet
    template_name = "certification/inspection_list.html"
    export_name = "pemeriksaan-keaslian"
    export_columns = (
        gettext_lazy("Inspected on"), gettext_lazy("Product"), gettext_lazy("SKU"), gettext_lazy("Enterprise"),
        gettext_lazy("Batch code"), gettext_lazy("Declared technique"), gettext_lazy("Outcome"),
        gettext_lazy("Resolution"), gettext_lazy("Resolution note"), gettext_lazy("Inspector"),
        *(sign.text for sign in SIGNS),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Inspection]:
        return Inspection.objects.for_user(self.request.user).select_related(
            "product__enterprise", "batch", "inspector"
        )

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
        technique = inspection.declared_technique
        context.update(
            staff_context(self.request, inspection),
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
            resolve_form=kwargs.get("resolve_form") or ResolveForm(),
        )
        return context


class InspectionResolveView(DetailFormPostMixin, InspectionDetailView):
    """Settle an open suspicion: cleared, reclassified as tiruan, or withdrawn; a note is required."""

    allowed_roles = STAFF_ONLY
    form_class = ResolveForm
    form_context_name = "resolve_form"

    def perform(self, form: ResolveForm) -> Inspection:
        return services.resolve(
            self.inspection,
            actor=current_user(self.request),
            resolution=form.cleaned_data["resolution"],
            note=form.cleaned_data["note"],
        )

    def success_message_for(self, obj: Inspection) -> str:
        return _("The inspection of %(product)s is resolved: %(resolution)s.") % {
            "product": obj.product.name,
            "resolution": obj.get_resolution_display(),
        }

    def success_url_for(self, obj: Inspection) -> str:
        return reverse("certification:inspection-detail", args=[obj.pk])
