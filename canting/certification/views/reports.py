"""Laboratory test reports: staff record them and enter the results; artisans read their own enterprise's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from canting.catalogue.models import Product, ProductStatus
from canting.certification.filtersets import TestReportFilterSet
from canting.certification.forms import OverrideForm, ResultsForm, TestReportForm
from canting.certification.models import Batch, Parameter, Standard, TestReport
from canting.certification.services import reports as services
from canting.certification.services.reports import plain_number, result_key
from canting.core.lists import ListPage
from canting.core.models import AuditEvent
from canting.core.pages import DetailFormPostMixin, ServiceFormView, apply_service_errors, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user

MAKERS = frozenset({STAFF, ARTISAN})
STAFF_ONLY = frozenset({STAFF})


class ReportListView(ListPage):
    allowed_roles = MAKERS
    filterset_class = TestReportFilterSet
    template_name = "certification/report_list.html"
    export_name = "laporan-uji"
    export_columns = (
        gettext_lazy("Report number"), gettext_lazy("Laboratory"), gettext_lazy("Enterprise"), gettext_lazy("Product"),
        gettext_lazy("SKU"), gettext_lazy("Batch code"), gettext_lazy("Sampled on"), gettext_lazy("Issued on"),
        gettext_lazy("Verdict"), gettext_lazy("Verdict from the results"), gettext_lazy("Verdict set by staff"),
        gettext_lazy("Reason for the staff verdict"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[TestReport]:
        return TestReport.objects.for_user(self.request.user).select_related(
            "enterprise", "product", "laboratory", "batch"
        )

    def export_row(self, r: TestReport) -> Sequence[Any]:
        return [
            r.number, str(r.laboratory), r.enterprise.name, r.product.name, r.product.sku,
            r.batch.code if r.batch else "", r.sampled_on, r.issued_on, r.get_verdict_display(),
            r.get_computed_verdict_display(), r.get_override_verdict_display() if r.override_verdict else "",
            r.override_reason,
        ]  # fmt: skip


class ReportFormMixin:
    request: HttpRequest

    def report_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {
            "products": Product.objects.for_user(user)
            .exclude(status=ProductStatus.ARCHIVED)
            .select_related("enterprise")
            .order_by("enterprise__name", "name"),
            "batches": Batch.objects.for_user(user).select_related("product").order_by("-started_on", "-id"),
        }


class ReportCreateView(ReportFormMixin, ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = TestReportForm
    template_name = "certification/report_form.html"
    success_message = gettext_lazy("Report %(object)s has been recorded. Enter its results now.")

    def get_initial(self) -> dict[str, Any]:
        """Opened from a batch (``?batch=``) or a product (``?product=``), the form starts filled in."""
        initial: dict[str, Any] = {}
        batch = self.request.GET.get("batch", "")
        product = self.request.GET.get("product", "")
        if batch.isdigit():
            found = Batch.objects.for_user(self.request.user).filter(pk=int(batch)).first()
            if found is not None:
                initial.update(batch=found.pk, product=found.product_id)
        elif product.isdigit():
            initial["product"] = int(product)
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), **self.report_form_kwargs()}

    def perform(self, form: TestReportForm) -> TestReport:
        return services.create_report(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:report-results", args=[obj.pk])


class ForReportMixin:
    """A page about one report the user may see: 404 for anybody else's."""

    report: TestReport

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.report = get_object_or_404(
            TestReport.objects.for_user(request.user).select_related(
                "enterprise", "product", "laboratory", "batch", "overridden_by"
            ),
            pk=kwargs["pk"],
        )


