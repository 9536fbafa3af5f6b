"""`canting staff`: the first-day command that creates an office login with its working area."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from canting.core.models import AuditEvent, User
from canting.registry.services import may_manage_centres

pytestmark = pytest.mark.django_db
PASSWORD = "kain-panjang-2031"


def create(monkeypatch: Any, *args: str, password: str = PASSWORD) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("staff", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_a_staff_login_serves_its_area_and_may_be_given_the_centres(monkeypatch: Any) -> None:
    said = create(monkeypatch, "rina", "--area", "35.76", "--email", "rina@example.id", "--manage-centres")

    rina = User.objects.get(username="rina")
    assert (rina.role, rina.area_id, rina.email, rina.is_superuser) == ("staff", "35.76", "rina@example.id", False)
    assert rina.check_password(PASSWORD)
    assert may_manage_centres(rina)
    assert "Staff login rina created for area 35.76" in said
    assert AuditEvent.objects.filter(action="core.user.created", object_id=str(rina.pk)).count() == 1


def test_a_staff_login_may_be_kept_to_one_centre_of_its_area(monkeypatch: Any) -> None:
    from canting.registry.tests.factories import CentreFactory

    centre = CentreFactory(name="Sentra Kedungsari")

    said = create(monkeypatch, "sari", "--area", "35.76", "--centre", str(centre.pk))

    assert User.objects.get(username="sari").centre == centre
    assert "Staff login sari created for area 35.76 (Kota Mojokerto), centre Sentra Kedungsari." in said


def test_a_centre_outside_the_area_or_unknown_is_refused(monkeypatch: Any) -> None:
    from canting.registry.tests.factories import CentreFactory

    centre = CentreFactory()  # in Kota Mojokerto
    with pytest.raises(CommandError, match=r"outside the area 35\.15"):
        create(monkeypatch, "sari", "--area", "35.15", "--centre", str(centre.pk))
    with pytest.raises(CommandError, match="Unknown centre 999999"):
        create(monkeypatch, "sari", "--centre", "999999")
    assert not User.objects.filter(username="sari").exists()


def test_without_the_flag_no_right_to_manage_centres(monkeypatch: Any) -> None:
    create(monkeypatch, "budi", "--area", "35.76")

    assert not may_manage_centres(User.objects.get(username="budi"))


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("--area", "99.99"), PASSWORD, "Unknown area code '99.99'"),
        ((), "12345678901", "seluruhnya terdiri dari angka"),
        ((), "short", "terlalu pendek"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(monkeypatch: Any, args: Any, password: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        create(monkeypatch, "sari", *args, password=password)

    assert not User.objects.filter(username="sari").exists()


def test_an_existing_login_is_not_replaced(monkeypatch: Any, staff: User) -> None:
    with pytest.raises(CommandError, match="already exists"):
        create(monkeypatch, staff.username.upper())
