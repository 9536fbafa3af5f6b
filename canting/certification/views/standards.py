"""Standards with their parameters (every signed-in role reads them; staff keep them), and the laboratories."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canting.certification.filtersets import LaboratoryFilterSet, StandardFilterSet
from canting.certification.forms import LaboratoryForm, ParameterForm, StandardForm
from canting.certification.models import Laboratory, Parameter, Standard
from canting.certification.services import standards as services
from canting.core.lists import ListPage
from canting.core.models import AuditEvent
from canting.core.pages import ServiceFormView, apply_service_errors
from canting.core.permissions import SIGNED_IN, STAFF, current_user

STAFF_ONLY = frozenset({STAFF})


def ordered_parameters() -> Prefetch[Any]:
    return Prefetch("parameters", queryset=Parameter.objects.order_by("position", "id"))


class StandardListView(ListPage):
    allowed_roles = SIGNED_IN
    filterset_class = StandardFilterSet
    template_name = "certification/standard_list.html"
    export_name = "standar"
    export_columns = (
        gettext_lazy("Code"), gettext_lazy("Edition"), gettext_lazy("Title"), gettext_lazy("Status"),
        gettext_lazy("Source"), gettext_lazy("Parameter"), gettext_lazy("Unit"), gettext_lazy("Test method"),
        gettext_lazy("Limit"), gettext_lazy("Techniques"), gettext_lazy("Limit checked against the standard text"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Standard]:
        return (
            Standard.objects.for_user(self.request.user)
            .prefetch_related(ordered_parameters())
            .order_by("code", "edition")
        )

    def export_row(self, s: Standard) -> Sequence[Any]:
        parameters = list(s.parameters.all())
        return [
            s.code,
            s.edition,
            s.title,
            s.get_status_display(),
            s.source,
            "; ".join(p.name for p in parameters),
            "; ".join(p.unit or "-" for p in parameters),
            "; ".join(p.test_method or "-" for p in parameters),
            "; ".join(p.limit_text for p in parameters),
            "; ".join(",".join(p.techniques) or "*" for p in parameters),
            "; ".join(_("yes") if p.limit_checked else _("no") for p in parameters),
        ]


class StandardCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = StandardForm
    template_name = "certification/standard_form.html"
    success_message = gettext_lazy("%(object)s has been recorded. Add its parameters next.")

    def perform(self, form: StandardForm) -> Standard:
        return services.save_standard(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:standard-edit", args=[obj.pk])


class StandardUpdateView(ServiceFormView):
    """The standard and its parameters on one page: the standard's form, the parameter table, and a form that adds
    a parameter or edits the one chosen in the table (``?parameter=<pk>``)."""

    allowed_roles = STAFF_ONLY
    form_class = StandardForm
    template_name = "certification/standard_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.standard = get_object_or_404(Standard.objects.for_user(request.user), pk=kwargs["pk"])
        self.parameter: Parameter | None = None
        chosen = request.POST.get("parameter") or request.GET.get("parameter")
        if chosen:
            if not chosen.isdigit():
                raise Http404
            self.parameter = get_object_or_404(Parameter.objects.filter(standard=self.standard), pk=int(chosen))

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "instance": Standard.objects.get(pk=self.standard.pk)}
        if self.request.POST.get("form") != "standard":
            kwargs.pop("data", None)
        return kwargs

    def parameter_form(self, data: Any = None) -> ParameterForm:
        instance = Parameter.objects.get(pk=self.parameter.pk) if self.parameter else None
        return ParameterForm(data, instance=instance, prefix="p")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        parameters = list(self.standard.parameters.annotate(result_count=Count("results")).order_by("position", "id"))
        ids = [str(p.pk) for p in parameters]
        context.update(
            standard=self.standard,
            parameters=parameters,
            parameter=self.parameter,
            parameter_in_use=any(p.result_count for p in parameters if p == self.parameter),  # type: ignore[attr-defined]
            parameter_form=kwargs.get("parameter_form") or self.parameter_form(),
            history=AuditEvent.objects.filter(
                Q(object_type="certification.standard", object_id=str(self.standard.pk))
                | Q(object_type="certification.parameter", object_id__in=ids)
            ).select_related("actor")[:50],
        )
        return context

    def perform(self, form: StandardForm) -> Standard:
        return services.save_standard(
            actor=current_user(self.request), data=form.cleaned_data_for_model(), standard=self.standard
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:standard-edit", args=[obj.pk])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        which = request.POST.get("form")
        back = reverse("certification:standard-edit", args=[self.standard.pk]) + "#parameters"
        if which == "delete-parameter" and self.parameter is not None:
            name = self.parameter.name
            try:
                services.delete_parameter(self.parameter, actor=current_user(request))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(name)s has been deleted.") % {"name": name})
            return redirect(back)
        if which == "parameter":
            form = self.parameter_form(request.POST)
            if form.is_valid():
                try:
                    saved = services.save_parameter(
                        actor=current_user(request),
                        standard=self.standard,
                        data=form.cleaned_data_for_model(),
                        parameter=self.parameter,
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, _("%(name)s has been saved.") % {"name": saved.name})
                    return redirect(back)
            return self.render_to_response(self.get_context_data(form=self.get_form(), parameter_form=form))
        return super().post(request, *args, **kwargs)


class LaboratoryListView(ListPage):
    allowed_roles = STAFF_ONLY
    filterset_class = LaboratoryFilterSet
    template_name = "certification/laboratory_list.html"
    export_name = "laboratorium"
    export_columns = (
        gettext_lazy("Name"),
        gettext_lazy("Short name"),
        gettext_lazy("City"),
        gettext_lazy("Accreditation"),
        gettext_lazy("Test reports"),
    )

    def base_queryset(self) -> QuerySet[Laboratory]:
        return Laboratory.objects.annotate(report_count=Count("testreport")).order_by("name")

    def export_row(self, lab: Laboratory) -> Sequence[Any]:
        return [lab.name, lab.short_name, lab.city, lab.accreditation, getattr(lab, "report_count", 0)]


class LaboratoryCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = LaboratoryForm
    template_name = "certification/laboratory_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def perform(self, form: LaboratoryForm) -> Laboratory:
        return services.save_laboratory(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:laboratory-list")


class LaboratoryUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = LaboratoryForm
    template_name = "certification/laboratory_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.laboratory = get_object_or_404(Laboratory.objects.all(), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Laboratory.objects.get(pk=self.laboratory.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "laboratory": self.laboratory}

    def perform(self, form: LaboratoryForm) -> Laboratory:
        return services.save_laboratory(
            actor=current_user(self.request), data=form.cleaned_data_for_model(), laboratory=self.laboratory
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("certification:laboratory-list")
