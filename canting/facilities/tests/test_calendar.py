"""The calendars: the month grid marks free, partly and fully booked and closed days; artisans see others' time
only as "booked"."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from canting.facilities import calendar as grid
from canting.facilities.models import BookingState, ClosedDay
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at

pytestmark = pytest.mark.django_db


def next_month_first() -> datetime.date:
    return (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@pytest.fixture
def month() -> datetime.date:
    return next_month_first()


def status_of(cells: list[grid.DayCell], day: datetime.date) -> str:
    return next(c.status for c in cells if c.day == day)


def test_the_month_grid_marks_free_partly_fully_booked_and_closed_days(month: datetime.date, enterprise: Any) -> None:
    # Given a room open 08-16 and closed on Sundays, next month:
    room = FacilityFactory(closed_weekdays=[6])
    monday = month + datetime.timedelta(days=(7 - month.weekday()) % 7)
    tuesday, wednesday, thursday = (monday + datetime.timedelta(days=i) for i in (1, 2, 3))
    sunday = monday + datetime.timedelta(days=6)
    BookingFactory(facility=room, starts_at=at(monday, 9), ends_at=at(monday, 11))  # two hours of eight
    BookingFactory(facility=room, starts_at=at(tuesday, 8), ends_at=at(tuesday, 12))
    BookingFactory(facility=room, starts_at=at(tuesday, 12), ends_at=at(tuesday, 16))  # the whole day, in two
    BookingFactory(facility=room, starts_at=at(thursday, 9), ends_at=at(thursday, 10), state=BookingState.CANCELLED)
    ClosedDay.objects.create(centre=room.centre, day=wednesday, reason="Hari raya")

    # When the month is computed
    cells = grid.facility_days([room], grid.month_days(month), None, month.month)[room.pk]

    # Then each day has its state, and the booked minutes within opening hours
    assert status_of(cells, monday) == grid.PARTLY
    assert next(c for c in cells if c.day == monday).booked_minutes == 120
    assert next(c for c in cells if c.day == monday).free_hours == 6.0
    assert status_of(cells, tuesday) == grid.FULL
    assert status_of(cells, wednesday) == grid.CLOSED  # the whole centre is closed
    assert status_of(cells, thursday) == grid.FREE  # a cancelled booking holds nothing
    assert status_of(cells, sunday) == grid.CLOSED  # a closed weekday
    assert len(cells) % 7 == 0 and cells[0].day.weekday() == 0


def test_a_booking_across_midnight_and_days_counts_on_each_day_it_covers(month: datetime.date) -> None:
    # Given a plant open day and night, booked from 20:00 on the 10th to 06:00 on the 12th
    plant = FacilityFactory(opens_at=datetime.time(0), closes_at=datetime.time(0))
    tenth = month.replace(day=10)
    BookingFactory(facility=plant, starts_at=at(tenth, 20), ends_at=at(tenth + datetime.timedelta(days=2), 6))
    cells = grid.facility_days([plant], grid.month_days(month), None, month.month)[plant.pk]
    by_day = {c.day: c for c in cells}
    assert by_day[tenth].booked_minutes == 4 * 60 and by_day[tenth].status == grid.PARTLY
    assert by_day[tenth + datetime.timedelta(days=1)].status == grid.FULL
    assert by_day[tenth + datetime.timedelta(days=2)].booked_minutes == 6 * 60
    assert by_day[tenth + datetime.timedelta(days=3)].status == grid.FREE


def test_a_closed_day_of_one_facility_closes_only_that_facility(month: datetime.date) -> None:
    room = FacilityFactory()
    other = FacilityFactory(centre=room.centre)
    day = month.replace(day=15)
    ClosedDay.objects.create(centre=room.centre, facility=room, day=day, reason="Perawatan")
    cells = grid.facility_days([room, other], grid.month_days(month), None, month.month)
    assert status_of(cells[room.pk], day) == grid.CLOSED
    assert status_of(cells[other.pk], day) == grid.FREE


def test_the_centre_month_counts_facilities_with_time_free(month: datetime.date) -> None:
    room = FacilityFactory()
    other = FacilityFactory(centre=room.centre)
    day = month.replace(day=15)
    BookingFactory(facility=room, starts_at=at(day, 8), ends_at=at(day, 16))
    per_facility = grid.facility_days([room, other], grid.month_days(month), None, month.month)
    cells = grid.centre_days(per_facility, grid.month_days(month), month.month)
    cell = next(c for c in cells if c.day == day)
    assert (cell.status, cell.free_count, cell.open_count) == (grid.PARTLY, 1, 2)


def test_the_month_page_links_free_days_to_the_booking_form(month: datetime.date, artisan: Any) -> None:
    room = FacilityFactory()
    client = Client()
    client.force_login(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # asserted in English
    day = month.replace(day=20)
    html = client.get(
        reverse("facilities:facility-calendar", args=[room.pk]), {"view": "month", "date": day.isoformat()}
    ).content.decode()
    expected = f"{reverse('facilities:booking-create')}?facility={room.pk}&amp;start={day.isoformat()}T08%3A00"
    assert expected in html


def test_an_artisan_sees_others_bookings_only_as_booked(
    month: datetime.date, artisan: Any, enterprise: Any, other_enterprise: Any
) -> None:
    # Given a room booked on one day by the artisan's enterprise and by another enterprise
    room = FacilityFactory()
    day = month.replace(day=10)
    mine = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 8), ends_at=at(day, 10))
    theirs = BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 12), ends_at=at(day, 14))
    client = Client()
    client.force_login(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # asserted in English

    # When the artisan opens the week and the centre's week
    week = client.get(
        reverse("facilities:facility-calendar", args=[room.pk]), {"view": "week", "date": day.isoformat()}
    ).content.decode()
    centre = client.get(
        reverse("facilities:centre-calendar"), {"view": "week", "date": day.isoformat(), "centre": room.centre_id}
    ).content.decode()

    # Then their own booking shows in full, the other only as "booked", never its name nor a link to it
    assert reverse("facilities:booking-detail", args=[mine.pk]) in week
    assert "Batik Sekar Uji" in week
    assert ">booked<" in week
    assert "Batik Lain" not in week and "Batik Lain" not in centre
    assert reverse("facilities:booking-detail", args=[theirs.pk]) not in week


def test_staff_see_every_booking_with_the_enterprise_name(
    month: datetime.date, staff: Any, enterprise: Any, other_enterprise: Any
) -> None:
    room = FacilityFactory()
    day = month.replace(day=10)
    theirs = BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 12), ends_at=at(day, 14))
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # asserted in English
    week = client.get(
        reverse("facilities:facility-calendar", args=[room.pk]), {"view": "week", "date": day.isoformat()}
    ).content.decode()
    assert "Batik Lain" in week
    assert reverse("facilities:booking-detail", args=[theirs.pk]) in week


def test_the_calendars_run_a_bounded_number_of_queries(
    month: datetime.date, artisan: Any, enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    room = FacilityFactory()
    other = FacilityFactory(centre=room.centre, opens_at=datetime.time(7), closes_at=datetime.time(15))
    for day in range(1, 25):
        BookingFactory(facility=(room, other)[day % 2], starts_at=at(month.replace(day=day), 9),
                       ends_at=at(month.replace(day=day), 11))  # fmt: skip
    client = Client()
    client.force_login(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # asserted in English
    pages = [
        (reverse("facilities:facility-calendar", args=[room.pk]), {"date": month.isoformat()}),
        (reverse("facilities:facility-calendar", args=[room.pk]), {"view": "week", "date": month.isoformat()}),
        (reverse("facilities:centre-calendar"), {"centre": room.centre_id, "date": month.isoformat()}),
        (reverse("facilities:centre-calendar"), {"centre": room.centre_id, "view": "week", "date": month.isoformat()}),
    ]
    for url, query in pages:
        with django_assert_max_num_queries(12):
            assert client.get(url, query).status_code == 200


def test_previous_and_next_lead_to_the_neighbouring_month(staff: Any) -> None:
    room = FacilityFactory()
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # asserted in English
    response = client.get(reverse("facilities:facility-calendar", args=[room.pk]), {"date": "2025-01-15"})
    assert response.context["prev_url"].endswith("view=month&date=2024-12-01")
    assert response.context["next_url"].endswith("view=month&date=2025-02-01")
