"""Booking services: the rules of every facility, overlap refused by a query and by the database, fair-use quotas,
the states (approve, reject with a reason, cancel, complete with usage) and who may do what."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from canting.core.models import AuditEvent, User
from canting.facilities.models import Booking, BookingState, ClosedDay, Quota, Reservation, Usage
from canting.facilities.services import bookings as services
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.registry.tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day() -> datetime.date:
    """A day three days ahead."""
    return timezone.localdate() + datetime.timedelta(days=3)


@pytest.fixture
def room(db: Any) -> Any:
    return FacilityFactory(name="Ruang Batik Tulis")


def book(actor: User, enterprise: Any, facilities: list[Any], start: datetime.datetime, end: datetime.datetime) -> Any:
    return services.request_booking(actor, enterprise, facilities, start, end, "Membatik")


def refusal(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def nothing_written() -> None:
    assert Booking.objects.count() == 0
    assert Reservation.objects.count() == 0


# Requesting --------------------------------------------------------------------------------------------------


def test_an_artisan_requests_a_room_that_needs_approval(artisan: User, enterprise: Any, room: Any, day: Any) -> None:
    booking = book(artisan, enterprise, [room], at(day, 9), at(day, 11))

    assert booking.state == BookingState.REQUESTED
    assert booking.requested_by == artisan
    assert booking.on_behalf is False
    assert booking.purpose == "Membatik"
    assert list(booking.reservations.values_list("facility_id", "starts_at", "ends_at", "holds")) == [
        (room.pk, at(day, 9), at(day, 11), True)
    ]
    event = AuditEvent.objects.get(action="facilities.booking.requested", object_id=str(booking.pk))
    assert event.actor == artisan
    assert event.note == "Ruang Batik Tulis"
    assert event.changes["state"] == [None, "requested"]


def test_a_booking_of_facilities_without_approval_is_approved_at_once(staff: User, enterprise: Any, day: Any) -> None:
    centre = CentreFactory()
    cap = FacilityFactory(centre=centre, name="Ruang Batik Cap", needs_approval=False)
    colet = FacilityFactory(centre=centre, name="Ruang Colet", needs_approval=False)

    booking = book(staff, enterprise, [cap, colet, cap], at(day, 8), at(day, 12))

    assert booking.state == BookingState.APPROVED
    assert booking.on_behalf is True
    assert sorted(booking.reservations.values_list("facility__name", flat=True)) == ["Ruang Batik Cap", "Ruang Colet"]


def test_one_facility_needing_approval_makes_the_booking_requested(artisan: User, enterprise: Any, day: Any) -> None:
    centre = CentreFactory()
    free = FacilityFactory(centre=centre, needs_approval=False)
    strict = FacilityFactory(centre=centre, needs_approval=True)

    assert book(artisan, enterprise, [free, strict], at(day, 9), at(day, 10)).state == BookingState.REQUESTED


def test_facilities_of_two_centres_are_booked_separately(artisan: User, enterprise: Any, room: Any, day: Any) -> None:
    elsewhere = FacilityFactory(name="Galeri")

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room, elsewhere], at(day, 9), at(day, 10))

    assert refusal(exc) == "Book the facilities of one centre together; make a booking per centre."
    nothing_written()


def test_an_overlap_is_refused_with_the_time_it_is_booked(
    artisan: User, enterprise: Any, other_enterprise: Any, room: Any, day: Any
) -> None:
    taken = BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11))

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 10), at(day, 12))

    assert exc.value.code == "overlap"
    assert refusal(exc) == (f"Ruang Batik Tulis is already booked from {day:%d-%m-%Y} 09:00 to {day:%d-%m-%Y} 11:00.")
    assert list(Booking.objects.values_list("pk", flat=True)) == [taken.pk]
    assert Reservation.objects.count() == 1


def test_a_booking_made_a_moment_ago_is_refused_by_the_database(
    artisan: User, enterprise: Any, other_enterprise: Any, room: Any, day: Any
) -> None:
    # Given a booking the query did not see (made by someone else while this one was being checked)
    BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11))

    # When the rules pass (as if checked just before that booking was made)
    with mock.patch.object(services, "check_facility"), pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 10), at(day, 12))

    # Then the database refuses the reservation, the message is the clear one, and nothing of it is written
    assert exc.value.code == "overlap"
    assert refusal(exc) == (f"Ruang Batik Tulis is already booked from {day:%d-%m-%Y} 09:00 to {day:%d-%m-%Y} 11:00.")
    assert Booking.objects.filter(enterprise=enterprise).count() == 0
    assert Reservation.objects.count() == 1


def test_adjacent_bookings_are_both_allowed(
    artisan: User, enterprise: Any, other_artisan: User, other_enterprise: Any, room: Any, day: Any
) -> None:
    first = book(artisan, enterprise, [room], at(day, 9), at(day, 11))
    second = book(other_artisan, other_enterprise, [room], at(day, 11), at(day, 13))

    assert list(Reservation.objects.busy().order_by("starts_at").values_list("booking_id", flat=True)) == [
        first.pk,
        second.pk,
    ]


# Time spans: midnight and several days -------------------------------------------------------------------------


def test_a_facility_open_day_and_night_is_booked_across_midnight(artisan: User, enterprise: Any, day: Any) -> None:
    cap = FacilityFactory(
        name="Ruang Batik Cap", opens_at=datetime.time(0), closes_at=datetime.time(0), max_minutes=720
    )
    next_day = day + datetime.timedelta(days=1)

    booking = book(artisan, enterprise, [cap], at(day, 20), at(next_day, 6))

    assert (booking.starts_at, booking.ends_at) == (at(day, 20), at(next_day, 6))
    assert booking.hours == Decimal("10.00")
    assert list(Reservation.objects.values_list("starts_at", "ends_at")) == [(at(day, 20), at(next_day, 6))]


def test_a_facility_open_day_and_night_is_booked_over_several_days(artisan: User, enterprise: Any, day: Any) -> None:
    ipal = FacilityFactory(name="IPAL", opens_at=datetime.time(0), closes_at=datetime.time(0), max_minutes=60 * 24 * 7)
    until = day + datetime.timedelta(days=3)

    booking = book(artisan, enterprise, [ipal], at(day, 8), at(until, 8))

    assert booking.hours == Decimal("72.00")
    assert Reservation.objects.get().ends_at == at(until, 8)


def test_a_closed_day_inside_a_long_booking_is_refused(artisan: User, enterprise: Any, day: Any) -> None:
    ipal = FacilityFactory(name="IPAL", opens_at=datetime.time(0), closes_at=datetime.time(0), max_minutes=60 * 24 * 7)
    middle = day + datetime.timedelta(days=1)
    ClosedDay.objects.create(centre=ipal.centre, facility=ipal, day=middle, reason="Perawatan")

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [ipal], at(day, 8), at(day + datetime.timedelta(days=3), 8))

    assert refusal(exc) == f"IPAL is closed on {middle:%d-%m-%Y}: Perawatan."
    nothing_written()


def test_a_room_with_opening_hours_is_not_booked_over_several_days(
    artisan: User, enterprise: Any, room: Any, day: Any
) -> None:
    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 9), at(day + datetime.timedelta(days=1), 15))

    assert exc.value.code == "outside_hours"
    assert refusal(exc) == (
        "Ruang Batik Tulis is open from 08:00 to 16:00, so a booking cannot run past closing time. "
        "For several days, make one booking for each day."
    )
    nothing_written()


@pytest.mark.parametrize(("start", "end"), [((7, 0), (9, 0)), ((15, 0), (17, 0))])
def test_a_booking_outside_opening_hours_is_refused(
    artisan: User, enterprise: Any, room: Any, day: Any, start: tuple[int, int], end: tuple[int, int]
) -> None:
    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, *start), at(day, *end))

    assert refusal(exc) == ("Ruang Batik Tulis is open from 08:00 to 16:00; choose a time inside its opening hours.")
    nothing_written()


def test_a_room_open_overnight_is_booked_inside_its_evening_window(artisan: User, enterprise: Any, day: Any) -> None:
    night = FacilityFactory(name="Ruang Malam", opens_at=datetime.time(18), closes_at=datetime.time(6), max_minutes=720)
    next_day = day + datetime.timedelta(days=1)

    booking = book(artisan, enterprise, [night], at(day, 22), at(next_day, 5))

    assert booking.hours == Decimal("7.00")
    with pytest.raises(ValidationError):
        book(artisan, enterprise, [night], at(next_day, 5), at(next_day, 7))


# The rules of a facility -------------------------------------------------------------------------------------


def test_a_closed_weekday_is_refused(artisan: User, enterprise: Any, day: Any) -> None:
    room = FacilityFactory(name="Galeri", closed_weekdays=[day.weekday()])

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 9), at(day, 10))

    weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday()]
    assert refusal(exc) == f"Galeri is closed on {weekday} ({day:%d-%m-%Y})."
    nothing_written()


def test_a_day_the_whole_centre_is_closed_is_refused(artisan: User, enterprise: Any, room: Any, day: Any) -> None:
    ClosedDay.objects.create(centre=room.centre, day=day, reason="Hari Kemerdekaan")
    ClosedDay.objects.create(centre=CentreFactory(), day=day + datetime.timedelta(days=1), reason="Lain")

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 9), at(day, 10))

    assert refusal(exc) == f"Ruang Batik Tulis is closed on {day:%d-%m-%Y}: Hari Kemerdekaan."
    nothing_written()
    # Another centre's closed day does not close this one
    following = day + datetime.timedelta(days=1)
    assert book(artisan, enterprise, [room], at(following, 9), at(following, 10)).pk


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ((9, 9.5), "Ruang Batik Tulis is booked for at least 60 minutes."),
        ((8, 16), "Ruang Batik Tulis is booked for at most 240 minutes at a time."),
    ],
)
def test_the_length_of_a_booking_is_checked(
    artisan: User, enterprise: Any, day: Any, hours: tuple[float, float], message: str
) -> None:
    room = FacilityFactory(name="Ruang Batik Tulis", min_minutes=60, max_minutes=240)
    start = at(day, 0) + datetime.timedelta(hours=hours[0])
    end = at(day, 0) + datetime.timedelta(hours=hours[1])

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], start, end)

    assert refusal(exc) == message
    nothing_written()


def test_a_booking_in_the_past_is_refused(artisan: User, enterprise: Any, room: Any) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(yesterday, 9), at(yesterday, 10))

    assert refusal(exc) == "A booking must start in the future."
    nothing_written()


def test_a_booking_too_far_ahead_is_refused(artisan: User, enterprise: Any) -> None:
    room = FacilityFactory(name="Ruang Desain", max_days_ahead=14)
    far = timezone.localdate() + datetime.timedelta(days=15)

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(far, 9), at(far, 10))

    last = timezone.localdate() + datetime.timedelta(days=14)
    assert refusal(exc) == f"Ruang Desain can be booked at most 14 days ahead, until {last:%d-%m-%Y}."
    nothing_written()


def test_an_inactive_facility_is_refused(artisan: User, enterprise: Any, day: Any) -> None:
    room = FacilityFactory(name="Ruang Jahit", active=False)

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 9), at(day, 10))

    assert refusal(exc) == "Ruang Jahit cannot be booked at the moment."
    nothing_written()


# Fair-use quotas ---------------------------------------------------------------------------------------------


def test_the_quota_reached_gives_a_clear_refusal_and_writes_nothing(
    artisan: User, enterprise: Any, room: Any, day: Any
) -> None:
    Quota.objects.create(facility=room, hours_per_month=4)
    held = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 8), ends_at=at(day, 11))
    BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 11), ends_at=at(day, 12), state="cancelled")

    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [room], at(day, 13), at(day, 15))

    assert exc.value.code == "quota"
    month = day.strftime("%B %Y")
    assert refusal(exc) == (
        f"The fair-use quota of Ruang Batik Tulis is 4 hours a month; Batik Sekar Uji already holds 3 hours in "
        f"{month}, so this booking of 2 hours does not fit."
    )
    assert Booking.objects.filter(enterprise=enterprise, state="requested").count() == 0
    assert Reservation.objects.filter(holds=True).get().booking_id == held.pk
    # One hour more still fits (the cancelled booking holds nothing)
    assert book(artisan, enterprise, [room], at(day, 13), at(day, 14)).state == BookingState.REQUESTED


def test_an_enterprise_quota_replaces_the_default(
    artisan: User, enterprise: Any, other_enterprise: Any, room: Any, day: Any
) -> None:
    Quota.objects.create(facility=room, hours_per_month=1)
    Quota.objects.create(facility=room, enterprise=enterprise, hours_per_month=8)

    assert services.quota_of(room, enterprise) == 8
    assert services.quota_of(room, other_enterprise) == 1
    assert book(artisan, enterprise, [room], at(day, 8), at(day, 12)).hours == Decimal("4.00")


def test_the_quota_counts_each_month_a_booking_touches(artisan: User, enterprise: Any) -> None:
    ipal = FacilityFactory(name="IPAL", opens_at=datetime.time(0), closes_at=datetime.time(0))
    Quota.objects.create(facility=ipal, hours_per_month=3)
    first_of_next = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    last_of_this = first_of_next - datetime.timedelta(days=1)
    if last_of_this <= timezone.localdate():  # too close to the month's end: use the next one
        first_of_next = (first_of_next + datetime.timedelta(days=32)).replace(day=1)
        last_of_this = first_of_next - datetime.timedelta(days=1)
    BookingFactory(enterprise=enterprise, facility=ipal, starts_at=at(last_of_this, 10), ends_at=at(last_of_this, 12))

    # 2 hours in each month: the first month would hold 4
    with pytest.raises(ValidationError) as exc:
        book(artisan, enterprise, [ipal], at(last_of_this, 22), at(first_of_next, 2))
    assert "already holds 2 hours in" in refusal(exc)
    assert "this booking of 2 hours does not fit" in refusal(exc)

    # 1 hour in the first month, 2 in the next: both fit
    booking = book(artisan, enterprise, [ipal], at(last_of_this, 23), at(first_of_next, 2))
    assert booking.hours == Decimal("3.00")
    start = at(first_of_next, 0)
    assert services.booked_hours(
        ipal, enterprise, start, at(first_of_next + datetime.timedelta(days=40), 0)
    ) == Decimal("2.00")


# Deciding, cancelling ----------------------------------------------------------------------------------------


@pytest.fixture
def requested(enterprise: Any, room: Any, day: Any) -> Booking:
    return BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11), state="requested"
    )


def test_staff_approve_a_requested_booking(staff: User, requested: Booking) -> None:
    booking = services.approve(requested, actor=staff)

    booking.refresh_from_db()
    assert booking.state == BookingState.APPROVED
    assert booking.decided_by == staff
    assert booking.decided_at is not None
    event = AuditEvent.objects.get(action="facilities.booking.approved")
    assert event.changes["state"] == ["requested", "approved"]


def test_an_artisan_cannot_approve(artisan: User, requested: Booking) -> None:
    with pytest.raises(ValidationError) as exc:
        services.approve(requested, actor=artisan)

    assert refusal(exc) == "Only office staff approve bookings."
    requested.refresh_from_db()
    assert requested.state == BookingState.REQUESTED


def test_a_rejected_booking_frees_its_time(
    staff: User, other_artisan: User, other_enterprise: Any, requested: Booking, room: Any, day: Any
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.reject(requested, actor=staff, reason="  ")
    assert refusal(exc) == "Say why the booking is rejected."
    assert Reservation.objects.get(booking=requested).holds is True

    services.reject(requested, actor=staff, reason="Ruang dipakai pelatihan")

    requested.refresh_from_db()
    assert (requested.state, requested.reason) == (BookingState.REJECTED, "Ruang dipakai pelatihan")
    assert Reservation.objects.get(booking=requested).holds is False
    again = book(other_artisan, other_enterprise, [room], at(day, 9), at(day, 11))
    assert again.state == BookingState.REQUESTED
    assert AuditEvent.objects.get(action="facilities.booking.rejected").note == "Ruang dipakai pelatihan"


def test_a_rejected_booking_cannot_be_approved(staff: User, requested: Booking) -> None:
    services.reject(requested, actor=staff, reason="Penuh")

    with pytest.raises(ValidationError) as exc:
        services.approve(requested, actor=staff)

    assert refusal(exc) == "This booking is rejected; only a requested booking can be approved."


def test_the_enterprise_cancels_without_a_reason_and_frees_the_time(artisan: User, requested: Booking) -> None:
    services.cancel(requested, actor=artisan)

    requested.refresh_from_db()
    assert (requested.state, requested.reason) == (BookingState.CANCELLED, "")
    assert Reservation.objects.get(booking=requested).holds is False


def test_staff_cancel_with_a_reason_only(staff: User, requested: Booking) -> None:
    with pytest.raises(ValidationError) as exc:
        services.cancel(requested, actor=staff)
    assert refusal(exc) == "Say why the booking is cancelled: the enterprise will read it."
    requested.refresh_from_db()
    assert requested.state == BookingState.REQUESTED

    services.cancel(requested, actor=staff, reason="Listrik padam")
    requested.refresh_from_db()
    assert (requested.state, requested.reason) == (BookingState.CANCELLED, "Listrik padam")


def test_a_booking_that_has_ended_cannot_be_cancelled(artisan: User, enterprise: Any, room: Any) -> None:
    past = timezone.localdate() - datetime.timedelta(days=2)
    booking = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(past, 9), ends_at=at(past, 11))

    with pytest.raises(ValidationError) as exc:
        services.cancel(booking, actor=artisan)

    assert refusal(exc) == "This booking has already ended and can no longer be cancelled."
    booking.refresh_from_db()
    assert booking.state == BookingState.APPROVED


def test_another_enterprise_cannot_book_or_act(
    other_artisan: User, enterprise: Any, requested: Booking, room: Any, day: Any
) -> None:
    with pytest.raises(ValidationError) as exc:
        book(other_artisan, enterprise, [room], at(day, 13), at(day, 14))
    assert refusal(exc) == "You can only book for your own enterprise."

    with pytest.raises(ValidationError) as exc:
        services.cancel(requested, actor=other_artisan)
    assert refusal(exc) == "This booking belongs to another enterprise."
    requested.refresh_from_db()
    assert requested.state == BookingState.REQUESTED
    assert Booking.objects.count() == 1


def test_an_assessor_cannot_book(assessor: User, enterprise: Any, room: Any, day: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        book(assessor, enterprise, [room], at(day, 9), at(day, 10))

    assert refusal(exc) == "Only office staff and artisans book facilities."
    nothing_written()


# Usage -------------------------------------------------------------------------------------------------------

USAGE = {"pieces_tulis": 4, "pieces_cap": 20, "wax_kg": Decimal("2.5"), "dye_kg": Decimal("0.75"), "water_litres": 300}


def test_usage_is_recorded_after_the_start_and_completes_the_booking(artisan: User, enterprise: Any, room: Any) -> None:
    booking = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )  # fmt: skip

    usage = services.record_usage(booking, actor=artisan, data=USAGE)

    booking.refresh_from_db()
    assert booking.state == BookingState.COMPLETED
    assert (usage.pieces_tulis, usage.pieces_cap, usage.pieces_kombinasi) == (4, 20, 0)
    assert (usage.wax_kg, usage.dye_kg, usage.water_litres) == (Decimal("2.50"), Decimal("0.75"), 300)
    assert AuditEvent.objects.get(action="facilities.usage.recorded").changes["wax_kg"] == [None, "2.50"]
    assert usage.recorded_by == artisan
    assert Reservation.objects.get(booking=booking).holds is True  # completed still holds its time
    assert AuditEvent.objects.filter(action="facilities.usage.recorded").count() == 1
    assert AuditEvent.objects.filter(action="facilities.booking.completed").count() == 1

    # Recording again corrects the same record
    services.record_usage(booking, actor=artisan, data={**USAGE, "pieces_cap": 18})
    assert Usage.objects.get().pieces_cap == 18
    assert AuditEvent.objects.filter(action="facilities.usage.recorded").order_by("id").last().changes == {
        "pieces_cap": [20, 18]
    }


def test_usage_before_the_start_is_refused(artisan: User, enterprise: Any, room: Any, day: Any) -> None:
    booking = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11))

    with pytest.raises(ValidationError) as exc:
        services.record_usage(booking, actor=artisan, data=USAGE)

    assert refusal(exc) == f"Usage is recorded once the booking has started, from {day:%d-%m-%Y} 09:00."
    assert Usage.objects.count() == 0
    booking.refresh_from_db()
    assert booking.state == BookingState.APPROVED


def test_usage_of_a_requested_booking_is_refused(artisan: User, enterprise: Any, room: Any) -> None:
    past = timezone.localdate() - datetime.timedelta(days=1)
    booking = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(past, 9), ends_at=at(past, 11), state="requested"
    )

    with pytest.raises(ValidationError) as exc:
        services.record_usage(booking, actor=artisan, data=USAGE)

    assert refusal(exc) == "This booking has not been approved yet."
    assert Usage.objects.count() == 0


def test_allowed_actions_follow_the_role_and_the_state(
    staff: User, artisan: User, requested: Booking, enterprise: Any, room: Any
) -> None:
    assert services.allowed_actions(requested, staff) == {"approve", "reject", "cancel"}
    assert services.allowed_actions(requested, artisan) == {"cancel"}
    started = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    assert services.allowed_actions(started, artisan) == {"usage"}
