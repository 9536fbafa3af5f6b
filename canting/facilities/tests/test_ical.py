"""The iCalendar feed: a secret address per enterprise, holding exactly that enterprise's bookings."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from canting.facilities.models import BookingState, CalendarFeed
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at

pytestmark = pytest.mark.django_db


def test_the_feed_parses_and_holds_exactly_the_enterprises_bookings(enterprise: Any, other_enterprise: Any) -> None:
    # Given bookings of the enterprise (approved, requested, long past, cancelled) and one of another enterprise
    room = FacilityFactory(name="Ruang batik cap")
    day = timezone.localdate() + datetime.timedelta(days=5)
    approved = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11))
    requested = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(day, 13), ends_at=at(day, 15), state=BookingState.REQUESTED
    )
    cancelled = BookingFactory(
        enterprise=enterprise, facility=room, starts_at=at(day, 8), ends_at=at(day, 9), state=BookingState.CANCELLED
    )
    old = timezone.localdate() - datetime.timedelta(days=120)
    BookingFactory(enterprise=enterprise, facility=room, starts_at=at(old, 9), ends_at=at(old, 10))
    BookingFactory(enterprise=other_enterprise, facility=room, starts_at=at(day, 11), ends_at=at(day, 13))
    feed = CalendarFeed.objects.create(enterprise=enterprise, token="s3cret-token")

    # When a calendar app reads the secret address, without signing in
    response = Client().get(reverse("facilities:ical-feed", args=["s3cret-token"]))

    # Then it is an iCalendar file with exactly the enterprise's recent bookings
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content
    cal = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"booking-{b.pk}@canting" for b in (approved, requested, cancelled)}
    first = events[f"booking-{approved.pk}@canting"]
    assert first.decoded("DTSTART") == datetime.datetime(day.year, day.month, day.day, 2, 0, tzinfo=datetime.UTC)
    assert first.decoded("DTEND") == datetime.datetime(day.year, day.month, day.day, 4, 0, tzinfo=datetime.UTC)
    assert "DTSTAMP" in first
    assert str(first["SUMMARY"]) == "Ruang batik cap"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(events[f"booking-{requested.pk}@canting"]["STATUS"]) == "TENTATIVE"
    assert str(events[f"booking-{cancelled.pk}@canting"]["STATUS"]) == "CANCELLED"
    assert feed.enterprise.name not in {str(e["SUMMARY"]) for e in events.values()}


def test_a_wrong_token_gets_404() -> None:
    assert Client().get(reverse("facilities:ical-feed", args=["nothing-here"])).status_code == 404


def test_an_artisan_gets_a_feed_address_on_first_visit_and_can_reset_it(artisan: Any, enterprise: Any) -> None:
    client = Client()
    client.force_login(artisan)
    assert not CalendarFeed.objects.filter(enterprise=enterprise).exists()

    page = client.get(reverse("facilities:my-feed"))

    feed = CalendarFeed.objects.get(enterprise=enterprise)
    assert len(feed.token) >= 40
    assert f"/facilities/feeds/{feed.token}.ics" in page.content.decode()
    assert client.get(reverse("facilities:my-feed")).status_code == 200
    assert CalendarFeed.objects.get(enterprise=enterprise).token == feed.token  # a second visit keeps it

    client.post(reverse("facilities:my-feed"))

    fresh = CalendarFeed.objects.get(enterprise=enterprise)
    assert fresh.token != feed.token
    assert Client().get(reverse("facilities:ical-feed", args=[feed.token])).status_code == 404
    assert Client().get(reverse("facilities:ical-feed", args=[fresh.token])).status_code == 200


def test_long_names_are_escaped_and_folded(enterprise: Any) -> None:
    room = FacilityFactory(name="Ruang pewarnaan, colet; dan " + "batik " * 15)  # 118 of 120 characters
    day = timezone.localdate() + datetime.timedelta(days=2)
    BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day, 9), ends_at=at(day, 11))
    CalendarFeed.objects.create(enterprise=enterprise, token="tok")
    content = Client().get(reverse("facilities:ical-feed", args=["tok"])).content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert b"pewarnaan\\, colet\\; dan" in content
    event = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert str(event["SUMMARY"]) == room.name
