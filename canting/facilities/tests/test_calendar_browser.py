"""In a real browser on a phone: the month view of a room shows booked and free days at a glance."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from canting.core.testing import make_user, shoot, sign_in
from canting.facilities.models import BookingState, ClosedDay
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def month(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """Next month at the batik tulis room: Sundays closed, a holiday, some days partly and some fully booked."""
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    centre = CentreFactory(name="Sentra IKM Batik Maja Bharama Wastra")
    room = FacilityFactory(centre=centre, name="Ruang batik tulis", closed_weekdays=[6])
    sekar = EnterpriseFactory(name="Batik Sekar Maja", centre=centre)
    wijaya = EnterpriseFactory(name="Batik Wijaya Kusuma", centre=centre)
    make_user("ani", "artisan", enterprise=sekar)
    days = [
        first + datetime.timedelta(days=i) for i in range(28) if (first + datetime.timedelta(days=i)).weekday() != 6
    ]
    full, partly, mine = days[3:6], days[8:11], days[14]
    for day in full:
        BookingFactory(enterprise=wijaya, facility=room, starts_at=at(day, 8), ends_at=at(day, 16))
    for i, day in enumerate(partly):
        BookingFactory(enterprise=wijaya, facility=room, starts_at=at(day, 9 + i), ends_at=at(day, 12 + i),
                       state=BookingState.REQUESTED)  # fmt: skip
    BookingFactory(enterprise=sekar, facility=room, starts_at=at(mine, 8), ends_at=at(mine, 12))
    holiday = days[18]
    ClosedDay.objects.create(centre=centre, day=holiday, reason="Hari libur nasional")
    return {"room": room, "first": first, "full": full, "partly": partly, "mine": mine, "holiday": holiday}


def test_the_month_view_on_a_phone_shows_booked_and_free_days(month: Any, live_server: Any, browser: Any) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    page.goto(f"{live_server.url}/facilities/{month['room'].pk}/calendar/")
    page.click("[data-testid=next]")
    page.wait_for_selector(f"[data-day='{month['first'].isoformat()}']")

    def status(day: datetime.date) -> str | None:
        return page.locator(f".cal-month [data-day='{day.isoformat()}']").get_attribute("data-status")

    assert [status(d) for d in month["full"]] == ["full"] * 3
    assert [status(d) for d in month["partly"]] == ["partly"] * 3
    assert status(month["holiday"]) == "closed"
    assert page.locator(f"[data-day='{month['mine'].isoformat()}'] .cal-mine").count() == 1
    sunday = next(month["first"] + datetime.timedelta(days=i) for i in range(7)
                  if (month["first"] + datetime.timedelta(days=i)).weekday() == 6)  # fmt: skip
    assert status(sunday) == "closed"
    assert page.locator("[data-testid=legend]").is_visible()
    # The whole month fits the phone's width: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # A free day opens the booking form on that day.
    free_day = page.locator(".cal-month a[data-status=free]").first
    assert "/facilities/bookings/new/?facility=" in (free_day.get_attribute("href") or "")

    shoot(page, "facilities_month_phone")


def test_the_week_and_the_centre_on_a_phone(month: Any, live_server: Any, browser: Any) -> None:
    """The week of the room shows the artisan's own booking with its link and others' only as "booked"; the
    centre's month and week show every facility."""
    FacilityFactory(centre=month["room"].centre, name="IPAL", kind="ipal", opens_at=datetime.time(0),
                    closes_at=datetime.time(0), closed_weekdays=[])  # fmt: skip
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    day = month["mine"].isoformat()
    page.goto(f"{live_server.url}/facilities/{month['room'].pk}/calendar/?view=week&date={day}")
    blocks = page.locator("[data-testid=block]")
    labels = [blocks.nth(i).inner_text() for i in range(blocks.count())]
    assert "Batik Sekar Maja" in labels
    assert "Batik Wijaya Kusuma" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "facilities_week_phone")

    page.goto(f"{live_server.url}/facilities/calendar/?date={month['first'].isoformat()}")
    assert page.locator(f"[data-day='{month['full'][0].isoformat()}']").get_attribute("data-free") == "1"
    shoot(page, "facilities_centre_month_phone")
    page.goto(f"{live_server.url}/facilities/calendar/?view=week&date={month['full'][0].isoformat()}")
    assert page.locator("[data-testid=facility-row]").count() == 2
    shoot(page, "facilities_centre_week_phone")
