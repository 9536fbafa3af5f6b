"""Pieces recorded on an enterprise's completed bookings are offered on its monthly turnover form."""

from __future__ import annotations

import datetime
from typing import Any

from canting.facilities.models import BookingState, Usage
from canting.facilities.suggestions import pieces_from_bookings
from canting.facilities.tests.factories import BookingFactory, FacilityFactory, at
from canting.turnover import suggestions

MARCH = datetime.date(2025, 3, 1)


def booking(enterprise: Any, when: datetime.datetime, state: str = BookingState.COMPLETED, **pieces: int) -> None:
    made = BookingFactory(
        enterprise=enterprise,
        facility=FacilityFactory(),
        starts_at=when,
        ends_at=when + datetime.timedelta(hours=3),
        state=state,
    )
    Usage.objects.create(booking=made, **pieces)


def test_the_provider_is_registered_when_the_app_is_ready() -> None:
    assert pieces_from_bookings in suggestions.providers()


def test_the_pieces_of_the_months_completed_bookings_are_suggested(enterprise: Any, other_enterprise: Any) -> None:
    booking(enterprise, at(datetime.date(2025, 3, 3), 8), pieces_tulis=4, pieces_cap=10)
    booking(enterprise, at(datetime.date(2025, 3, 31), 20), pieces_tulis=2)  # starts in March, in local time
    booking(enterprise, at(datetime.date(2025, 4, 1), 1), pieces_tulis=50)  # April
    booking(enterprise, at(datetime.date(2025, 3, 10), 8), state=BookingState.APPROVED, pieces_tulis=70)
    booking(other_enterprise, at(datetime.date(2025, 3, 4), 8), pieces_tulis=30)

    found = suggestions.suggestions_for(enterprise, MARCH)

    assert sorted(found) == ["pieces_cap", "pieces_tulis"]  # kombinasi and tiruan: none made
    assert [(s.value, s.source_label, s.url) for s in found["pieces_tulis"]] == [
        (6, "from your bookings at the centre", "/facilities/bookings/")
    ]
    assert [s.value for s in found["pieces_cap"]] == [10]


def test_nothing_is_suggested_without_recorded_usage(enterprise: Any) -> None:
    booking(enterprise, at(datetime.date(2025, 3, 3), 8), state=BookingState.CANCELLED, pieces_tulis=4)
    assert pieces_from_bookings(enterprise, MARCH) == []
