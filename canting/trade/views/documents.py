"""The document pack of an export order: a page with the checks, the checklist of the other documents the route
needs and the downloads, and each document (proforma invoice, commercial invoice, packing list) as PDF or xlsx.

A document is written only when no check finds an error: a wrong invoice does more harm than none."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import xlsx_response
from canting.trade import documents
from canting.trade.checks import Finding, blocking, run_checks
from canting.trade.documents.pack import build_pack
from canting.trade.documents.xlsx import workbook
from canting.trade.models import ExportOrder

TRADERS = frozenset({STAFF, ARTISAN})
KIND_LABELS = {
    documents.PROFORMA: gettext_lazy("Proforma invoice"),
    documents.INVOICE: gettext_lazy("Commercial invoice"),
    documents.PACKING_LIST: gettext_lazy("Packing list"),
}


class OrderDocumentsMixin(RoleRequiredMixin):
    """Finds the order among those the user may see (404 otherwise) and runs its checks."""

    allowed_roles = TRADERS
    order: ExportOrder
    findings: list[Finding]

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.order = get_object_or_404(
            ExportOrder.objects.for_user(current_user(request)).select_related(
                "enterprise", "buyer", "incoterm", "origin_rule"
            ),
            pk=kwargs["pk"],
        )
        self.findings = run_checks(self.order)


class DocumentsView(OrderDocumentsMixin, TemplateView):
    template_name = "trade/documents/documents.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pack = build_pack(self.order)
        downloads = [
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                "number": pack.numbers[documents.PREFIX[kind]],
            }
            for kind in documents.KINDS
        ]
        context.update(
            order=self.order,
            findings=self.findings,
            blocked=blocking(self.findings),
            pack=pack,
            downloads=downloads,
        )
        return context


class DocumentView(OrderDocumentsMixin, View):
    """One document as a file; refused with a message on the documents page while a check finds an error."""

    def get(self, request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
        if kind not in documents.KINDS or fmt not in documents.FORMATS:
            raise Http404
        if blocking(self.findings):
            messages.error(
                request,
                _("The documents cannot be written yet: correct the errors the checks list below first."),
            )
            return redirect("trade:order-documents", pk=self.order.pk)
        pack = documents.build_english_pack(self.order)
        name = documents.filename(pack, kind, fmt)
        if fmt == "xlsx":
            return xlsx_response(name, workbook(pack, kind))
        response = HttpResponse(documents.pdf(pack, kind), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
