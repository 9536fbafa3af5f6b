"""One FilterSet per list, shared by facilities' working pages and the API."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import IdFilter, OrderingFilter, SearchFilter
from canting.facilities.models import Booking, BookingState, Facility, FacilityKind, Reservation
from canting.registry.choosers import EnterpriseChoiceFilter
from canting.registry.models import Enterprise


def _facilities(request: Any) -> QuerySet[Facility]:
    user = getattr(request, "user", None)
    return Facility.objects.for_user(user).select_related("centre").order_by("centre__name", "name", "id")


def _enterprises(request: Any) -> QuerySet[Enterprise]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Enterprise.objects.none()
    return Enterprise.objects.for_user(user).order_by("name", "id")


def _day_start(value: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(0)))


class BookingFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=BookingState.choices, empty_label=_("All"))
    facility = django_filters.ModelChoiceFilter(
        label=_("Facility"),
        queryset=_facilities,
        method="by_facility",
        empty_label=_("All"),
    )
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=_enterprises, empty_label=_("All"))
    since = django_filters.DateFilter(label=_("From"), method="by_since")
    until = django_filters.DateFilter(label=_("Until"), method="by_until")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("starts_at", "starts"), ("enterprise__name", "enterprise"), ("state", "state")),
        field_labels={"starts_at": _("From"), "enterprise__name": _("Enterprise"), "state": _("State")},
    )

    class Meta:
        model = Booking
        fields = ["state", "facility", "enterprise", "since", "until"]

    def by_facility(self, qs: QuerySet[Any], name: str, value: Facility | None) -> QuerySet[Any]:
        if value is None:
            return qs
        return qs.filter(Exists(Reservation.objects.filter(booking=OuterRef("pk"), facility=value)))

    def by_since(self, qs: QuerySet[Any], name: str, value: datetime.date) -> QuerySet[Any]:
        """Bookings still running on or after the day (those ending that day or later)."""
        return qs.filter(ends_at__gt=_day_start(value))

    def by_until(self, qs: QuerySet[Any], name: str, value: datetime.date) -> QuerySet[Any]:
        """Bookings that start on or before the day."""
        return qs.filter(starts_at__lt=_day_start(value + datetime.timedelta(days=1)))


class FacilityFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("name", "description"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FacilityKind.choices, empty_label=_("All"))
    centre = IdFilter(label=_("Centre"), field_name="centre_id")

    class Meta:
        model = Facility
        fields = ["q", "kind", "centre"]
