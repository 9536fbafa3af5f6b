"""Booking pages: the form (prefilled from the calendar), the list with its filters and export, the detail with
the buttons the reader may use, approve/reject/cancel, and the usage form."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from canting.core.models import User
from canting.facilities.models import Booking, BookingState, Reservation, Usage
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client: Any, settings: Any) -> None:
    """Pages answer in the reader's language; these tests read them in English, the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def day() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=3)


@pytest.fixture
def room(enterprise: Any) -> Any:
    centre = CentreFactory(name="Sentra Maja Bharama Wastra")
    enterprise.centre = centre
    enterprise.save(update_fields=["centre"])
    return FacilityFactory(centre=centre, name="Ruang Batik Tulis")


def form_data(room: Any, day: datetime.date, start: str = "09:00", end: str = "11:00", **extra: Any) -> dict[str, Any]:
    return {"facilities": [room.pk], "day": day.isoformat(), "start_time": start, "end_time": end, **extra}


def test_the_form_is_prefilled_from_the_calendar(client: Any, artisan: User, room: Any, day: Any) -> None:
    FacilityFactory(name="Ruang Lain")  # of another centre
    client.force_login(artisan)

    response = client.get(reverse("facilities:booking-create"), {"facility": room.pk, "start": f"{day}T13:00:00"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {
        "facilities": [room.pk],
        "day": day,
        "start_time": datetime.time(13, 0),
        "end_time": datetime.time(14, 0),
    }
    html = response.content.decode()
    assert f'value="{room.pk}" id="id_facilities_0" checked' in html
    assert "Ruang Lain" not in html  # only the facilities of the enterprise's centre
    assert 'name="enterprise"' not in html  # an artisan books for their own enterprise


def test_an_artisan_books_a_room(client: Any, artisan: User, enterprise: Any, room: Any, day: Any) -> None:
    client.force_login(artisan)

    response = client.post(reverse("facilities:booking-create"), form_data(room, day, purpose="Sarung 10 lembar"))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:booking-detail", args=[booking.pk])
    assert (booking.enterprise, booking.state, booking.purpose) == (
        enterprise,
        BookingState.REQUESTED,
        "Sarung 10 lembar",
    )
    assert (booking.starts_at, booking.ends_at) == (at(day, 9), at(day, 11))
    page = client.get(response["Location"])
    assert "Your booking is requested; the centre&#x27;s staff will confirm it." in page.content.decode()


def test_a_booking_past_midnight_needs_the_day_it_ends(client: Any, artisan: User, enterprise: Any, day: Any) -> None:
    cap = FacilityFactory(
        name="Ruang Batik Cap", opens_at=datetime.time(0), closes_at=datetime.time(0), max_minutes=720
    )
    client.force_login(artisan)

    refused = client.post(reverse("facilities:booking-create"), form_data(cap, day, "20:00", "06:00"))
    assert refused.status_code == 200
    assert refused.context["form"].errors["end_day"] == [
        "The end is not after the start: for a booking past midnight, choose the day it ends."
    ]
    assert Booking.objects.count() == 0

    next_day = day + datetime.timedelta(days=1)
    made = client.post(
        reverse("facilities:booking-create"), form_data(cap, day, "20:00", "06:00", end_day=next_day.isoformat())
    )
    assert made.status_code == 302
    assert Booking.objects.get().ends_at == at(next_day, 6)


def test_a_refusal_shows_on_the_form_and_writes_nothing(
    client: Any, artisan: User, other_enterprise: Any, room: Any, day: Any
) -> None:
    BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 10), ends_at=at(day, 12))
    client.force_login(artisan)

    response = client.post(reverse("facilities:booking-create"), form_data(room, day))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Ruang Batik Tulis is already booked from {day:%d-%m-%Y} 10:00 to {day:%d-%m-%Y} 12:00."
    ]
    assert Booking.objects.count() == 1


