"""The centre's facilities: every signed-in user but assessors reads them; staff keep them, their quotas and
closed days."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core.lists import ListPage
from canting.core.pages import ServiceFormView, apply_service_errors, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.facilities.filtersets import FacilityFilterSet
from canting.facilities.forms.facilities import WEEKDAYS, ClosedDayForm, FacilityForm, QuotaForm
from canting.facilities.models import ClosedDay, Facility, Quota
from canting.facilities.services import facilities as services
from canting.registry.models import Centre, Enterprise

STAFF_ONLY = frozenset({STAFF})
READERS = frozenset({STAFF, ARTISAN})


def weekday_names(days: Sequence[int]) -> str:
    names = dict(WEEKDAYS)
    return ", ".join(str(names[d]) for d in sorted(days or []) if d in names)


def visible_centres(request: HttpRequest) -> QuerySet[Centre]:
    return Centre.objects.for_user(request.user).order_by("name")


class FacilityListView(ListPage):
    allowed_roles = READERS
    filterset_class = FacilityFilterSet
    template_name = "facilities/facilities/facility_list.html"
    export_name = "fasilitas"
    export_columns = (
        gettext_lazy("Centre"), gettext_lazy("Name"), gettext_lazy("Kind"), gettext_lazy("Capacity"),
        gettext_lazy("Opens at"), gettext_lazy("Closes at"), gettext_lazy("Closed on"),
        gettext_lazy("Staff must approve"), gettext_lazy("Fee per hour (Rp)"), gettext_lazy("Bookable"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Facility]:
        return cast(
            "QuerySet[Facility]",
            Facility.objects.for_user(self.request.user).select_related("centre").order_by("centre__name", "name"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for facility in context["object_list"]:
            facility.closed_names = weekday_names(facility.closed_weekdays)
        return context

    def export_row(self, f: Facility) -> Sequence[Any]:
        return [
            f.centre.name, f.name, f.get_kind_display(), f"{f.capacity} {f.get_capacity_unit_display()}",
            f.opens_at.strftime("%H:%M"), f.closes_at.strftime("%H:%M"), weekday_names(f.closed_weekdays),
            _("yes") if f.needs_approval else _("no"), int(f.fee_per_hour), _("yes") if f.active else _("no"),
        ]  # fmt: skip


class FacilityDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "facilities/facilities/facility_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.facility = get_object_or_404(
            Facility.objects.for_user(request.user).select_related("centre"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        facility = self.facility
        today = timezone.localdate()
        closed = ClosedDay.objects.filter(centre=facility.centre_id, day__gte=today).filter(
            facility__isnull=True
        ) | ClosedDay.objects.filter(facility=facility, day__gte=today)
        return {
            **super().get_context_data(**kwargs),
            **staff_context(self.request, facility),
            "facility": facility,
            "closed_names": weekday_names(facility.closed_weekdays),
            "closed_days": closed.order_by("day")[:10],
            "default_quota": Quota.objects.filter(facility=facility, enterprise__isnull=True).first(),
            "max_hours": round(facility.max_minutes / 60, 2),
            "min_hours": round(facility.min_minutes / 60, 2),
        }


class FacilityCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = FacilityForm
    template_name = "facilities/facilities/facility_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "centres": visible_centres(self.request)}

    def perform(self, form: FacilityForm) -> Facility:
        photo = form.cleaned_data.get("photo")
        return services.save_facility(
            actor=current_user(self.request),
            data=form.cleaned_data_for_model(),
            photo=photo or None,
            photo_size=photo.size if photo else None,
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("facilities:facility-detail", args=[obj.pk])


class FacilityUpdateView(FacilityCreateView):
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.facility = get_object_or_404(Facility.objects.for_user(request.user), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Facility.objects.get(pk=self.facility.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "facility": self.facility}

    def perform(self, form: FacilityForm) -> Facility:
        photo = form.cleaned_data.get("photo")
        data = form.cleaned_data_for_model()
        if photo is False:  # "clear" ticked
            data["photo"] = ""
        return services.save_facility(
            actor=current_user(self.request),
            data=data,
            facility=self.facility,
            photo=photo or None,
            photo_size=photo.size if photo else None,
        )


class QuotaView(RoleRequiredMixin, TemplateView):
    """A facility's fair-use quotas: the default for every enterprise and the exceptions, set or removed here."""

    allowed_roles = STAFF_ONLY
    template_name = "facilities/facilities/quotas.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.facility = get_object_or_404(
            Facility.objects.for_user(request.user).select_related("centre"), pk=kwargs["pk"]
        )

    def make_form(self, data: Any = None) -> QuotaForm:
        enterprises = Enterprise.objects.for_user(self.request.user).registered().order_by("name")
        return QuotaForm(data, enterprises=enterprises)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        quotas = Quota.objects.filter(facility=self.facility).select_related("enterprise")
        return {
            **super().get_context_data(**kwargs),
            "facility": self.facility,
            "default_quota": next((q for q in quotas if q.enterprise_id is None), None),
            "quotas": sorted((q for q in quotas if q.enterprise_id), key=lambda q: q.enterprise.name),
            "form": kwargs.get("form") or self.make_form(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = current_user(request)
        if "remove" in request.POST:
            quota = get_object_or_404(Quota, facility=self.facility, pk=request.POST.get("remove"))
            services.remove_quota(actor=actor, quota=quota)
            messages.success(request, _("The quota has been removed."))
            return redirect("facilities:facility-quotas", pk=self.facility.pk)
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                services.save_quota(
                    actor=actor,
                    facility=self.facility,
                    enterprise=form.cleaned_data["enterprise"],
                    hours_per_month=form.cleaned_data["hours_per_month"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The quota has been saved."))
                return redirect("facilities:facility-quotas", pk=self.facility.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ClosedDayView(RoleRequiredMixin, TemplateView):
    """Days the centre or one facility is closed: the coming ones, added and removed here."""

    allowed_roles = STAFF_ONLY
    template_name = "facilities/facilities/closed_days.html"

    def make_form(self, data: Any = None) -> ClosedDayForm:
        centres = visible_centres(self.request)
        facilities = Facility.objects.for_user(self.request.user).select_related("centre").order_by("centre", "name")
        initial = {"facility": self.request.GET.get("facility")} if data is None else None
        return ClosedDayForm(data, centres=centres, facilities=facilities, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        past = self.request.GET.get("past") == "1"
        today = timezone.localdate()
        days = ClosedDay.objects.filter(centre__in=visible_centres(self.request)).select_related("centre", "facility")
        days = days.filter(day__lt=today).order_by("-day")[:100] if past else days.filter(day__gte=today)
        return {
            **super().get_context_data(**kwargs),
            "closed_days": days,
            "past": past,
            "form": kwargs.get("form") or self.make_form(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = current_user(request)
        if "remove" in request.POST:
            closed = get_object_or_404(
                ClosedDay.objects.filter(centre__in=visible_centres(request)), pk=request.POST.get("remove")
            )
            services.remove_closed_day(actor=actor, closed=closed)
            messages.success(request, _("The closed day has been removed."))
            return redirect("facilities:closed-days")
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                services.add_closed_day(actor=actor, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The closed day has been recorded."))
                return redirect("facilities:closed-days")
        return self.render_to_response(self.get_context_data(form=form))
