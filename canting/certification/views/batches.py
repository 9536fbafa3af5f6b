"""Production batches: artisans record their own, staff those of the enterprises in their area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.catalogue.models import Product, ProductStatus
from canting.certification.filtersets import BatchFilterSet
from canting.certification.forms import BatchForm
from canting.certification.models import Batch, DyeClass
from canting.certification.services import batches as services
from canting.certification.services import labels as label_services
from canting.core.lists import ListPage
from canting.core.pages import ServiceActionView, ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.registry.models import Technique

MAKERS = frozenset({STAFF, ARTISAN})
DYE_LABELS = dict(DyeClass.choices)


def dye_class_labels(batch: Batch) -> list[str]:
    """The batch's dye classes, named in the order the form lists them."""
    chosen = set(batch.dye_classes or [])
    return [str(label) for code, label in DYE_LABELS.items() if code in chosen]


class BatchListView(ListPage):
    allowed_roles = MAKERS
    filterset_class = BatchFilterSet
    template_name = "certification/batch_list.html"
    export_name = "batch-produksi"
    export_columns = (
        gettext_lazy("Batch code"), gettext_lazy("Product"), gettext_lazy("SKU"), gettext_lazy("Enterprise"),
        gettext_lazy("Technique"), gettext_lazy("Quantity (pieces)"), gettext_lazy("Started on"),
        gettext_lazy("Finished on"), gettext_lazy("Fabric lot"), gettext_lazy("Dye classes"), gettext_lazy("Dyes used"),
        gettext_lazy("Naphthol salt"), gettext_lazy("Mordant"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Batch]:
        return Batch.objects.for_user(self.request.user).select_related("product", "enterprise")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for batch in context["object_list"]:
            batch.dye_labels = dye_class_labels(batch)
        context["techniques"] = Technique.choices
        return context

    def export_row(self, b: Batch) -> Sequence[Any]:
        return [
            b.code, b.product.name, b.product.sku, b.enterprise.name, b.product.get_technique_display(), b.quantity,
            b.started_on, b.finished_on, b.fabric_lot, dye_class_labels(b), b.dyes, b.naphthol_salt,
            b.get_mordant_display(),
        ]  # fmt: skip


class BatchCreateView(ServiceFormView):
    allowed_roles = MAKERS
    form_class = BatchForm
    template_name = "certification/batch_form.html"
    success_message = gettext_lazy("Batch %(object)s has been recorded.")

    def get_initial(self) -> dict[str, Any]:
        product = self.request.GET.get("product", "")
        return {"product": int(product)} if product.isdigit() else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        products = (
            Product.objects.for_user(self.request.user).exclude(status=ProductStatus.ARCHIVED).order_by("name", "sku")
        )
        return {**super().get_form_kwargs(), "products": products}

    def perform(self, form: BatchForm) -> Batch:
        return services.create_batch(
            actor=current_user(self.request), product=form.cleaned_data["product"], data=form.batch_data()
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:batch-detail", args=[obj.pk])


class ForBatchMixin:
    """A page about one batch the user may see: 404 for anybody else's."""

    batch: Batch

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.batch = get_object_or_404(
            Batch.objects.for_user(request.user).select_related("product", "enterprise"), pk=kwargs["pk"]
        )


class BatchDetailView(ForBatchMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = MAKERS
    template_name = "certification/batch_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch = self.batch
        context.update(
            staff_context(self.request, batch),
            batch=batch,
            product=batch.product,
            dye_labels=dye_class_labels(batch),
            reports=batch.test_reports.select_related("laboratory").order_by("-issued_on", "-id"),
            inspections=batch.inspections.order_by("-inspected_on", "-id"),
            label_runs=batch.label_runs.select_related("certification")
            .annotate(active=Count("labels", filter=Q(labels__status="active")))
            .order_by("-created_at", "-id"),
            active_labels=batch.labels.filter(status="active").count(),
        )
        return context


class BatchRevokeLabelsView(ForBatchMixin, ServiceActionView):
    """Withdraw every active label of every issue of a batch at once, e.g. when the cloth proves not to be what the
    labels say; a reason is required and goes into each label's passport history."""

    allowed_roles = frozenset({STAFF})

    def act(self, request: HttpRequest) -> None:
        revoked = label_services.revoke_batch(
            self.batch, actor=current_user(request), reason=request.POST.get("reason", "")
        )
        if revoked:
            messages.success(request, _("%(count)d labels have been revoked.") % {"count": revoked})
        else:
            messages.info(request, _("Every label of this batch was already revoked."))

    def back_url(self) -> str:
        return reverse("certification:batch-detail", args=[self.batch.pk]) + "#labels"


class BatchUpdateView(ForBatchMixin, ServiceFormView):
    allowed_roles = MAKERS
    form_class = BatchForm
    template_name = "certification/batch_form.html"
    success_message = gettext_lazy("Batch %(object)s has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        # The form works on a copy, so a refused change never shows unsaved values as saved.
        return {**super().get_form_kwargs(), "instance": Batch.objects.get(pk=self.batch.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "batch": self.batch}

    def perform(self, form: BatchForm) -> Batch:
        return services.update_batch(self.batch, actor=current_user(self.request), changes=form.batch_data())

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:batch-detail", args=[obj.pk])