def test_staff_book_on_an_enterprise_s_behalf(client: Any, staff: User, enterprise: Any, room: Any, day: Any) -> None:
    client.force_login(staff)

    response = client.post(reverse("facilities:booking-create"), form_data(room, day, enterprise=enterprise.pk))

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.enterprise, booking.on_behalf, booking.requested_by) == (enterprise, True, staff)


# The list ----------------------------------------------------------------------------------------------------


@pytest.fixture
def bookings(enterprise: Any, other_enterprise: Any, room: Any, day: Any) -> dict[str, Booking]:
    mine = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11), state="requested"
    )
    theirs = BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 12), ends_at=at(day, 14))
    later = day + datetime.timedelta(days=2)
    mine_later = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(later, 9), ends_at=at(later, 10))
    return {"mine": mine, "theirs": theirs, "mine_later": mine_later}


def listed(response: Any) -> list[int]:
    return [b.pk for b in response.context["object_list"]]


def test_an_artisan_lists_only_their_own_bookings(client: Any, artisan: User, bookings: dict[str, Booking]) -> None:
    client.force_login(artisan)

    response = client.get(reverse("facilities:booking-list"))

    assert listed(response) == [bookings["mine_later"].pk, bookings["mine"].pk]
    assert "Batik Lain" not in response.content.decode()


def test_staff_filter_the_list(client: Any, staff: User, bookings: dict[str, Booking], day: Any) -> None:
    client.force_login(staff)
    url = reverse("facilities:booking-list")

    assert listed(client.get(url)) == [bookings["mine_later"].pk, bookings["theirs"].pk, bookings["mine"].pk]
    assert listed(client.get(url, {"state": "requested"})) == [bookings["mine"].pk]
    assert listed(client.get(url, {"enterprise": bookings["theirs"].enterprise_id})) == [bookings["theirs"].pk]
    assert listed(client.get(url, {"until": day.isoformat()})) == [bookings["theirs"].pk, bookings["mine"].pk]
    later = day + datetime.timedelta(days=1)
    assert listed(client.get(url, {"since": later.isoformat()})) == [bookings["mine_later"].pk]
    other_room = FacilityFactory(centre=bookings["mine"].reservations.get().facility.centre, name="Galeri")
    assert listed(client.get(url, {"facility": other_room.pk})) == []


