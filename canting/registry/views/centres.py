"""Centres (sentra): the list every officer reads, and the forms of those with the right to manage centres."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import STAFF, current_user
from canting.registry import services
from canting.registry.filtersets import CentreFilterSet
from canting.registry.forms import CentreForm
from canting.registry.models import Centre

STAFF_ONLY = frozenset({STAFF})


class CentreListView(FilteredListView):
    allowed_roles = STAFF_ONLY
    filterset_class = CentreFilterSet
    template_name = "registry/centre_list.html"
    export_name = "sentra"
    export_columns = (
        _("Name"), _("Address"), _("Village"), _("District"), _("Village code"), _("Managing office"), _("Enterprises"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Any]:
        return (
            Centre.objects.for_user(self.request.user)
            .select_related("village__parent")
            .annotate(enterprise_count=Count("enterprises"))
            .order_by("name", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "may_manage": services.may_manage_centres(self.request.user)}

    def export_row(self, centre: Centre) -> Sequence[Any]:
        district = getattr(centre.village.parent, "name", "")
        return [
            centre.name, centre.address, centre.village.name, district, centre.village_id, centre.managing_office,
            centre.enterprise_count,  # type: ignore[attr-defined]
        ]  # fmt: skip


class CentreFormView(ServiceFormView):
    """Creating or editing a centre: 403 without the right to manage centres, 404 for a centre outside one's area."""

    allowed_roles = STAFF_ONLY
    form_class = CentreForm
    template_name = "registry/centre_form.html"
    centre: Centre | None = None

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        if not services.may_manage_centres(request.user):
            raise PermissionDenied
        if "pk" in kwargs:
            self.centre = get_object_or_404(Centre.objects.for_user(request.user), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.centre is not None:
            kwargs["instance"] = Centre.objects.get(pk=self.centre.pk)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "centre": self.centre}

    def success_url_for(self, obj: Any) -> str:
        return reverse("registry:centre-list")


class CentreCreateView(CentreFormView):
    success_message = _("The centre has been registered: %(object)s.")

    def perform(self, form: CentreForm) -> Centre:
        return services.create_centre(actor=current_user(self.request), data=form.cleaned_data_for_model())


class CentreUpdateView(CentreFormView):
    success_message = _("The centre has been saved: %(object)s.")

    def perform(self, form: CentreForm) -> Centre:
        assert self.centre is not None
        return services.update_centre(
            self.centre, actor=current_user(self.request), changes=form.cleaned_data_for_model()
        )
