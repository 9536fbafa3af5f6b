"""Competency units (SKKNI) and certification schemes: reference data that office staff keep."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canting.core import audit
from canting.core.lists import ListPage
from canting.core.pages import ServiceFormView
from canting.core.permissions import STAFF, current_user
from canting.training.filtersets import SchemeFilterSet, UnitFilterSet
from canting.training.forms import SchemeForm, UnitForm
from canting.training.models import CompetencyScheme, CompetencyUnit
from canting.training.services import programmes as services

STAFF_ONLY = frozenset({STAFF})


class UnitListView(ListPage):
    allowed_roles = STAFF_ONLY
    filterset_class = UnitFilterSet
    template_name = "training/unit_list.html"
    export_name = "unit-kompetensi"
    export_columns = (
        gettext_lazy("Unit code"),
        gettext_lazy("Title"),
        gettext_lazy("Standard"),
        gettext_lazy("In use"),
    )

    def base_queryset(self) -> QuerySet[CompetencyUnit]:
        return CompetencyUnit.objects.annotate(scheme_count=Count("schemes")).order_by("code")

    def export_row(self, u: CompetencyUnit) -> Sequence[Any]:
        return [u.code, u.title, u.standard, _("yes") if u.active else _("no")]


class UnitCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = UnitForm
    template_name = "training/unit_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def perform(self, form: UnitForm) -> CompetencyUnit:
        return services.save_unit(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:unit-list")


class UnitUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = UnitForm
    template_name = "training/unit_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.unit = get_object_or_404(CompetencyUnit.objects.all(), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": CompetencyUnit.objects.get(pk=self.unit.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "unit": self.unit,
            "history": audit.history(self.unit)[:50],
        }

    def perform(self, form: UnitForm) -> CompetencyUnit:
        return services.save_unit(actor=current_user(self.request), data=form.cleaned_data_for_model(), unit=self.unit)

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:unit-list")


class SchemeListView(ListPage):
    allowed_roles = STAFF_ONLY
    filterset_class = SchemeFilterSet
    template_name = "training/scheme_list.html"
    export_name = "skema-sertifikasi"
    export_columns = (
        gettext_lazy("Name"),
        gettext_lazy("Issuer"),
        gettext_lazy("Certificate valid for (months)"),
        gettext_lazy("Units"),
    )

    def base_queryset(self) -> QuerySet[CompetencyScheme]:
        return CompetencyScheme.objects.prefetch_related("units").order_by("name")

    def export_row(self, s: CompetencyScheme) -> Sequence[Any]:
        return [s.name, s.issuer, s.validity_months, "; ".join(str(u) for u in s.units.all())]


class SchemeCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = SchemeForm
    template_name = "training/scheme_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def perform(self, form: SchemeForm) -> CompetencyScheme:
        return services.save_scheme(
            actor=current_user(self.request), data=form.scheme_data(), units=form.cleaned_data["units"]
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:scheme-list")


class SchemeUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = SchemeForm
    template_name = "training/scheme_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.scheme = get_object_or_404(CompetencyScheme.objects.all(), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": CompetencyScheme.objects.get(pk=self.scheme.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "scheme": self.scheme,
            "history": audit.history(self.scheme)[:50],
        }

    def perform(self, form: SchemeForm) -> CompetencyScheme:
        return services.save_scheme(
            actor=current_user(self.request),
            data=form.scheme_data(),
            units=form.cleaned_data["units"],
            scheme=self.scheme,
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:scheme-list")
