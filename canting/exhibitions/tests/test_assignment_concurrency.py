"""Two staff officers give the same booth, for overlapping days, to two exhibitors at the same moment: exactly one
assignment is made.

Each assignment is a thread with its own database connection, released together by a barrier. The exhibitors are
different, so no row lock of the service queues them: on PostgreSQL both pass the overlap query and the exclusion
constraint refuses the second; on SQLite the write lock taken at BEGIN queues them and the query or the trigger
refuses it. The refusal is always the clear "already given" message, never a database error.

Run on PostgreSQL too: DATABASE_URL=postgres://postgres@127.0.0.1:5432/canting_h uv run pytest <this file>
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from canting.core.testing import at_once, staff_user
from canting.exhibitions.models import BoothAssignment
from canting.exhibitions.services import exhibitors as services
from canting.exhibitions.tests.factories import BoothFactory, ExhibitionFactory, ExhibitorFactory
from canting.registry.tests.factories import EnterpriseFactory

ROUNDS = 3  # a race can be won by luck: run it a few times


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_simultaneous_assignments_of_one_booth_give_exactly_one(restore_areas: Any, round_: int) -> None:
    # Given booth A3 of the Sunrise Mall exhibition (6-10 Oct 2023) and two selected exhibitors
    exhibition = ExhibitionFactory(starts_on=datetime.date(2023, 10, 6), ends_on=datetime.date(2023, 10, 10))
    booth = BoothFactory(exhibition=exhibition, code="A3")
    exhibitors = [
        ExhibitorFactory(exhibition=exhibition, enterprise=EnterpriseFactory(name=name))
        for name in ("Batik Sekar Jagad", "Batik Majapahit")
    ]
    officers = [staff_user(f"rina{round_}"), staff_user(f"budi{round_}")]
    days = [(datetime.date(2023, 10, 6), datetime.date(2023, 10, 10)), (datetime.date(2023, 10, 8), None)]

    def assign(officer: Any, exhibitor: Any, span: tuple[datetime.date, datetime.date | None]) -> Any:
        return lambda: services.assign_booth(officer, exhibitor, booth, span[0], span[1]).pk

    # When both officers assign at the same moment
    race = at_once([assign(*args) for args in zip(officers, exhibitors, days, strict=True)])
    made, refused, errors = race.made, race.refused, race.errors

    # Then one assignment holds the booth and the other was refused with the clear message, nothing else written
    assert errors == []
    assert len(made) == 1
    assert len(refused) == 1
    assert refused[0].code == "booth_taken"
    winner = BoothAssignment.objects.get(pk=made[0])
    other = next(e for e in exhibitors if e.pk != winner.exhibitor_id)
    span = "6-10 Oct 2023" if winner.starts_on.day == 6 else "8-10 Oct 2023"
    assert refused[0].messages == [f"Booth A3 is already given to {winner.exhibitor.enterprise.name} on {span}."]
    assert BoothAssignment.objects.count() == 1
    assert not BoothAssignment.objects.filter(exhibitor=other).exists()