class ReportDetailView(ForReportMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = MAKERS
    template_name = "certification/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report
        results = [
            (result, plain_number(result.value))
            for result in report.results.order_by("standard_code", "standard_edition", "id")
        ]
        context.update(
            staff_context(self.request, report),
            report=report,
            results=results,
            override_form=kwargs.get("override_form") or OverrideForm(),
        )
        if report.override_verdict:
            context["override_event"] = (
                AuditEvent.objects.filter(
                    object_type=report._meta.label_lower,
                    object_id=str(report.pk),
                    action="certification.report.verdict_overridden",
                )
                .order_by("-at", "-id")
                .first()
            )
        return context


class ReportUpdateView(ReportFormMixin, ForReportMixin, ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = TestReportForm
    template_name = "certification/report_form.html"
    success_message = gettext_lazy("Report %(object)s has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            **self.report_form_kwargs(),
            "instance": TestReport.objects.get(pk=self.report.pk),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "report": self.report}

    def perform(self, form: TestReportForm) -> TestReport:
        return services.update_report(
            self.report, actor=current_user(self.request), changes=form.cleaned_data_for_model()
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:report-detail", args=[obj.pk])


class ReportResultsView(ForReportMixin, RoleRequiredMixin, TemplateView):
    """One value per parameter of the chosen standards that apply to the product's technique.

    The standards shown are those named in the address (``?standard=<pk>``, repeatable), those the report already
    has results for, and, when neither, the standards in force written for this technique.
    """

    allowed_roles = STAFF_ONLY
    template_name = "certification/report_results.html"

    def setup_rows(self, request: HttpRequest) -> None:
        technique = self.report.product.technique
        results = {r.parameter_id: r for r in self.report.results.select_related("parameter")}
        source = request.POST if request.method == "POST" else request.GET
        picked = {int(v) for v in source.getlist("standard") if v.isdigit()}
        used = {r.parameter.standard_id for r in results.values() if r.parameter is not None}
        parameters = Prefetch("parameters", queryset=Parameter.objects.order_by("position", "id"))
        in_force = list(Standard.objects.in_force().prefetch_related(parameters).order_by("code", "edition"))
        if not picked and not used:
            picked = {s.pk for s in in_force if any(technique in p.techniques for p in s.parameters.all())}
        chosen_ids = picked | used
        others = [s for s in Standard.objects.filter(pk__in=used).prefetch_related(parameters) if s not in in_force]
        self.offered = [
            (s, sum(1 for p in s.parameters.all() if p.applies_to(technique)), s.pk in chosen_ids) for s in in_force
        ]
        self.chosen = [s for s in [*in_force, *others] if s.pk in chosen_ids]
        self.rows: list[tuple[Standard, list[Parameter]]] = []
        for standard in self.chosen:
            shown = [p for p in standard.parameters.all() if p.applies_to(technique) or p.pk in results]
            self.rows.append((standard, shown))
        self.results = results

    def get_form(self, data: Any = None) -> ResultsForm:
        parameters = [p for _standard, shown in self.rows for p in shown]
        return ResultsForm(data, parameters=parameters, results=self.results)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form: ResultsForm = kwargs.get("form") or self.get_form()
        context.update(
            report=self.report,
            form=form,
            offered=self.offered,
            chosen=self.chosen,
            groups=[
                (
                    standard,
                    [(p, form[result_key(p)], self.results.get(p.pk)) for p in shown],
                )
                for standard, shown in self.rows
            ],
            orphans=self.report.results.filter(parameter__isnull=True),
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_rows(request)
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_rows(request)
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                report = services.record_results(self.report, actor=current_user(request), values=form.values())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The results of %(report)s have been saved: %(verdict)s.")
                    % {"report": report, "verdict": report.get_verdict_display()},
                )
                return redirect("certification:report-detail", pk=report.pk)
        return self.render_to_response(self.get_context_data(form=form), status=200)


class ReportOverrideView(DetailFormPostMixin, ReportDetailView):
    """Staff set the verdict themselves, or clear theirs; a written reason is required either way."""

    allowed_roles = STAFF_ONLY
    form_class = OverrideForm
    form_context_name = "override_form"

    def perform(self, form: OverrideForm) -> TestReport:
        return services.override_verdict(
            self.report,
            actor=current_user(self.request),
            verdict=form.chosen_verdict(),
            reason=form.cleaned_data["reason"],
        )

    def success_message_for(self, obj: TestReport) -> str:
        return _("The verdict of %(report)s is now %(verdict)s.") % {
            "report": obj,
            "verdict": obj.get_verdict_display(),
        }

    def success_url_for(self, obj: TestReport) -> str:
        return reverse("certification:report-detail", args=[obj.pk])


class ReportDocumentView(ForReportMixin, RoleRequiredMixin, View):
    """The laboratory's PDF, served only to those who may see the report."""

    allowed_roles = MAKERS

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        document = self.report.document
        if not document:
            raise Http404
        name = f"{self.report.number}.pdf".replace("/", "-")
        return FileResponse(document.open("rb"), content_type="application/pdf", filename=name)
