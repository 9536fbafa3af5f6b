"""The demo: Kota Mojokerto's centre with the figures the press reported, and a working login per role."""

from __future__ import annotations

from typing import Any

import pytest

from canting import demo
from canting.core.models import User
from canting.registry.models import Centre, Enterprise, Person
from canting.registry.selectors import current_holders

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> None:
    """The demo, loaded once for this module (the determinism check is in the catalogue's demo tests)."""


def test_demo_has_the_reported_figures(loaded: None) -> None:
    staff = User.objects.get(username="petugas")
    assert Centre.objects.get().name == 'Sentra IKM Batik "Maja Bharama Wastra"'
    assert Enterprise.objects.for_user(staff).registered().count() == 30
    assert Person.objects.for_user(staff).registered().count() == 125
    assert current_holders(staff, "batikmark") == 14
    assert current_holders(staff, "sni") == 1
    assert current_holders(staff, "nib") == 30
    villages = set(Enterprise.objects.registered().values_list("village_id", flat=True))
    assert len(villages) == 18  # spread over every kelurahan of the city


def test_declared_workforce_matches_the_people_recorded(loaded: None) -> None:
    for enterprise in Enterprise.objects.registered().prefetch_related("memberships__person"):
        people = [m.person for m in enterprise.memberships.all()]
        assert enterprise.workers_women == sum(1 for p in people if p.gender == "P")
        assert enterprise.workers_men == sum(1 for p in people if p.gender == "L")


def test_every_demo_login_signs_in_with_the_printed_password(loaded: None) -> None:
    for login in demo.DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.role == login.role
        assert user.check_password(demo.DEMO_PASSWORD)
    assert User.objects.get(username="perajin").enterprise != User.objects.get(username="perajin2").enterprise


def test_the_demo_command_refuses_a_database_that_holds_enterprises_or_only_names_the_logins(loaded: None) -> None:
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    before = Enterprise.objects.count()
    with pytest.raises(CommandError, match="already holds enterprises"):
        call_command("demo", stdout=io.StringIO())

    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)  # what `canting serve --demo` calls

    assert "Loading" not in out.getvalue()
    assert "perajin2" in out.getvalue() and demo.DEMO_PASSWORD in out.getvalue()
    assert Enterprise.objects.count() == before
