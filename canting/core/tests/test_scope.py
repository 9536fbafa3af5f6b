"""An officer may only put things where they work: every area field offers and accepts the officer's own scope.

Kota Mojokerto's officer saving a programme, an exhibition, a centre or an enterprise in Jakarta would lose it from
their own lists at once (404 on the page, an error in the API). National staff may choose anywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from canting.core.models import Area
from canting.core.scope import areas_within, steps_towards, within
from canting.core.testing import CITY, staff_user
from canting.exhibitions.models import Exhibition
from canting.registry.models import Enterprise
from canting.training.models import Programme

pytestmark = pytest.mark.django_db

JAKARTA, JAKARTA_CITY, JAKARTA_DISTRICT, JAKARTA_VILLAGE = "31", "31.71", "31.71.01", "31.71.01.1001"


@pytest.fixture(autouse=True)
def jakarta(db: Any) -> None:
    """A second province beside the loaded Kota Mojokerto, down to a village."""
    names = {JAKARTA: "DKI Jakarta", JAKARTA_CITY: "Kota Jakarta Pusat", JAKARTA_DISTRICT: "Gambir"}
    parent = None
    for level, code in enumerate([JAKARTA, JAKARTA_CITY, JAKARTA_DISTRICT, JAKARTA_VILLAGE], start=1):
        parent = Area.objects.create(code=code, name=names.get(code, "Gambir"), level=level, parent=parent)


def page(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_within_reads_codes_as_a_tree() -> None:
    assert within("35.76", "35.76") and within("35.76", "35.76.01.1001") and within("", "31")
    assert not within("35.76", "35.7") and not within("35.7", "35.76") and not within("35.76", None)
    assert set(areas_within("35").values_list("code", flat=True)) >= {"35", "35.76"}
    assert not areas_within(CITY).filter(code__startswith="31").exists()
    assert list(steps_towards(CITY, Area.objects.filter(level=1)).values_list("code", flat=True)) == ["35"]


def test_the_programme_form_offers_only_the_officers_area_and_refuses_another(staff: Any) -> None:
    client = page(staff)
    form = client.get("/training/programmes/new/").context["form"]
    assert [a.code for a in form.fields["area"].queryset] == [CITY]
    answer = client.post(
        "/training/programmes/new/",
        {"title": "Pewarnaan alam", "kind": "technical", "year": "2027", "organiser": "Dinas", "area": JAKARTA},
    )
    assert answer.status_code == 200 and "area" in answer.context["form"].errors
    assert not Programme.objects.exists()


def test_the_programme_api_refuses_another_area_and_national_staff_may_choose_any(staff: Any) -> None:
    data = {"title": "Pewarnaan alam", "kind": "technical", "year": 2027, "organiser": "Dinas", "area": JAKARTA}
    refused = api(staff).post("/api/v1/programmes/", data, format="json")
    assert refused.status_code == 400 and "area" in refused.json()
    assert api(staff).post("/api/v1/programmes/", {**data, "area": None}, format="json").status_code == 400
    assert not Programme.objects.exists()
    national = staff_user("nadia", area=None)
    assert api(national).post("/api/v1/programmes/", data, format="json").status_code == 201
    kept = api(staff).post("/api/v1/programmes/", {**data, "area": CITY}, format="json")
    assert kept.status_code == 201
    assert api(staff).get(f"/api/v1/programmes/{kept.json()['id']}/").status_code == 200  # still theirs


def test_a_programme_cannot_be_moved_out_of_the_officers_area(staff: Any) -> None:
    from canting.training.tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(area_id=CITY)
    moved = api(staff).patch(f"/api/v1/programmes/{programme.pk}/", {"area": JAKARTA}, format="json")
    assert moved.status_code == 400
    programme.refresh_from_db()
    assert programme.area_id == CITY


def test_the_enterprise_form_and_api_keep_enterprises_in_the_officers_area(staff: Any) -> None:
    client = page(staff)
    form = client.get("/registry/enterprises/new/").context["form"]
    assert [a.code for a in form.fields["province"].queryset] == ["35"]
    options = client.get("/areas/options/", {"province": JAKARTA}).content.decode()
    assert "Jakarta" not in options  # the cascade offers nothing outside, even when asked directly
    data = {"name": "Batik Gambir", "legal_form": "perorangan", "village": JAKARTA_VILLAGE, "status": "active"}
    refused = api(staff).post("/api/v1/enterprises/", data, format="json")
    assert refused.status_code == 400 and "village" in refused.json()
    assert not Enterprise.objects.filter(name="Batik Gambir").exists()


def test_an_enterprise_cannot_be_moved_out_of_the_officers_area(staff: Any, enterprise: Any) -> None:
    moved = api(staff).patch(f"/api/v1/enterprises/{enterprise.pk}/", {"village": JAKARTA_VILLAGE}, format="json")
    assert moved.status_code == 400 and "village" in moved.json()
    enterprise.refresh_from_db()
    assert enterprise.village_id.startswith(CITY)


def test_the_exhibition_form_offers_only_the_officers_region(staff: Any) -> None:
    form = page(staff).get("/exhibitions/new/").context["form"]
    assert {a.code for a in form.fields["area"].queryset} == {CITY}
    assert not Exhibition.objects.exists()
