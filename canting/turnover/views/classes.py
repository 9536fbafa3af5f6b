"""Business class pages: the schemes (thresholds as data, editable by staff) and an enterprise's class."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from canting.core import audit
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.registry.models import Enterprise
from canting.turnover.forms.progress import ConditionFormSet
from canting.turnover.models import CLASS_RANK, ClassCondition, ClassRecord, ClassScheme
from canting.turnover.services import classes as services

STAFF_ONLY = frozenset({STAFF})
STAFF_AND_OWNER = frozenset({STAFF, ARTISAN})


class SchemeListView(RoleRequiredMixin, ListView):  # type: ignore[type-arg]
    """Every scheme with its classes in words and how many enterprises (visible to the officer) stand in each."""

    allowed_roles = STAFF_ONLY
    template_name = "turnover/classes/scheme_list.html"
    context_object_name = "schemes"

    def get_queryset(self) -> QuerySet[ClassScheme]:
        return ClassScheme.objects.prefetch_related("conditions").order_by("-active", "basis", "-effective_from")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        visible = Enterprise.objects.for_user(self.request.user)
        counts = (
            ClassRecord.objects.filter(current=True, enterprise__in=visible)
            .order_by()
            .values("scheme", "business_class")
            .annotate(n=Count("id"))
            .values_list("scheme", "business_class", "n")
        )
        tally: dict[int, dict[str, int]] = {}
        for scheme, business_class, n in counts:
            tally.setdefault(scheme, {})[business_class] = n
        context["rows"] = [
            (scheme, services.described_classes(scheme), tally.get(scheme.pk, {})) for scheme in context["schemes"]
        ]
        return context


class SchemeDetailView(RoleRequiredMixin, TemplateView):
    """One scheme: its regulation, its classes in words, and the staff's form to change its conditions."""

    allowed_roles = STAFF_ONLY
    template_name = "turnover/classes/scheme_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.scheme: ClassScheme = get_object_or_404(ClassScheme.objects.all(), pk=kwargs["pk"])

    def formset(self, data: Any = None) -> Any:
        rank = Case(
            *(When(business_class=c, then=Value(n)) for c, n in CLASS_RANK.items()), output_field=IntegerField()
        )
        queryset = ClassCondition.objects.filter(scheme=self.scheme).order_by(rank, "group", "measure", "id")
        return ConditionFormSet(data, queryset=queryset, prefix="conditions")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scheme = ClassScheme.objects.prefetch_related(
            Prefetch("conditions", queryset=ClassCondition.objects.order_by("group", "id"))
        ).get(pk=self.scheme.pk)
        return {
            **super().get_context_data(**kwargs),
            "scheme": scheme,
            "classes": services.described_classes(scheme),
            "formset": kwargs.get("formset") or self.formset(),
            "history": audit.history(scheme)[:50],
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        formset = self.formset(request.POST)
        if formset.is_valid():
            try:
                services.save_conditions(self.scheme, formset.rows(), actor=current_user(request))
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, _("The conditions of %(scheme)s have been saved.") % {"scheme": self.scheme})
                return redirect("turnover:scheme-detail", pk=self.scheme.pk)
        return self.render_to_response(self.get_context_data(formset=formset))


class EnterpriseClassView(RoleRequiredMixin, TemplateView):
    """An enterprise's classes now under each active scheme, the figures they came from, and its class history
    with the "naik kelas" events. Staff may re-assess now (POST)."""

    allowed_roles = STAFF_AND_OWNER
    template_name = "turnover/classes/enterprise_class.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        records = ClassRecord.objects.filter(enterprise=self.enterprise).select_related("scheme", "assessed_by")
        current = [r for r in records if r.current and r.scheme.active]
        history = records.order_by("-assessed_on", "-id")
        return {
            **super().get_context_data(**kwargs),
            "enterprise": self.enterprise,
            "figures": services.figures(self.enterprise),
            "current": current,
            "unclassed": ClassScheme.objects.filter(active=True).exclude(pk__in=[r.scheme_id for r in current]),
            "month_rules": ClassScheme.objects.filter(active=True, min_months__gt=0).order_by("code"),
            "history": history,
            "moves_up": history.filter(Q(moved_up=True)).count(),
            "is_staff": role_of(self.request.user) == STAFF,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if role_of(request.user) != STAFF:
            raise PermissionDenied
        written = services.assess(self.enterprise, actor=current_user(request), on=timezone.localdate())
        if not written:
            messages.info(request, _("Re-assessed: the class is unchanged."))
        for record in written:
            text = (
                _("Naik kelas: %(scheme)s, now %(class)s.")
                if record.moved_up
                else _("Re-assessed under %(scheme)s: %(class)s.")
            )
            messages.success(request, text % {"scheme": record.scheme, "class": record.get_business_class_display()})
        return redirect("turnover:enterprise-class", pk=self.enterprise.pk)


__all__ = ["EnterpriseClassView", "SchemeDetailView", "SchemeListView"]