def test_the_list_exports_what_it_shows(client: Any, artisan: User, bookings: dict[str, Booking], day: Any) -> None:
    client.force_login(artisan)

    response = client.get(reverse("facilities:booking-list"), {"state": "requested", "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:7] == ("Number", "Enterprise", "Facilities", "From", "Until", "Hours", "State")
    assert rows[1][:7] == (
        bookings["mine"].pk, "Batik Sekar Uji", "Ruang Batik Tulis", datetime.datetime.combine(day, datetime.time(9)),
        datetime.datetime.combine(day, datetime.time(11)), 2, "Requested",
    )  # fmt: skip
    assert len(rows) == 2


def test_the_list_query_count_does_not_grow_with_the_rows(
    client: Any, staff: User, room: Any, day: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        other = FacilityFactory(centre=room.centre)
        BookingFactory(
            enterprise=EnterpriseFactory(), facility=other, starts_at=at(day, 8 + n % 6), ends_at=at(day, 9 + n % 6)
        )
    client.force_login(staff)

    with django_assert_max_num_queries(7):
        response = client.get(reverse("facilities:booking-list"))

    assert len(response.context["object_list"]) == 12


# Detail and actions ------------------------------------------------------------------------------------------


def test_another_enterprise_s_booking_is_not_found(client: Any, other_artisan: User, bookings: Any) -> None:
    client.force_login(other_artisan)

    assert client.get(reverse("facilities:booking-detail", args=[bookings["mine"].pk])).status_code == 404
    assert client.post(reverse("facilities:booking-cancel", args=[bookings["mine"].pk])).status_code == 404
    assert Booking.objects.get(pk=bookings["mine"].pk).state == BookingState.REQUESTED


def test_the_detail_shows_the_buttons_of_the_reader(client: Any, staff: User, artisan: User, bookings: Any) -> None:
    url = reverse("facilities:booking-detail", args=[bookings["mine"].pk])
    client.force_login(staff)
    as_staff = client.get(url).content.decode()
    client.force_login(artisan)
    as_artisan = client.get(url).content.decode()

    for testid in ('data-testid="approve"', 'data-testid="reject"', 'data-testid="cancel"'):
        assert testid in as_staff
    assert 'data-testid="cancel"' in as_artisan
    assert 'data-testid="approve"' not in as_artisan
    assert 'data-testid="reject"' not in as_artisan
    assert 'id="history"' in as_staff
    assert 'id="history"' in as_artisan


def test_staff_approve_from_the_detail(client: Any, staff: User, bookings: Any) -> None:
    client.force_login(staff)

    response = client.post(reverse("facilities:booking-approve", args=[bookings["mine"].pk]))

    assert response.status_code == 302
    assert Booking.objects.get(pk=bookings["mine"].pk).state == BookingState.APPROVED
    page = client.get(response["Location"]).content.decode()
    assert "<code>facilities.booking.approved</code>" in page  # the audit trail
    assert 'data-testid="approve"' not in page


def test_a_rejection_needs_a_reason(client: Any, staff: User, bookings: Any) -> None:
    client.force_login(staff)
    url = reverse("facilities:booking-reject", args=[bookings["mine"].pk])

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert refused.context["reject_form"].errors == {"reason": ["Say why the booking is rejected."]}
    assert Booking.objects.get(pk=bookings["mine"].pk).state == BookingState.REQUESTED

    done = client.post(url, {"reason": "Ruang dipakai pelatihan"})
    assert done.status_code == 302
    booking = Booking.objects.get(pk=bookings["mine"].pk)
    assert (booking.state, booking.reason) == (BookingState.REJECTED, "Ruang dipakai pelatihan")
    assert Reservation.objects.get(booking=booking).holds is False
    page = client.get(reverse("facilities:booking-detail", args=[booking.pk])).content.decode()
    assert "Ruang dipakai pelatihan" in page


def test_the_artisan_cancels_without_a_reason(client: Any, artisan: User, bookings: Any) -> None:
    client.force_login(artisan)

    response = client.post(reverse("facilities:booking-cancel", args=[bookings["mine"].pk]), {"reason": ""})

    assert response.status_code == 302
    assert Booking.objects.get(pk=bookings["mine"].pk).state == BookingState.CANCELLED


def test_usage_is_recorded_through_the_form(client: Any, artisan: User, enterprise: Any, room: Any) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    booking = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(yesterday, 9), ends_at=at(yesterday, 12)
    )
    client.force_login(artisan)
    url = reverse("facilities:booking-usage", args=[booking.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {"pieces_tulis": "3", "pieces_cap": "0", "pieces_kombinasi": "1", "pieces_tiruan": "0", "wax_kg": "1.5",
         "dye_kg": "0.25", "water_litres": "120", "notes": "Lancar"},
    )  # fmt: skip

    assert response.status_code == 302
    usage = Usage.objects.get(booking=booking)
    assert (usage.pieces_tulis, usage.pieces_kombinasi, str(usage.wax_kg), usage.water_litres) == (3, 1, "1.50", 120)
    assert Booking.objects.get(pk=booking.pk).state == BookingState.COMPLETED


def test_usage_before_the_start_is_refused_on_the_form(client: Any, artisan: User, bookings: Any) -> None:
    client.force_login(artisan)
    url = reverse("facilities:booking-usage", args=[bookings["mine_later"].pk])

    response = client.post(url, {"pieces_tulis": "3", "pieces_cap": "0", "pieces_kombinasi": "0", "pieces_tiruan": "0",
                                 "wax_kg": "0", "dye_kg": "0", "water_litres": "0"})  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Usage is recorded once the booking has started")
    assert Usage.objects.count() == 0
