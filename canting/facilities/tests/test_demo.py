"""The demo's facilities: the Maja Bharama Wastra centre's rooms, gallery, training room and IPAL, three months
of bookings with usage, and the coming weeks' bookings; never two holding reservations of one facility at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from canting.facilities.models import Booking, BookingState, ClosedDay, Facility, FacilityKind, Reservation, Usage

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


def test_the_centre_has_its_rooms_gallery_training_room_and_ipal(loaded: Any) -> None:
    kinds = dict(Facility.objects.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    assert kinds == {
        FacilityKind.ROOM: 5,
        FacilityKind.EQUIPMENT: 1,
        FacilityKind.GALLERY: 1,
        FacilityKind.TRAINING_ROOM: 1,
        FacilityKind.IPAL: 1,
    }
    ipal = Facility.objects.get(kind=FacilityKind.IPAL)
    assert (ipal.open_all_day, ipal.needs_approval, ipal.capacity_unit) == (True, False, "litres")
    assert ClosedDay.objects.filter(facility__isnull=True, reason="Hari Kemerdekaan Republik Indonesia").count() == 3
    assert not Facility.objects.exclude(kind=FacilityKind.IPAL).exclude(quotas__enterprise__isnull=True).exists()


def test_no_two_holding_reservations_of_one_facility_overlap(loaded: Any) -> None:
    clash = Reservation.objects.filter(
        facility=OuterRef("facility"),
        holds=True,
        starts_at__lt=OuterRef("ends_at"),
        ends_at__gt=OuterRef("starts_at"),
    ).exclude(pk=OuterRef("pk"))
    assert Reservation.objects.filter(holds=True).count() > 300
    assert not Reservation.objects.filter(holds=True).filter(Exists(clash)).exists()


def test_reservations_hold_exactly_while_their_booking_holds(loaded: Any) -> None:
    assert not Reservation.objects.filter(holds=True, booking__state=BookingState.CANCELLED).exists()
    assert not Reservation.objects.filter(holds=False).exclude(booking__state=BookingState.CANCELLED).exists()


def test_usage_is_recorded_on_completed_bookings_only(loaded: Any) -> None:
    assert not Usage.objects.exclude(booking__state=BookingState.COMPLETED).exists()
    assert Usage.objects.filter(pieces_tulis__gt=0).exists()
    assert Usage.objects.filter(water_litres__gt=0).exists()


def test_the_past_is_completed_or_cancelled_and_the_future_awaits(loaded: Any) -> None:
    now = timezone.now()
    past = set(Booking.objects.filter(ends_at__lt=now).values_list("state", flat=True).distinct())
    assert past == {BookingState.COMPLETED, BookingState.CANCELLED}
    future = set(Booking.objects.filter(starts_at__gt=now).values_list("state", flat=True).distinct())
    assert future == {BookingState.APPROVED, BookingState.REQUESTED}
    assert Booking.objects.filter(starts_at__lt=now - datetime.timedelta(days=80)).exists()
