"""Twenty enterprises ask for overlapping slots of one room at the same moment: exactly one gets it.

Each request is a thread with its own database connection, released together by a barrier. The enterprises are
all different, so no lock of the service queues them: on PostgreSQL they really run at once and the exclusion
constraint refuses all but one; on SQLite the write lock taken at BEGIN queues them and the query or the trigger
refuses the others. Every refusal is the clear "already booked" message, never a database error.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from canting.core.testing import at_once, make_user
from canting.facilities.models import HOLDING, Booking, Reservation
from canting.facilities.services import bookings as services
from canting.facilities.tests.factories import FacilityFactory, at
from canting.registry.tests.factories import EnterpriseFactory

REQUESTS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_overlapping_requests_give_exactly_one_booking(restore_areas: Any) -> None:
    # Given one room, twenty enterprises each with its artisan, and twenty slots that all overlap 10:00-11:00
    day = timezone.localdate() + datetime.timedelta(days=5)
    room = FacilityFactory(name="Ruang Batik Tulis")
    artisans = [make_user(f"perajin{n}", "artisan", enterprise=EnterpriseFactory()) for n in range(REQUESTS)]
    slots = [(at(day, 9, n), at(day, 11, n)) for n in range(REQUESTS)]  # 09:00-11:00, 09:01-11:01, ...

    def request(artisan: Any, slot: tuple[datetime.datetime, datetime.datetime]) -> Any:
        return lambda: services.request_booking(artisan, artisan.enterprise, [room], slot[0], slot[1], "Membatik").pk

    # When all twenty ask at the same moment
    race = at_once([request(a, s) for a, s in zip(artisans, slots, strict=True)])
    made, refused, errors = race.made, race.refused, race.errors

    # Then exactly one booking holds the room, and the nineteen others were refused with the clear message
    assert errors == []
    assert len(made) == 1
    assert len(refused) == REQUESTS - 1
    assert {exc.code for exc in refused} == {"overlap"}
    assert all(" ".join(exc.messages).startswith("Ruang Batik Tulis is already booked from ") for exc in refused)
    assert list(Booking.objects.filter(state__in=HOLDING).values_list("pk", flat=True)) == made
    assert Booking.objects.count() == 1
    assert Reservation.objects.filter(facility=room, holds=True).count() == 1
