"""The facility reports: utilisation (booked hours over opening hours), use by enterprise, production from usage,
their xlsx exports, and the dashboard's facility figures.

The crafted set, March and April 2025 (site time zone Asia/Jakarta):

- a room open 08:00-16:00, closed on Sundays (5 in March, 4 in April); the centre is closed on 31 March (a
  Monday): March 25 open days x 8 h = 200 h, April 26 x 8 h = 208 h;
- the IPAL, open day and night every day: March 30 days (31 March closed) x 24 h = 720 h, April 30 x 24 = 720 h;
- on the room: 3 h approved, 8 h completed, 2 h completed (a booking of the room and the IPAL together),
  6 h cancelled (not counted), 2 h requested (not counted: not granted yet) -> March 13 h;
- on the IPAL: 22:00-02:00 across midnight (4 h), 31 March 20:00 - 1 April 04:00 across two months (4 h in
  each), and the 2 h of the booking together with the room -> March 10 h, April 4 h.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from canting.dashboard.facilities import facility_figures
from canting.dashboard.selectors import Scope
from canting.facilities import selectors
from canting.facilities.models import BookingState, ClosedDay, Facility, FacilityKind, Reservation, Usage
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.registry.tests.factories import CentreFactory

MARCH = datetime.date(2025, 3, 1)
APRIL = datetime.date(2025, 4, 1)
PERIOD = {"start": "2025-03", "end": "2025-04"}


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def day(d: int, month: int = 3) -> datetime.date:
    return datetime.date(2025, month, d)


@pytest.fixture
def crafted(enterprise: Any, other_enterprise: Any) -> dict[str, Any]:
    centre = CentreFactory(name="Sentra Uji")
    room = FacilityFactory(centre=centre, name="Ruang batik tulis", closed_weekdays=[6])
    ipal = FacilityFactory(
        centre=centre,
        name="IPAL",
        kind=FacilityKind.IPAL,
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(0, 0),
        closed_weekdays=[],
    )
    ClosedDay.objects.create(centre=centre, day=day(31), reason="Idul Fitri")
    ClosedDay.objects.create(centre=centre, day=day(5, month=5), facility=room, reason="Maintenance, out of period")
    approved = BookingFactory(enterprise=enterprise, facility=room, starts_at=at(day(3), 9), ends_at=at(day(3), 12))
    completed = BookingFactory(
        enterprise=enterprise,
        facility=room,
        starts_at=at(day(4), 8),
        ends_at=at(day(4), 16),
        state=BookingState.COMPLETED,
    )
    BookingFactory(
        enterprise=enterprise,
        facility=room,
        starts_at=at(day(5), 9),
        ends_at=at(day(5), 15),
        state=BookingState.CANCELLED,
    )
    BookingFactory(
        enterprise=other_enterprise,
        facility=room,
        starts_at=at(day(6), 9),
        ends_at=at(day(6), 11),
        state=BookingState.REQUESTED,
    )
    midnight = BookingFactory(
        enterprise=other_enterprise,
        facility=ipal,
        starts_at=at(day(10), 22),
        ends_at=at(day(11), 2),
        state=BookingState.COMPLETED,
    )
    BookingFactory(enterprise=other_enterprise, facility=ipal, starts_at=at(day(31), 20), ends_at=at(day(1, 4), 4))
    both = BookingFactory(
        enterprise=enterprise,
        facility=room,
        starts_at=at(day(12), 8),
        ends_at=at(day(12), 10),
        state=BookingState.COMPLETED,
    )
    Reservation.objects.create(booking=both, facility=ipal, starts_at=both.starts_at, ends_at=both.ends_at)
    Usage.objects.create(
        booking=completed, pieces_tulis=5, pieces_cap=2, wax_kg=Decimal("1.50"), dye_kg=Decimal("0.25")
    )
    Usage.objects.create(booking=midnight, water_litres=1200)
    Usage.objects.create(booking=both, pieces_cap=3, wax_kg=Decimal("0.50"), water_litres=300)
    # Recorded on a booking that is not completed: never counted.
    Usage.objects.create(booking=approved, pieces_tulis=99)
    return {"centre": centre, "room": room, "ipal": ipal}


def test_utilisation_is_booked_hours_over_opening_hours(crafted: dict[str, Any]) -> None:
    cells = selectors.utilisation(Facility.objects.filter(centre=crafted["centre"]).order_by("name"), [MARCH, APRIL])
    found = {(c.facility.name, c.month): (c.booked_hours, c.opening_hours, c.percent) for c in cells}
    assert found == {
        ("IPAL", MARCH): (Decimal(10), Decimal(720), Decimal("1.4")),
        ("IPAL", APRIL): (Decimal(4), Decimal(720), Decimal("0.6")),
        ("Ruang batik tulis", MARCH): (Decimal(13), Decimal(200), Decimal("6.5")),
        ("Ruang batik tulis", APRIL): (Decimal(0), Decimal(208), Decimal("0.0")),
    }


def test_the_utilisation_page_and_workbook_show_the_same_figures(
    crafted: dict[str, Any], staff: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("facilities:utilisation-report"), {**PERIOD, "centre": crafted["centre"].pk})
    assert page.status_code == 200
    rows = {row["facility"].name: row for row in page.context["rows"]}
    assert [c.percent for c in rows["Ruang batik tulis"]["cells"]] == [Decimal("6.5"), Decimal("0.0")]
    assert (rows["Ruang batik tulis"]["booked"], rows["Ruang batik tulis"]["open"]) == (Decimal(13), Decimal(408))
    assert rows["Ruang batik tulis"]["percent"] == Decimal("3.2")  # 13 / 408
    assert rows["IPAL"]["percent"] == Decimal("1.0")  # 14 / 1440
    html = page.content.decode()
    assert "6.5 %" in html and "13 / 200 h" in html
    sheet = load_workbook(
        BytesIO(client.get(reverse("facilities:utilisation-report"), {**PERIOD, "format": "xlsx"}).content)
    ).active
    assert sheet is not None
    lines = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert ["Sentra Uji", "Ruang batik tulis", "2025-03", 13, 200, 6.5] in lines
    assert ["Sentra Uji", "IPAL", "2025-04", 4, 720, 0.6] in lines


def test_one_facility_and_one_month_can_be_chosen(crafted: dict[str, Any], staff: Any) -> None:
    page = signed_in(staff).get(
        reverse("facilities:utilisation-report"), {"facility": crafted["ipal"].pk, "start": "2025-04", "end": "2025-04"}
    )
    assert [(r["facility"].name, r["booked"], r["open"]) for r in page.context["rows"]] == [
        ("IPAL", Decimal(4), Decimal(720))
    ]


def test_a_filter_that_is_not_valid_is_left_out(crafted: dict[str, Any], staff: Any) -> None:
    page = signed_in(staff).get(reverse("facilities:utilisation-report"), {"facility": "x", "end": "13"})
    assert page.status_code == 200
    assert "Some filters were not valid" in page.content.decode()
    months = page.context["months"]
    assert (len(months), months[-1]) == (6, timezone.localdate().replace(day=1))  # six months up to this one
    assert len(page.context["rows"]) == 2  # every facility, not none


def test_use_by_enterprise_counts_hours_bookings_and_cancellations(
    crafted: dict[str, Any], staff: Any, enterprise: Any, other_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("facilities:enterprise-report"), PERIOD)
    found = {
        (u.enterprise, u.facility, u.month): (u.booked_hours, u.bookings, u.cancellations) for u in page.context["uses"]
    }
    assert found == {
        (enterprise.name, "IPAL", MARCH): (Decimal(2), 1, 0),
        (enterprise.name, "Ruang batik tulis", MARCH): (Decimal(13), 3, 1),
        (other_enterprise.name, "IPAL", MARCH): (Decimal(8), 2, 0),
        (other_enterprise.name, "IPAL", APRIL): (Decimal(4), 1, 0),
    }  # the requested booking of other_enterprise is neither booked hours nor a booking yet
    sheet = load_workbook(
        BytesIO(client.get(reverse("facilities:enterprise-report"), {**PERIOD, "format": "xlsx"}).content)
    ).active
    assert sheet is not None
    assert [enterprise.name, "Ruang batik tulis", "2025-03", 13, 3, 1] in [
        list(r) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_production_sums_the_usage_of_completed_bookings_once_each(
    crafted: dict[str, Any], staff: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("facilities:production-report"), PERIOD)
    march, april = page.context["production"]
    assert march.pieces == {"tulis": 5, "cap": 5, "kombinasi": 0, "tiruan": 0}  # not the 99 of the approved one
    assert (march.wax_kg, march.dye_kg, march.water_litres) == (Decimal("2.00"), Decimal("0.25"), 1500)
    assert april.total_pieces == 0
    assert page.context["total"].total_pieces == 10
    # Only the room: the booking of the room and the IPAL counts; the IPAL's own booking does not.
    page = client.get(reverse("facilities:production-report"), {**PERIOD, "facility": crafted["room"].pk})
    assert page.context["total"].water_litres == 300
    sheet = load_workbook(
        BytesIO(client.get(reverse("facilities:production-report"), {**PERIOD, "format": "xlsx"}).content)
    ).active
    assert sheet is not None
    assert list(next(sheet.iter_rows(min_row=2, values_only=True))) == ["2025-03", 5, 5, 0, 0, 10, 2, 0.25, 1500]


def test_an_artisan_cannot_read_the_reports(crafted: dict[str, Any], artisan: Any) -> None:
    for name in ("utilisation-report", "enterprise-report", "production-report"):
        assert signed_in(artisan).get(reverse(f"facilities:{name}"), {"format": "xlsx"}).status_code == 403


def test_the_dashboard_figures_follow_its_scope(
    crafted: dict[str, Any], staff: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(4):
        figures = facility_figures(Scope(year=2025, month=3), staff)
    assert [(u.facility.name, u.percent) for u in figures.utilisation] == [
        ("IPAL", Decimal("1.4")),
        ("Ruang batik tulis", Decimal("6.5")),
    ]
    assert figures.production.pieces == {"tulis": 5, "cap": 5, "kombinasi": 0, "tiruan": 0}
    assert figures.production.water_litres == 1500
    elsewhere = facility_figures(Scope(year=2025, month=3, area="35.15"), staff)
    assert (elsewhere.utilisation, elsewhere.production.total_pieces) == ([], 0)
    assert not elsewhere
