"""Booking pages: the list (staff: their area's; an artisan: their own), booking form, detail with the buttons the
reader may use (approve, reject with a reason, cancel), and the usage form once the booking has started."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import HISTORY_SHOWN, DetailFormPostMixin, ServiceActionView, ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.facilities.filtersets import BookingFilterSet
from canting.facilities.forms.bookings import BookingForm, DecisionForm, UsageForm
from canting.facilities.models import Booking, BookingState, Facility, Reservation, Usage
from canting.facilities.services import bookings as services
from canting.registry.models import Enterprise

BOOKERS = frozenset({STAFF, ARTISAN})
STAFF_ONLY = frozenset({STAFF})


def with_facilities(queryset: QuerySet[Booking]) -> QuerySet[Booking]:
    """Bookings with their enterprise and their reservations' facilities, in two queries whatever the rows."""
    return queryset.select_related("enterprise").prefetch_related(
        Prefetch("reservations", queryset=Reservation.objects.select_related("facility").order_by("facility__name"))
    )


class BookingListView(FilteredListView):
    allowed_roles = BOOKERS
    filterset_class = BookingFilterSet
    template_name = "facilities/bookings/booking_list.html"
    export_name = "pemesanan-fasilitas"
    export_columns = (
        gettext_lazy("Number"), gettext_lazy("Enterprise"), gettext_lazy("Facilities"), gettext_lazy("From"),
        gettext_lazy("Until"), gettext_lazy("Hours"), gettext_lazy("State"), gettext_lazy("Purpose"),
        gettext_lazy("Reason"), gettext_lazy("Booked by staff"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Booking]:
        return with_facilities(Booking.objects.for_user(self.request.user)).order_by("-starts_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}

    def export_row(self, b: Booking) -> Sequence[Any]:
        return [
            b.pk, b.enterprise.name, [r.facility.name for r in b.reservations.all()], b.starts_at, b.ends_at,
            b.hours, b.get_state_display(), b.purpose, b.reason, _("yes") if b.on_behalf else "",
        ]  # fmt: skip


class BookingCreateView(ServiceFormView):
    """Book facilities: an artisan for their own enterprise, staff on an enterprise's behalf. The calendar links
    here with ``?facility=<id>&start=<iso datetime>`` to fill in the facility, day and hours."""

    allowed_roles = BOOKERS
    form_class = BookingForm
    template_name = "facilities/bookings/booking_form.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.is_staff = role_of(request.user) == STAFF
        user = current_user(request)
        facilities = Facility.objects.for_user(user).bookable().select_related("centre")
        centre_id = user.enterprise.centre_id if user.enterprise_id and user.enterprise else None
        chosen = self._chosen_facility(facilities)
        if chosen is not None:
            centre_id = chosen.centre_id
        if centre_id is not None and facilities.filter(centre_id=centre_id).exists():
            facilities = facilities.filter(centre_id=centre_id)
        self.facilities = facilities.order_by("centre__name", "name", "id")
        self.chosen = chosen

    def _chosen_facility(self, facilities: QuerySet[Facility]) -> Facility | None:
        raw = self.request.GET.get("facility", "")
        return facilities.filter(pk=int(raw)).first() if raw.isdigit() else None

    def get_form_kwargs(self) -> dict[str, Any]:
        user = current_user(self.request)
        enterprises = Enterprise.objects.for_user(user).registered().order_by("name") if self.is_staff else None
        return {**super().get_form_kwargs(), "facilities": self.facilities, "enterprises": enterprises}

    def get_initial(self) -> dict[str, Any]:
        """From the calendar: the facility and the start; the end after the facility's shortest booking (or an
        hour), on the same day."""
        start = parse_datetime(self.request.GET.get("start", "") or "")
        initial: dict[str, Any] = {}
        if self.chosen is not None:
            initial["facilities"] = [self.chosen.pk]
        if start is not None:
            start = timezone.localtime(start if timezone.is_aware(start) else timezone.make_aware(start))
            minutes = max(self.chosen.min_minutes if self.chosen else 60, 60)
            end = start + datetime.timedelta(minutes=minutes)
            initial.update(day=start.date(), start_time=start.time().replace(second=0, microsecond=0))
            initial["end_time"] = end.time().replace(second=0, microsecond=0)
            if end.date() != start.date():
                initial["end_day"] = end.date()
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "is_staff": self.is_staff, "facilities": self.facilities}

    def perform(self, form: BookingForm) -> Booking:
        user = current_user(self.request)
        enterprise = form.cleaned_data["enterprise"] if self.is_staff else user.enterprise
        if enterprise is None:
            raise ValidationError(_("Your login belongs to no enterprise."), code="no_enterprise")
        self.booking = services.request_booking(
            user,
            enterprise,
            form.cleaned_data["facilities"],
            form.cleaned_data["starts_at"],
            form.cleaned_data["ends_at"],
            form.cleaned_data.get("purpose", ""),
        )
        return self.booking

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)
        if response.status_code == 302:
            if self.booking.state == BookingState.APPROVED:
                messages.success(self.request, _("Booked: the time is yours."))
            else:
                messages.success(self.request, _("Your booking is requested; the centre's staff will confirm it."))
        return response

    def success_url_for(self, obj: Any) -> str:
        return reverse("facilities:booking-detail", args=[obj.pk])


