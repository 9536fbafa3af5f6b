"""Centres: registered and edited by office staff with the right to manage centres, within their working area."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from canting.core.models import Area, AuditEvent, User
from canting.core.testing import VILLAGE, make_user, staff_user
from canting.registry import services
from canting.registry.models import Centre
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Sentra IKM Batik Maja Bharama Wastra",
    "address": "Jl. Empunala",
    "province": "35",
    "regency": "35.76",
    "district": "35.76.02",
    "village": VILLAGE,
    "managing_office": "Diskopukmperindag Kota Mojokerto",
}


def with_right(user: User) -> User:
    user.user_permissions.add(Permission.objects.get(codename="change_centre", content_type__app_label="registry"))
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per instance


@pytest.fixture
def manager(db: Any) -> User:
    return with_right(staff_user("sari"))


@pytest.fixture
def sidoarjo_village(db: Any) -> str:
    return str(
        Area.objects.filter(code__startswith="35.15.01.", level=4).order_by("code").values_list("code", flat=True)[0]
    )


def test_an_officer_with_the_right_registers_the_centre_from_the_page(client: Client, manager: User) -> None:
    client.force_login(manager)

    response = client.post(reverse("registry:centre-create"), FORM, follow=True)

    centre = Centre.objects.get()
    assert (centre.name, centre.village_id, centre.managing_office) == (
        "Sentra IKM Batik Maja Bharama Wastra", VILLAGE, "Diskopukmperindag Kota Mojokerto",
    )  # fmt: skip
    assert response.redirect_chain[-1][0] == reverse("registry:centre-list")
    assert "Sentra IKM Batik Maja Bharama Wastra" in response.content.decode()
    assert AuditEvent.objects.filter(action="registry.centre.created", object_id=str(centre.pk)).count() == 1


def test_the_centre_list_offers_the_form_only_to_those_with_the_right(client: Client, manager: User) -> None:
    CentreFactory(name="Sentra Batik Kedungsari")
    create = reverse("registry:centre-create")

    client.force_login(staff_user())
    plain = client.get(reverse("registry:centre-list")).content.decode()
    client.force_login(manager)
    managing = client.get(reverse("registry:centre-list")).content.decode()

    assert "Sentra Batik Kedungsari" in plain and create not in plain
    assert create in managing


def test_an_officer_without_the_right_is_refused_and_nothing_is_written(client: Client) -> None:
    officer = staff_user()
    client.force_login(officer)

    assert client.get(reverse("registry:centre-create")).status_code == 403
    assert client.post(reverse("registry:centre-create"), FORM).status_code == 403
    with pytest.raises(ValidationError) as refused:
        services.create_centre(actor=officer, data={**FORM, "village_id": VILLAGE})
    assert refused.value.code == "forbidden"
    assert not Centre.objects.exists()


def test_an_artisan_cannot_manage_centres_even_with_the_right(client: Client, enterprise: Any) -> None:
    artisan = with_right(make_user("tuti", "artisan", enterprise=enterprise))
    client.force_login(artisan)

    assert client.get(reverse("registry:centre-create")).status_code == 403


def test_a_village_outside_the_officers_area_is_refused(client: Client, manager: User, sidoarjo_village: str) -> None:
    client.force_login(manager)
    district = sidoarjo_village.rsplit(".", 1)[0]
    form = {**FORM, "regency": "35.15", "district": district, "village": sidoarjo_village}

    response = client.post(reverse("registry:centre-create"), form)

    assert response.status_code == 200
    assert {"regency", "district", "village"} & set(response.context["form"].errors)  # not even offered
    assert not Centre.objects.exists()
    data = {"name": "Sentra Sidoarjo", "address": "Jl. Raya", "managing_office": "Dinas"}
    with translation.override("en"), pytest.raises(ValidationError) as refused:  # the service refuses it too
        services.create_centre(actor=manager, data={**data, "village_id": sidoarjo_village})
    with translation.override("en"):
        assert refused.value.message_dict == {"village": ["This village is outside your working area."]}


def test_a_second_centre_with_the_same_name_in_the_village_is_refused(client: Client, manager: User) -> None:
    CentreFactory(name="Sentra IKM Batik Maja Bharama Wastra")
    client.force_login(manager)

    response = client.post(reverse("registry:centre-create"), FORM)

    assert "Sudah ada sentra dengan nama ini di kelurahan/desa ini." in response.content.decode()
    assert Centre.objects.count() == 1


def test_an_officer_edits_a_centre_and_the_change_is_audited(client: Client, manager: User) -> None:
    centre = CentreFactory(name="Sentra Lama")
    client.force_login(manager)

    response = client.post(reverse("registry:centre-edit", args=[centre.pk]), {**FORM, "name": "Sentra Baru"})

    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.name == "Sentra Baru"
    event = AuditEvent.objects.get(action="registry.centre.changed")
    assert event.changes["name"] == ["Sentra Lama", "Sentra Baru"]


def test_a_centre_in_another_area_answers_404(client: Client, sidoarjo_village: str) -> None:
    centre = CentreFactory(village_id=sidoarjo_village)
    client.force_login(with_right(staff_user("sari")))

    assert client.get(reverse("registry:centre-edit", args=[centre.pk])).status_code == 404
    assert client.post(reverse("registry:centre-edit", args=[centre.pk]), FORM).status_code == 404


def test_the_list_filters_and_exports_what_it_shows(client: Client, manager: User) -> None:
    kedungsari = CentreFactory(name="Sentra Batik Kedungsari")
    CentreFactory(name="Sentra Tenun Lain")
    EnterpriseFactory(centre=kedungsari)
    client.force_login(manager)

    page = client.get(reverse("registry:centre-list"), {"q": "kedungsari"})
    export = client.get(reverse("registry:centre-list"), {"q": "kedungsari", "format": "xlsx"})

    assert [c.name for c in page.context["object_list"]] == ["Sentra Batik Kedungsari"]
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[6]) for r in rows] == [("Sentra Batik Kedungsari", VILLAGE, 1)]


def test_the_command_registers_and_lists_centres(db: Any) -> None:
    out = io.StringIO()

    call_command(
        "centre", "add", "--name", "Sentra IKM Batik Maja Bharama Wastra", "--address", "Jl. Empunala",
        "--village", VILLAGE, "--office", "Diskopukmperindag Kota Mojokerto", stdout=out,
    )  # fmt: skip
    call_command("centre", "list", stdout=out)

    centre = Centre.objects.get()
    assert centre.village_id == VILLAGE
    assert f"{centre.pk}\tSentra IKM Batik Maja Bharama Wastra\t{VILLAGE}" in out.getvalue()
    assert AuditEvent.objects.filter(action="registry.centre.created", actor=None).count() == 1


def test_the_command_edits_a_centre(db: Any) -> None:
    centre = CentreFactory(name="Sentra Lama")

    call_command("centre", "edit", str(centre.pk), "--name", "Sentra Baru", stdout=io.StringIO())

    centre.refresh_from_db()
    assert centre.name == "Sentra Baru"


def test_the_command_refuses_an_unknown_village_and_writes_nothing(db: Any) -> None:
    with pytest.raises(CommandError, match="village"):
        call_command(
            "centre", "add", "--name", "Sentra", "--address", "Jl.", "--village", "99.99.99.9999",
            "--office", "Dinas", stdout=io.StringIO(),
        )  # fmt: skip

    assert not Centre.objects.exists()
