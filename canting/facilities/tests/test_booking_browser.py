"""In a real browser on a phone: an artisan books a room from the calendar's link, then records what a past
booking used and made."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from canting.core.testing import make_user, shoot, sign_in
from canting.facilities.models import Booking, BookingState, Usage
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def centre(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """The Maja Bharama Wastra centre with three rooms, and Ani of Batik Sekar Maja, an enterprise of it."""
    centre = CentreFactory(name="Sentra IKM Batik Maja Bharama Wastra")
    rooms = [
        FacilityFactory(centre=centre, name=name, needs_approval=needs)
        for name, needs in (("Ruang Batik Tulis", True), ("Ruang Batik Cap", False), ("Ruang Colet", True))
    ]
    enterprise = EnterpriseFactory(name="Batik Sekar Maja", centre=centre)
    artisan = make_user("ani", "artisan", enterprise=enterprise)
    return {"rooms": rooms, "enterprise": enterprise, "artisan": artisan}


def test_an_artisan_books_a_room_and_records_usage_on_a_phone(
    centre: dict[str, Any], live_server: Any, browser: Any
) -> None:
    tulis, cap, _colet = centre["rooms"]
    day = timezone.localdate() + datetime.timedelta(days=2)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = phone.new_page()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, live_server.url, "ani", "correct horse battery")

    # The calendar's link fills in the room, the day and the hours; Ani adds the cap room and a purpose
    page.goto(f"{live_server.url}/facilities/bookings/new/?facility={tulis.pk}&start={day.isoformat()}T09:00:00")
    assert page.locator(f"input[name=facilities][value='{tulis.pk}']").is_checked()
    assert page.input_value("#id_day") == day.isoformat()
    assert (page.input_value("#id_start_time"), page.input_value("#id_end_time")) == ("09:00", "10:00")
    page.locator(f"input[name=facilities][value='{cap.pk}']").check()
    page.fill("#id_end_time", "12:00")
    page.fill("#id_purpose", "Sarung motif Surya Majapahit")
    box = page.locator("[data-testid=booking-form] label.list-group-item").first.bounding_box()
    assert box["height"] >= 44  # a finger's tap
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    shoot(page, "facilities_book_phone")
    page.click("[data-testid=booking-form] button[type=submit]")
    page.wait_for_load_state()

    # The booking is requested (the tulis room needs approval), for both rooms
    booking = Booking.objects.get()
    assert page.url.endswith(f"/facilities/bookings/{booking.pk}/")
    assert page.locator("[data-testid=state]").inner_text() == "Requested"
    assert page.locator("h1").inner_text() == "Ruang Batik Cap, Ruang Batik Tulis"
    assert (booking.starts_at, booking.ends_at, booking.state) == (at(day, 9), at(day, 12), BookingState.REQUESTED)
    shoot(page, "facilities_booking_detail_phone")

    # Yesterday's booking: Ani records what it made
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    past = BookingFactory(
        enterprise=centre["enterprise"], facility=cap, starts_at=at(yesterday, 8), ends_at=at(yesterday, 12)
    )
    page.goto(f"{live_server.url}/facilities/bookings/{past.pk}/")
    page.click("[data-testid=usage]")
    page.wait_for_load_state()
    page.fill("#id_pieces_cap", "24")
    page.fill("#id_wax_kg", "3.5")
    page.fill("#id_water_litres", "400")
    shoot(page, "facilities_usage_phone")
    page.click("[data-testid=usage-form] button[type=submit]")
    page.wait_for_load_state()

    assert page.locator("[data-testid=state]").inner_text() == "Completed"
    assert "24" in page.locator("[data-testid=usage-card]").inner_text()
    usage = Usage.objects.get(booking=past)
    assert (usage.pieces_cap, str(usage.wax_kg), usage.water_litres) == (24, "3.50", 400)
