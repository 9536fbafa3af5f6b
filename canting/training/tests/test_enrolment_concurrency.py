"""Forty people apply at the same moment for thirty seats: exactly thirty get one, ten wait in the order they came.

Each applicant is a thread with its own database connection; the session row lock (and on SQLite the write lock
taken at BEGIN) makes them queue, so the quota holds on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

import pytest

from canting.core.testing import at_once, make_user
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory, PersonFactory
from canting.training.models import Enrolment, EnrolmentStatus
from canting.training.services import enrolments
from canting.training.tests.factories import SessionFactory

APPLICANTS = 40
SEATS = 30


@pytest.mark.django_db(transaction=True)
def test_forty_simultaneous_applications_fill_thirty_seats_and_queue_ten(restore_areas: Any, mailoutbox: Any) -> None:
    # Given a session with 30 seats and 40 people, each of an enterprise in the area, and an office login
    staff = make_user("rina", "staff")
    session = SessionFactory(quota=SEATS)
    people = []
    for n in range(APPLICANTS):
        person = PersonFactory(email=f"peserta{n}@example.id")
        MembershipFactory(enterprise=EnterpriseFactory(), person=person)
        people.append(person)

    def applicant(person: Any) -> Any:
        return lambda: enrolments.apply(actor=staff, session=session, person=person)

    # When all forty apply at the same moment
    race = at_once([applicant(p) for p in people])
    errors = [*race.refused, *race.errors]

    # Then every application went through: thirty registered, ten waitlisted
    assert errors == []
    rows = list(Enrolment.objects.filter(session=session).order_by("applied_at", "id"))
    statuses = [e.status for e in rows]
    assert statuses.count(EnrolmentStatus.REGISTERED) == SEATS
    assert statuses.count(EnrolmentStatus.WAITLISTED) == APPLICANTS - SEATS
    # and in the order of joining the queue, every registered came before every waitlisted
    assert statuses == [EnrolmentStatus.REGISTERED] * SEATS + [EnrolmentStatus.WAITLISTED] * (APPLICANTS - SEATS)
    assert len({e.applied_at for e in rows}) == APPLICANTS
    assert len({e.door_code for e in rows}) == APPLICANTS

    # When one registered participant cancels
    first_waiting = rows[SEATS]
    enrolments.cancel(rows[0], actor=staff, reason="Sakit")

    # Then exactly the first waitlisted takes the seat and is told by one email
    after = dict(Enrolment.objects.filter(session=session).values_list("pk", "status"))
    assert after[rows[0].pk] == EnrolmentStatus.CANCELLED
    assert after[first_waiting.pk] == EnrolmentStatus.REGISTERED
    assert list(after.values()).count(EnrolmentStatus.REGISTERED) == SEATS
    assert list(after.values()).count(EnrolmentStatus.WAITLISTED) == APPLICANTS - SEATS - 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [first_waiting.person.email]