class ForBookingMixin:
    """Finds the booking through what the reader may see: another enterprise's booking answers 404."""

    booking: Booking
    request: HttpRequest

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.booking = get_object_or_404(with_facilities(Booking.objects.for_user(request.user)), pk=kwargs["pk"])

    def back_url(self) -> str:
        return reverse("facilities:booking-detail", args=[self.booking.pk])


class BookingDetailView(ForBookingMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = BOOKERS
    template_name = "facilities/bookings/booking_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        booking = self.booking
        usage = Usage.objects.filter(booking=booking).select_related("recorded_by").first()
        history = audit.history(booking).order_by("-at", "-id")[:HISTORY_SHOWN]
        if usage is not None:
            history = (audit.history(booking) | audit.history(usage)).order_by("-at", "-id")[:HISTORY_SHOWN]
        actions = services.allowed_actions(booking, self.request.user)
        is_staff = role_of(self.request.user) == STAFF
        return {
            **super().get_context_data(**kwargs),
            "booking": booking,
            "reservations": booking.reservations.all(),
            "usage": usage,
            "history": history,
            "actions": actions,
            "is_staff": is_staff,
            "reject_form": kwargs.get("reject_form") or DecisionForm(auto_id="reject_%s"),
            "cancel_form": kwargs.get("cancel_form") or DecisionForm(auto_id="cancel_%s"),
        }


class ApproveView(ForBookingMixin, ServiceActionView):
    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        services.approve(self.booking, actor=current_user(request))
        messages.success(request, _("The booking has been approved."))


class RejectView(DetailFormPostMixin, BookingDetailView):
    allowed_roles = STAFF_ONLY
    form_class = DecisionForm
    form_context_name = "reject_form"

    def perform(self, form: DecisionForm) -> Booking:
        return services.reject(self.booking, actor=current_user(self.request), reason=form.cleaned_data["reason"])

    def success_message_for(self, obj: Booking) -> str:
        return _("The booking has been rejected; its time is free again.")

    def success_url_for(self, obj: Booking) -> str:
        return reverse("facilities:booking-detail", args=[obj.pk])


class CancelView(DetailFormPostMixin, BookingDetailView):
    allowed_roles = BOOKERS
    form_class = DecisionForm
    form_context_name = "cancel_form"

    def perform(self, form: DecisionForm) -> Booking:
        return services.cancel(self.booking, actor=current_user(self.request), reason=form.cleaned_data["reason"])

    def success_message_for(self, obj: Booking) -> str:
        return _("The booking has been cancelled; its time is free again.")

    def success_url_for(self, obj: Booking) -> str:
        return reverse("facilities:booking-detail", args=[obj.pk])


class UsageView(ForBookingMixin, ServiceFormView):
    """What the booking used and made; saving completes the booking. Open again to correct it."""

    allowed_roles = BOOKERS
    form_class = UsageForm
    template_name = "facilities/bookings/usage_form.html"
    success_message = gettext_lazy("Usage has been recorded and the booking is completed.")

    def get_form_kwargs(self) -> dict[str, Any]:
        usage = Usage.objects.filter(booking=self.booking).first()
        return {**super().get_form_kwargs(), "instance": usage or Usage(booking=self.booking)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "booking": self.booking,
            "can_record": "usage" in services.allowed_actions(self.booking, self.request.user),
        }

    def perform(self, form: UsageForm) -> Usage:
        return services.record_usage(self.booking, actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("facilities:booking-detail", args=[self.booking.pk])
