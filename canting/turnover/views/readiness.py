"""Readiness to move up ("naik kelas"): the office's list, an enterprise's checklist, the criteria, and the
graduations staff approve and then monitor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.core.xlsx import build_workbook, xlsx_response
from canting.registry.models import Enterprise
from canting.turnover.filtersets.progress import GraduationFilterSet, ReadinessFilterSet
from canting.turnover.forms.progress import CriterionForm, GraduateForm
from canting.turnover.models import BusinessClass, Criterion, Graduation, GraduationStatus, SchemeBasis
from canting.turnover.readiness import GRADUATION_NOTE_BELOW, Assessment, evaluate, evaluate_one
from canting.turnover.services import graduations as services
from canting.turnover.services.classes import current_classes

STAFF_ONLY = frozenset({STAFF})
STAFF_AND_OWNER = frozenset({STAFF, ARTISAN})
CLASS_LABELS = dict(BusinessClass.choices)


@dataclass
class Row:
    """One line of the readiness list."""

    enterprise: Enterprise
    assessment: Assessment
    sales_class: str
    industry_class: str

    @property
    def score(self) -> int:
        return self.assessment.score

    @property
    def sales_class_label(self) -> str:
        return str(CLASS_LABELS.get(self.sales_class, "-"))

    @property
    def industry_class_label(self) -> str:
        return str(CLASS_LABELS.get(self.industry_class, "-"))


class ReadinessListView(FilteredListView):
    """Every registered enterprise in the officer's area with its score, its class and what it still lacks.

    The score comes from the evaluators (a bounded number of queries for the whole filtered list), so sorting by it
    happens after scoring; the page then shows 25 of the sorted rows."""

    allowed_roles = STAFF_ONLY
    filterset_class = ReadinessFilterSet
    template_name = "turnover/readiness/readiness_list.html"
    export_name = "kesiapan-naik-kelas"
    export_columns = (
        gettext_lazy("Enterprise"),
        gettext_lazy("Village"),
        gettext_lazy("Score"),
        gettext_lazy("Class (PP 7/2021)"),
        gettext_lazy("Class (industry)"),
        gettext_lazy("Missing"),
    )

    def base_queryset(self) -> QuerySet[Enterprise]:
        return Enterprise.objects.for_user(self.request.user).registered().select_related("village", "centre")

    def rows(self) -> list[Row]:
        queryset = super().get_queryset()
        enterprises = list(queryset)
        if not enterprises:
            return []
        scored = evaluate(queryset)
        classes = current_classes(scored)
        rows = [
            Row(
                e,
                scored[e.pk],
                classes.get(e.pk, {}).get(SchemeBasis.SALES, ""),
                classes.get(e.pk, {}).get(SchemeBasis.INDUSTRY, ""),
            )
            for e in enterprises
        ]
        data = self.filterset.form.cleaned_data if self.filterset.is_bound else {}
        minimum = data.get("min_score")
        if minimum is not None:
            rows = [row for row in rows if row.score >= minimum]
        sort = data.get("sort") or "-score"
        if sort == "name":
            rows.sort(key=lambda r: (r.enterprise.name.lower(), r.enterprise.pk))
        else:
            rows.sort(key=lambda r: (r.score if sort == "score" else -r.score, r.enterprise.name.lower()))
        return rows

    def get_queryset(self) -> Any:
        return self.rows()

    def export_row(self, row: Row) -> Sequence[Any]:
        missing = "; ".join(str(line.criterion.name) for line in row.assessment.missing)
        return [
            row.enterprise.name,
            row.enterprise.village.name,
            row.score,
            row.sales_class_label,
            row.industry_class_label,
            missing,
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("format") == "xlsx":
            rows = (self.export_row(row) for row in self.get_queryset())
            content = build_workbook([(str(self.export_name), self.export_header(), rows)])
            return xlsx_response(f"{self.export_name}-{timezone.localdate().isoformat()}.xlsx", content)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return super().get_context_data(**kwargs)


class EnterpriseReadinessView(RoleRequiredMixin, TemplateView):
    """One enterprise's checklist: each criterion met or not, its value, its evidence or the page that fixes it."""

    allowed_roles = STAFF_AND_OWNER
    template_name = "turnover/readiness/enterprise_readiness.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        assessment = evaluate_one(self.enterprise)
        is_staff = role_of(self.request.user) == STAFF
        graduations = Graduation.objects.filter(enterprise=self.enterprise).order_by("-approved_on", "-id")
        monitored = next((g for g in graduations if g.status == GraduationStatus.MONITORING), None)
        return {
            **super().get_context_data(**kwargs),
            "enterprise": self.enterprise,
            "assessment": assessment,
            "is_staff": is_staff,
            "graduations": graduations,
            "monitored": monitored,
            "note_below": GRADUATION_NOTE_BELOW,
            "form": GraduateForm() if is_staff and monitored is None else None,
        }


