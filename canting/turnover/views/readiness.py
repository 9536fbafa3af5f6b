"""Readiness to move up ("naik kelas"): the office's list, an enterprise's checklist, the criteria, and the
graduations staff approve and then monitor."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
from canting.turnover.filtersets.progress import GraduationFilterSet, ReadinessFilterSet, readiness_order
from canting.turnover.forms.progress import CriterionForm, GraduateForm
from canting.turnover.models import (
    BusinessClass,
    Criterion,
    Graduation,
    GraduationStatus,
    ReadinessScore,
    SchemeBasis,
)
from canting.turnover.readiness import GRADUATION_NOTE_BELOW, active_criteria, evaluate_one
from canting.turnover.services import graduations as services
from canting.turnover.services.classes import current_classes

STAFF_ONLY = frozenset({STAFF})
STAFF_AND_OWNER = frozenset({STAFF, ARTISAN})
CLASS_LABELS = dict(BusinessClass.choices)
EXPORT_CHUNK = 2000  # enterprises whose classes are read in one query while exporting


@dataclass
class Row:
    """One line of the readiness list: the enterprise with its stored score (None when not computed yet)."""

    enterprise: Enterprise
    stored: ReadinessScore | None
    missing: list[str]
    sales_class: str
    industry_class: str

    @property
    def score(self) -> int | None:
        return self.stored.score if self.stored is not None else None

    @property
    def sales_class_label(self) -> str:
        return str(CLASS_LABELS.get(self.sales_class, "-"))

    @property
    def industry_class_label(self) -> str:
        return str(CLASS_LABELS.get(self.industry_class, "-"))


def _stored(enterprise: Enterprise) -> ReadinessScore | None:
    try:
        return enterprise.readiness
    except ReadinessScore.DoesNotExist:
        return None


def list_rows(enterprises: Sequence[Enterprise], names: dict[str, str]) -> list[Row]:
    """The rows of ``enterprises`` (their scores joined without the items, which would widen the sort of the whole
    list): the items of these only, and their classes, in one query each; ``names`` maps the active criteria's codes
    to their names, for what each still misses."""
    ids = [e.pk for e in enterprises]
    items = dict(ReadinessScore.objects.filter(pk__in=ids).values_list("enterprise_id", "items"))
    classes = current_classes(ids)
    rows = []
    for enterprise in enterprises:
        stored = _stored(enterprise)
        missing = [names[i["code"]] for i in items.get(enterprise.pk, []) if not i["met"] and i["code"] in names]
        found = classes.get(enterprise.pk, {})
        rows.append(
            Row(enterprise, stored, missing, found.get(SchemeBasis.SALES, ""), found.get(SchemeBasis.INDUSTRY, ""))
        )
    return rows


class ReadinessListView(FilteredListView):
    """Every registered enterprise in the officer's area with its score, its class and what it still lacks.

    Scores are stored (``ReadinessScore``, refreshed daily and when turnover reports change), so filtering by score,
    sorting and paging happen in the database; each row says when its score was computed, and one awaiting its
    refresh or never computed says so."""

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
        gettext_lazy("Score computed at"),
    )

    def base_queryset(self) -> QuerySet[Enterprise]:
        return (
            Enterprise.objects.for_user(self.request.user)
            .registered()
            .select_related("readiness")
            .defer("readiness__items")
            .prefetch_related("village")  # for the page's rows only, not joined before sorting them all
            .order_by(*readiness_order(None))
        )

    def criterion_names(self) -> dict[str, str]:
        return {c.code: str(c.name) for c in active_criteria()}

    def export_rows(self) -> Iterator[Sequence[Any]]:
        names = self.criterion_names()
        chunk: list[Enterprise] = []
        for enterprise in self.get_queryset().iterator(chunk_size=EXPORT_CHUNK):
            chunk.append(enterprise)
            if len(chunk) == EXPORT_CHUNK:
                yield from (self.export_row(row) for row in list_rows(chunk, names))
                chunk = []
        yield from (self.export_row(row) for row in list_rows(chunk, names))

    def export_row(self, row: Row) -> Sequence[Any]:
        computed = row.stored.computed_at if row.stored is not None else None
        return [
            row.enterprise.name,
            row.enterprise.village.name,
            row.score,
            row.sales_class_label,
            row.industry_class_label,
            "; ".join(row.missing),
            timezone.localtime(computed).strftime("%Y-%m-%d %H:%M") if computed else _("not computed yet"),
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("format") == "xlsx":
            content = build_workbook([(str(self.export_name), self.export_header(), self.export_rows())])
            return xlsx_response(f"{self.export_name}-{timezone.localdate().isoformat()}.xlsx", content)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        context = super().get_context_data(**kwargs)
        context["object_list"] = list_rows(list(context["object_list"]), self.criterion_names())
        scoped = self.base_queryset().order_by()
        # Two counts, each quick on its own (the stale ones through their partial index): never computed, stale.
        context["waiting"] = (
            scoped.filter(readiness__isnull=True).count() + scoped.filter(readiness__stale=True).count()
        )
        return context


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
