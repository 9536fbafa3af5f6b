"""Monthly turnover reports: the artisan's phone pages (my reports, the short form) and the office's pages (the
list with bulk accept, the detail with accept and return, the late list)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core.dates import add_months
from canting.core.lists import ListPage
from canting.core.pages import DetailFormPostMixin, ServiceActionView, ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.core.templatetags.canting import rupiah
from canting.registry.models import Enterprise
from canting.turnover import suggestions
from canting.turnover.filtersets.reports import LateFilterSet, ReportFilterSet
from canting.turnover.forms.reports import BulkAcceptForm, ReportForm, ReturnForm
from canting.turnover.models import EDITABLE, FIGURE_FIELDS, FILED, ReportReminder, ReportState, TurnoverReport
from canting.turnover.services import reports as services

STAFF_ONLY = frozenset({STAFF})
ARTISAN_ONLY = frozenset({ARTISAN})
FILERS = frozenset({STAFF, ARTISAN})
MONEY_FIELDS = ("domestic_sales", "export_sales", "material_costs")
# How far back "My turnover" lists the months still to report.
DUE_WINDOW_MONTHS = 12
HISTORY_SHOWN = 24


def show(name: str, value: Any) -> str:
    """A figure as the pages print it: rupiah for money, a plain number for counts, a dash for nothing."""
    if value is None or value == "":
        return "\u2013"
    return rupiah(value) if name in MONEY_FIELDS else str(value)


def figure_rows(report: TurnoverReport, previous: TurnoverReport | None) -> list[tuple[str, str, str]]:
    """(label, this month, last month) for each figure of the report, pieces of techniques not made left out."""
    names = [*FIGURE_FIELDS, "material_costs"]
    made = set(report.enterprise.techniques)
    rows = []
    for name in names:
        technique = name.removeprefix("pieces_") if name.startswith("pieces_") else None
        if technique and made and technique not in made and not getattr(report, name):
            continue
        label = str(getattr(TurnoverReport._meta.get_field(name), "verbose_name", name))
        before = show(name, getattr(previous, name)) if previous else "\u2013"
        rows.append((label[:1].upper() + label[1:], show(name, getattr(report, name)), before))
    return rows


def previous_report(enterprise: Enterprise, month: datetime.date) -> TurnoverReport | None:
    return TurnoverReport.objects.filter(enterprise=enterprise, month=add_months(month, -1)).first()


def report_url(report: TurnoverReport) -> str:
    return reverse("turnover:report-detail", args=[report.pk])


# --- the artisan's pages ------------------------------------------------------------------------------------------
class MyReportsView(RoleRequiredMixin, TemplateView):
    """ "My turnover": the months still to report (last month first), a big button for last month, and history."""

    allowed_roles = ARTISAN_ONLY
    template_name = "turnover/reports/my_reports.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = current_user(self.request)
        enterprise = get_object_or_404(Enterprise.objects.for_user(user), pk=user.enterprise_id)
        reports = list(TurnoverReport.objects.for_user(user).filter(enterprise=enterprise).order_by("-month"))
        by_month = {r.month: r for r in reports}
        last = services.last_month()
        registered = services.month_start(timezone.localdate(enterprise.created_at))
        # Months before the enterprise registered are due only when a report for them was started.
        due = []
        for back in range(DUE_WINDOW_MONTHS):
            month = add_months(last, -back)
            report = by_month.get(month)
            if (report is None and (month >= registered or back == 0)) or (report and report.state not in FILED):
                due.append((month, report))
        last_report = by_month.get(last)
        return {
            **super().get_context_data(**kwargs),
            "enterprise": enterprise,
            "due": due,
            "history": reports[:HISTORY_SHOWN],
            "last_month": last,
            "last_report": last_report,
            "last_filed": last_report is not None and last_report.state in FILED,
        }


class ReportFormMixin:
    """What the create and edit pages share: the form for the enterprise, last month's figures beside each field,
    the suggestions from other modules, and the two buttons (save draft, submit)."""

    request: HttpRequest
    enterprise: Enterprise
    month: datetime.date

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "enterprise": self.enterprise}  # type: ignore[misc]

    def submitting(self) -> bool:
        return self.request.POST.get("action") == "submit"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        form = context["form"]
        previous = previous_report(self.enterprise, self.month)
        found = suggestions.suggestions_for(self.enterprise, self.month)
        context["rows"] = {
            name: {
                "field": form[name],
                "previous": show(name, getattr(previous, name)) if previous else None,
                "suggestions": found.get(name, []),
            }
            for name in form.fields
        }
        context.update(
            enterprise=self.enterprise,
            month=self.month,
            previous=previous,
            on_behalf=role_of(self.request.user) == STAFF,
        )
        return context

    def success_url_for(self, obj: Any) -> str:
        return report_url(obj)


class ReportCreateView(ReportFormMixin, ServiceFormView):
    allowed_roles = FILERS
    form_class = ReportForm
    template_name = "turnover/reports/form.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])
        self.month = services.parse_month(request.GET.get("month")) or services.last_month()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        existing = TurnoverReport.objects.filter(enterprise=self.enterprise, month=self.month).first()
        if existing is not None:
            if existing.state in EDITABLE:
                return redirect("turnover:report-edit", existing.pk)
            return redirect(report_url(existing))
        return super().get(request, *args, **kwargs)

    def perform(self, form: ReportForm) -> TurnoverReport:
        report = services.create_report(
            actor=current_user(self.request),
            enterprise=self.enterprise,
            month=self.month,
            data=form.cleaned_data_for_model(),
            submit=self.submitting(),
        )
        messages.success(self.request, submitted_message(report))
        return report


class ReportUpdateView(ReportFormMixin, ServiceFormView):
    allowed_roles = FILERS
    form_class = ReportForm
    template_name = "turnover/reports/form.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.report = get_object_or_404(
            TurnoverReport.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["pk"]
        )
        self.enterprise = self.report.enterprise
        self.month = self.report.month

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.report.state not in EDITABLE:
            messages.info(request, _("This report is %(state)s and can no longer be changed.") % {
                "state": self.report.get_state_display().lower()
            })  # fmt: skip
            return redirect(report_url(self.report))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": TurnoverReport.objects.get(pk=self.report.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "report": self.report}

    def perform(self, form: ReportForm) -> TurnoverReport:
        report = services.update_report(
            self.report,
            actor=current_user(self.request),
            data=form.cleaned_data_for_model(),
            submit=self.submitting(),
        )
        messages.success(self.request, submitted_message(report))
        return report


def submitted_message(report: TurnoverReport) -> str:
    month = services.month_label(report.month)
    if report.state == ReportState.SUBMITTED:
        return _("The report for %(month)s has been submitted to the office.") % {"month": month}
    return _("The report for %(month)s has been saved as a draft. Submit it when the figures are complete.") % {
        "month": month
    }


# --- one report -----------------------------------------------------------------------------------------------
class ReportDetailView(RoleRequiredMixin, TemplateView):
    """A month's figures beside last month's, its state, the reason when returned, who filed it, and for staff the
    accept and return buttons and the audit trail."""

    allowed_roles = FILERS
    template_name = "turnover/reports/detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.report = get_object_or_404(
            TurnoverReport.objects.for_user(request.user).select_related(
                "enterprise", "enterprise__village", "filed_by", "decided_by"
            ),
            pk=kwargs["pk"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.report
        previous = previous_report(report.enterprise, report.month)
        context = super().get_context_data(**kwargs)
        context.update(
            staff_context(self.request, report),
            report=report,
            enterprise=report.enterprise,
            previous=previous,
            rows=figure_rows(report, previous),
            editable=report.state in EDITABLE,
            can_accept=report.state == ReportState.SUBMITTED,
            can_return=report.state in FILED,
            return_form=kwargs.get("return_form") or ReturnForm(),
        )
        return context


class SubmitView(ServiceActionView):
    allowed_roles = FILERS

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.report = get_object_or_404(TurnoverReport.objects.for_user(request.user), pk=kwargs["pk"])

    def act(self, request: HttpRequest) -> None:
        report = services.submit_report(self.report, actor=current_user(request))
        messages.success(request, submitted_message(report))

    def back_url(self) -> str:
        return report_url(self.report)


class AcceptView(ServiceActionView):
    allowed_roles = STAFF_ONLY

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.report = get_object_or_404(TurnoverReport.objects.for_user(request.user), pk=kwargs["pk"])

    def act(self, request: HttpRequest) -> None:
        report = services.accept_report(self.report, actor=current_user(request))
        messages.success(request, _("The report %(report)s has been accepted.") % {"report": report})

    def back_url(self) -> str:
        return report_url(self.report)


class ReturnView(DetailFormPostMixin, ReportDetailView):
    """Send the report back to the enterprise with the reason (required); its artisans are e-mailed."""

    allowed_roles = STAFF_ONLY
    form_class = ReturnForm
    form_context_name = "return_form"

    def perform(self, form: ReturnForm) -> TurnoverReport:
        return services.return_report(self.report, actor=current_user(self.request), reason=form.cleaned_data["reason"])

    def success_message_for(self, obj: TurnoverReport) -> str:
        return _("The report %(report)s has gone back to the enterprise with your reason.") % {"report": obj}

    def success_url_for(self, obj: TurnoverReport) -> str:
        return report_url(obj)


# --- the office's lists ---------------------------------------------------------------------------------------
class ReportListView(ListPage):
    allowed_roles = STAFF_ONLY
    filterset_class = ReportFilterSet
    page_ids_first = True  # the page's reports by month and name read from an index, not 60,000 wide rows
    template_name = "turnover/reports/list.html"
    export_name = "laporan-omset"
    export_columns = (
        gettext_lazy("Month"), gettext_lazy("Enterprise"), gettext_lazy("Village"), gettext_lazy("State"),
        gettext_lazy("Domestic sales (Rp)"), gettext_lazy("Export sales (Rp)"), gettext_lazy("Pieces tulis"),
        gettext_lazy("Pieces cap"), gettext_lazy("Pieces kombinasi"), gettext_lazy("Pieces tiruan"),
        gettext_lazy("Workers, men"), gettext_lazy("Workers, women"), gettext_lazy("Material costs (Rp)"),
        gettext_lazy("Filed by staff on behalf"), gettext_lazy("Submitted"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[TurnoverReport]:
        return cast(
            "QuerySet[TurnoverReport]",
            TurnoverReport.objects.for_user(self.request.user)
            .select_related("enterprise", "enterprise__village")
            .order_by("-month", "enterprise__name", "id"),
        )

    def export_row(self, r: TurnoverReport) -> Sequence[Any]:
        return [
            services.month_label(r.month), r.enterprise.name, r.enterprise.village.name, r.get_state_display(),
            r.domestic_sales, r.export_sales, r.pieces_tulis, r.pieces_cap, r.pieces_kombinasi, r.pieces_tiruan,
            r.workers_men, r.workers_women, r.material_costs, _("yes") if r.on_behalf else "", r.submitted_at,
        ]  # fmt: skip

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "submitted": ReportState.SUBMITTED.value}


class BulkAcceptView(ServiceActionView):
    """Accept the ticked submitted reports together: all of them, or none when one cannot be accepted."""

    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        form = BulkAcceptForm(request.POST, user=request.user)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        count = services.bulk_accept(form.cleaned_data["reports"], actor=current_user(request))
        messages.success(request, _("%(count)d reports have been accepted.") % {"count": count})

    def back_url(self) -> str:
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}):
            return target
        return reverse("turnover:report-list")


class LateListView(ListPage):
    """Active enterprises of the officer's area that have not filed the chosen month (default: last month)."""

    allowed_roles = STAFF_ONLY
    filterset_class = LateFilterSet
    template_name = "turnover/reports/late_list.html"
    export_name = "laporan-omset-terlambat"
    export_columns = (
        gettext_lazy("Month"), gettext_lazy("Enterprise"), gettext_lazy("Village"),
        gettext_lazy("Report state"), gettext_lazy("Reminder sent"),
    )  # fmt: skip

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.month = services.parse_month(request.GET.get("month")) or services.last_month()

    def base_queryset(self) -> QuerySet[Enterprise]:
        month_reports = TurnoverReport.objects.filter(enterprise=OuterRef("pk"), month=self.month)
        reminders = ReportReminder.objects.filter(enterprise=OuterRef("pk"), month=self.month)
        return cast(
            "QuerySet[Enterprise]",
            services.late_enterprises(self.month, Enterprise.objects.for_user(self.request.user))
            .select_related("village")
            .annotate(
                report_id=Subquery(month_reports.values("pk")[:1]),
                report_state=Subquery(month_reports.values("state")[:1]),
                reminded_at=Subquery(reminders.values("sent_at")[:1]),
            )
            .order_by("name", "id"),
        )

    def export_row(self, e: Any) -> Sequence[Any]:
        state = ReportState(e.report_state).label if e.report_state else _("not started")
        return [services.month_label(self.month), e.name, e.village.name, state, e.reminded_at]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        labels = dict(ReportState.choices)
        context = super().get_context_data(**kwargs)
        for enterprise in context["object_list"]:
            enterprise.report_state_label = labels.get(enterprise.report_state, "")
        return {**context, "month": self.month, "month_param": services.month_label(self.month)}