class CriterionListView(RoleRequiredMixin, ListView):  # type: ignore[type-arg]
    allowed_roles = STAFF_ONLY
    template_name = "turnover/readiness/criterion_list.html"
    context_object_name = "criteria"

    def get_queryset(self) -> QuerySet[Criterion]:
        return Criterion.objects.order_by("position", "code")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["active_weight"] = sum(c.weight for c in context["criteria"] if c.active)
        return context


class CriterionUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = CriterionForm
    template_name = "turnover/readiness/criterion_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.criterion: Criterion = get_object_or_404(Criterion.objects.all(), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Criterion.objects.get(pk=self.criterion.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "criterion": self.criterion,
            "history": audit.history(self.criterion)[:50],
        }

    def perform(self, form: CriterionForm) -> Criterion:
        return services.save_criterion(self.criterion, form.cleaned_data_for_model(), actor=current_user(self.request))

    def success_url_for(self, obj: Any) -> str:
        return reverse("turnover:criterion-list")


class GraduateView(RoleRequiredMixin, View):
    """Staff approve a graduation (POST): months of monitoring and a note, required under a score of 70."""

    allowed_roles = STAFF_ONLY
    http_method_names = ["post"]

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = GraduateForm(request.POST)
        back = redirect("turnover:enterprise-readiness", pk=self.enterprise.pk)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return back
        try:
            graduation = services.approve(
                self.enterprise,
                actor=current_user(request),
                months=form.cleaned_data["months"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return back
        if graduation.score < GRADUATION_NOTE_BELOW:
            messages.warning(
                request,
                _("Graduation approved with a readiness score of %(score)d, under %(limit)d.")
                % {"score": graduation.score, "limit": GRADUATION_NOTE_BELOW},
            )
        else:
            messages.success(
                request,
                _("Graduation approved: monitoring until %(date)s.")
                % {"date": graduation.monitoring_until.strftime("%d-%m-%Y")},
            )
        return redirect("turnover:graduation-detail", pk=graduation.pk)


class GraduationListView(FilteredListView):
    allowed_roles = STAFF_ONLY
    filterset_class = GraduationFilterSet
    template_name = "turnover/readiness/graduation_list.html"
    export_name = "kelulusan-naik-kelas"
    export_columns = (
        gettext_lazy("Enterprise"),
        gettext_lazy("Status"),
        gettext_lazy("Score"),
        gettext_lazy("Approved on"),
        gettext_lazy("Monitored until"),
        gettext_lazy("Approved by"),
    )

    def base_queryset(self) -> QuerySet[Graduation]:
        first = Case(
            When(status=GraduationStatus.MONITORING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (
            Graduation.objects.for_user(self.request.user)
            .select_related("enterprise", "approved_by")
            .order_by(first, "monitoring_until", "-approved_on", "-id")
        )

    def export_row(self, g: Graduation) -> Sequence[Any]:
        return [
            g.enterprise.name,
            g.get_status_display(),
            g.score,
            g.approved_on,
            g.monitoring_until,
            str(g.approved_by),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return super().get_context_data(**kwargs)


class GraduationDetailView(RoleRequiredMixin, TemplateView):
    """A graduation: the results it was approved on, and turnover month by month against the year before."""

    allowed_roles = STAFF_AND_OWNER
    template_name = "turnover/readiness/graduation_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.graduation = get_object_or_404(
            Graduation.objects.for_user(request.user).select_related("enterprise", "approved_by"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        is_staff = role_of(self.request.user) == STAFF
        rows = services.monitoring_rows(self.graduation)
        return {
            **super().get_context_data(**kwargs),
            "graduation": self.graduation,
            "enterprise": self.graduation.enterprise,
            "rows": rows,
            "total_sales": sum((r.sales or 0) for r in rows),
            "total_before": sum((r.year_before or 0) for r in rows),
            "is_staff": is_staff,
            "history": audit.history(self.graduation)[:50] if is_staff else [],
        }
