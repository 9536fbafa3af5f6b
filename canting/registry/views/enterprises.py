"""Enterprise pages: the registry list, an enterprise's page, and its forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from canting.core import audit, home
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import (
    ARTISAN,
    STAFF,
    RoleRequiredMixin,
    allow,
    current_user,
    role_of,
)
from canting.registry import services
from canting.registry.choosers import EnterpriseChoiceField, options_response
from canting.registry.filtersets import EnterpriseFilterSet
from canting.registry.forms import ArtisanEnterpriseForm, EnterpriseForm
from canting.registry.models import Enterprise, Facilitation
from canting.registry.selectors import owners_prefetch
from canting.registry.views.base import ForEnterpriseMixin

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})


class EnterpriseListView(FilteredListView):
    allowed_roles = STAFF_ONLY
    filterset_class = EnterpriseFilterSet
    template_name = "registry/enterprise_list.html"
    export_name = "ikm"

    def base_queryset(self) -> QuerySet[Enterprise]:
        queryset = Enterprise.objects.for_user(self.request.user).with_totals()
        if not self.request.GET.get("status"):
            queryset = queryset.registered()
        return queryset.select_related("village__parent").prefetch_related(owners_prefetch())

    def export_header(self) -> Sequence[str]:
        return [
            str(h)
            for h in (
                _("Name"), _("Brand"), _("NIB"), _("NPWP"), _("Owner"), _("Address"), _("Village"), _("District"),
                _("Village code"), _("Techniques"), _("Workers, men"), _("Workers, women"),
                _("Monthly capacity"), _("Investment (Rp)"), _("Year founded"), _("Status"),
            )
        ]  # fmt: skip

    def export_row(self, e: Enterprise) -> Sequence[Any]:
        owners = ", ".join(m.person.full_name for m in getattr(e, "owners", []))
        return [
            e.name, e.brand, e.nib, e.npwp, owners, e.address, e.village.name, getattr(e.village.parent, "name", ""),
            e.village_id, e.technique_labels, e.workers_men, e.workers_women, e.monthly_capacity, e.investment,
            e.year_founded, e.get_status_display(),
        ]  # fmt: skip


class EnterpriseDetailView(RoleRequiredMixin, DetailView):  # type: ignore[type-arg]
    allowed_roles = STAFF_OR_ARTISAN
    template_name = "registry/enterprise_detail.html"
    context_object_name = "enterprise"

    def get_queryset(self) -> QuerySet[Enterprise]:
        return Enterprise.objects.for_user(self.request.user).select_related("village__parent__parent", "centre")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        enterprise: Enterprise = self.object
        context["memberships"] = enterprise.memberships.select_related("person").order_by("role", "person__full_name")
        context["facilitations"] = Facilitation.objects.filter(enterprise=enterprise).order_by("kind", "-granted_on")
        context["is_staff"] = role_of(self.request.user) == STAFF
        if context["is_staff"]:
            context["history"] = audit.history(enterprise)[:50]
        else:
            # The artisan's home: what their enterprise has to do (reports, bookings, certificates), from each app.
            context["notices"] = home.notices_for(self.request.user, enterprise)
        return context


class MyEnterpriseView(RoleRequiredMixin, DetailView):  # type: ignore[type-arg]
    """An artisan's way in: their own enterprise's page."""

    allowed_roles = frozenset({ARTISAN})

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        enterprise = Enterprise.objects.for_user(request.user).first()
        if enterprise is None:
            raise Http404
        return redirect(enterprise)


class EnterpriseCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = EnterpriseForm
    template_name = "registry/enterprise_form.html"
    success_message = _("%(object)s has been registered.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: EnterpriseForm) -> Enterprise:
        return services.create_enterprise(actor=current_user(self.request), data=form.cleaned_data_for_model())


class EnterpriseUpdateView(ForEnterpriseMixin, ServiceFormView):
    allowed_roles = STAFF_OR_ARTISAN
    template_name = "registry/enterprise_form.html"
    success_message = _("%(object)s has been saved.")

    def get_form_class(self) -> type[EnterpriseForm]:
        return EnterpriseForm if role_of(self.request.user) == STAFF else ArtisanEnterpriseForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The form works on a copy, so a refused change never leaves the page showing unsaved values as saved.
        kwargs["instance"] = Enterprise.objects.get(pk=self.enterprise.pk)
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, form: EnterpriseForm) -> Enterprise:
        return services.update_enterprise(
            self.enterprise,
            actor=current_user(self.request),
            changes=form.cleaned_data_for_model(),
        )


@allow(STAFF_OR_ARTISAN)
def enterprise_options_view(request: HttpRequest) -> JsonResponse:
    """The enterprises whose name or NIB contains ``?q=``, among those the reader may see, for a search box
    (:class:`canting.registry.choosers.EnterpriseChoiceField`): at most a few, and ``more`` when others match too."""
    chooser = EnterpriseChoiceField(Enterprise.objects.for_user(request.user).order_by("name", "id"))
    return options_response(chooser, request.GET.get("q", "").strip())
