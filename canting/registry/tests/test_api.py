"""The registry API under /api/v1/: who sees what, writes through services, filters, personal data, query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from canting.core.masking import mask_nik, mask_phone
from canting.core.models import Area, AuditEvent
from canting.core.testing import OTHER_VILLAGE, VILLAGE, staff_user
from canting.registry.models import Enterprise, EnterpriseStatus, Facilitation, Membership, Person
from canting.registry.tests.factories import (
    EnterpriseFactory,
    FacilitationFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

ENTERPRISES = reverse("api-enterprise-list")
PEOPLE = reverse("api-person-list")
FACILITATIONS = reverse("api-facilitation-list")
IMPOSSIBLE_NIK = "3576023201900001"  # born on the 32nd


def client_for(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def enterprise_url(enterprise: Enterprise) -> str:
    return reverse("api-enterprise-detail", args=[enterprise.pk])


def person_url(person: Person) -> str:
    return reverse("api-person-detail", args=[person.pk])


def owner_of(enterprise: Enterprise) -> Person:
    return Membership.objects.get(enterprise=enterprise, role="owner").person


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def sidoarjo_village() -> str:
    return Area.objects.filter(code__startswith="35.15.01.", level=4).order_by("code").values_list("code", flat=True)[0]


def new_enterprise_payload(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Batik Surodinawan",
        "nib": "9200000000001",
        "address": "Jl. Surodinawan 3",
        "village": VILLAGE,
        "technique_cap": True,
        **extra,
    }


# --- who sees what --------------------------------------------------------------------------------------------
def test_artisan_lists_exactly_their_own_enterprise(artisan: Any, enterprise: Any, other_enterprise: Any) -> None:
    response = client_for(artisan).get(ENTERPRISES)

    assert names(response) == ["Batik Sekar Uji"]
    assert response.json()["count"] == 1


def test_artisan_gets_404_for_another_enterprise(artisan: Any, other_enterprise: Any) -> None:
    client = client_for(artisan)

    assert client.get(enterprise_url(other_enterprise)).status_code == 404
    assert client.patch(enterprise_url(other_enterprise), {"brand": "Mine now"}).status_code == 404
    other_enterprise.refresh_from_db()
    assert other_enterprise.brand == ""


def test_staff_list_holds_every_enterprise_in_their_area(staff: Any, enterprise: Any, other_enterprise: Any) -> None:
    EnterpriseFactory(name="Batik Sidoarjo", village_id=sidoarjo_village())

    assert names(client_for(staff).get(ENTERPRISES)) == ["Batik Lain", "Batik Sekar Uji"]


def test_staff_of_another_area_sees_nothing_of_mojokerto(enterprise: Any, other_enterprise: Any) -> None:
    FacilitationFactory(enterprise=enterprise)
    client = client_for(staff_user(username="sari", area="35.15"))

    assert client.get(ENTERPRISES).json()["count"] == 0
    assert client.get(PEOPLE).json()["count"] == 0
    assert client.get(FACILITATIONS).json()["count"] == 0
    assert client.get(enterprise_url(enterprise)).status_code == 404
    assert client.get(person_url(owner_of(enterprise))).status_code == 404


def test_enterprise_detail_shows_owners_and_totals(staff: Any, enterprise: Any) -> None:
    body = client_for(staff).get(enterprise_url(enterprise)).json()

    owner = owner_of(enterprise)
    assert body["owners"] == [{"id": owner.pk, "full_name": owner.full_name}]
    assert body["workers_total"] == 3
    assert body["techniques"] == ["tulis"]
    assert body["village"] == VILLAGE


ALL_REGISTRY_CALLS = [
    ("get", ENTERPRISES),
    ("post", ENTERPRISES),
    ("get", PEOPLE),
    ("post", PEOPLE),
    ("get", FACILITATIONS),
    ("post", FACILITATIONS),
]


@pytest.mark.parametrize(("method", "url"), ALL_REGISTRY_CALLS)
def test_assessor_is_refused_the_registry(assessor: Any, method: str, url: str) -> None:
    assert getattr(client_for(assessor), method)(url, {}).status_code == 403


@pytest.mark.parametrize(("method", "url"), ALL_REGISTRY_CALLS)
def test_visitor_is_refused_the_registry(db: Any, method: str, url: str) -> None:
    assert getattr(client_for(None), method)(url, {}).status_code in (401, 403)


def test_assessor_and_visitor_cannot_read_an_enterprise(assessor: Any, enterprise: Any) -> None:
    assert client_for(assessor).get(enterprise_url(enterprise)).status_code == 403
    assert client_for(None).get(enterprise_url(enterprise)).status_code in (401, 403)


def test_nothing_is_deleted_through_the_api(staff: Any, enterprise: Any) -> None:
    assert client_for(staff).delete(enterprise_url(enterprise)).status_code == 405
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


# --- authentication -------------------------------------------------------------------------------------------
def test_token_authentication(staff: Any, enterprise: Any) -> None:
    token = Token.objects.create(user=staff)
    client = APIClient()

    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert names(client.get(ENTERPRISES)) == ["Batik Sekar Uji"]

    # Session authentication comes first and sends no WWW-Authenticate challenge, so DRF answers 403, not 401.
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(ENTERPRISES).status_code == 403


def test_session_authentication(artisan: Any, enterprise: Any) -> None:
    client = APIClient()
    client.force_login(artisan)

    assert names(client.get(ENTERPRISES)) == ["Batik Sekar Uji"]


# --- enterprises: writes --------------------------------------------------------------------------------------
def test_staff_registers_an_enterprise_and_it_is_audited(staff: Any) -> None:
    response = client_for(staff).post(ENTERPRISES, new_enterprise_payload(), format="json")

    assert response.status_code == 201, response.content
    created = Enterprise.objects.get(nib="9200000000001")
    assert response.json()["id"] == created.pk
    assert response.json()["techniques"] == ["cap"]
    assert response.json()["owners"] == []
    assert (created.name, created.village_id, created.status) == ("Batik Surodinawan", VILLAGE, "active")
    event = AuditEvent.objects.get(action="registry.enterprise.created", object_id=str(created.pk))
    assert event.actor == staff
    assert event.changes["name"] == [None, "Batik Surodinawan"]


def test_a_12_digit_nib_is_refused_naming_the_field(staff: Any) -> None:
    response = client_for(staff).post(ENTERPRISES, new_enterprise_payload(nib="920000000000"), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["nib"]
    assert not Enterprise.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_nib_already_registered_is_refused_by_the_service(staff: Any, enterprise: Any) -> None:
    response = client_for(staff).post(ENTERPRISES, new_enterprise_payload(nib=enterprise.nib), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["nib"]
    assert "Batik Sekar Uji" in response.json()["nib"][0]
    assert Enterprise.objects.count() == 1


def test_an_enterprise_needs_a_technique(staff: Any) -> None:
    payload = new_enterprise_payload(technique_cap=False)

    response = client_for(staff).post(ENTERPRISES, payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert not Enterprise.objects.exists()


def test_staff_cannot_register_outside_their_area(staff: Any) -> None:
    payload = new_enterprise_payload(village=sidoarjo_village())

    response = client_for(staff).post(ENTERPRISES, payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["village"]
    assert not Enterprise.objects.exists()


def test_artisan_cannot_register_an_enterprise(artisan: Any) -> None:
    response = client_for(artisan).post(ENTERPRISES, new_enterprise_payload(), format="json")

    assert response.status_code == 403
    assert Enterprise.objects.count() == 1


def test_artisan_updates_their_own_profile(artisan: Any, enterprise: Any) -> None:
    response = client_for(artisan).patch(enterprise_url(enterprise), {"brand": "Sekar", "workers_men": 4})

    assert response.status_code == 200, response.content
    assert response.json()["workers_total"] == 6
    enterprise.refresh_from_db()
    assert (enterprise.brand, enterprise.workers_men) == ("Sekar", 4)
    event = AuditEvent.objects.get(action="registry.enterprise.changed")
    assert event.actor == artisan
    assert event.changes == {"brand": ["", "Sekar"], "workers_men": [1, 4]}


@pytest.mark.parametrize(("field", "value"), [("status", "inactive"), ("nib", "9300000000001"), ("centre", None)])
def test_artisan_cannot_change_what_the_office_decides(artisan: Any, enterprise: Any, field: str, value: Any) -> None:
    before = Enterprise.objects.values().get(pk=enterprise.pk)

    response = client_for(artisan).patch(enterprise_url(enterprise), {field: value, "brand": "X"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Enterprise.objects.values().get(pk=enterprise.pk) == before
    assert not AuditEvent.objects.filter(action="registry.enterprise.changed").exists()


def test_staff_changes_the_status(staff: Any, enterprise: Any) -> None:
    response = client_for(staff).patch(enterprise_url(enterprise), {"status": "inactive"})

    assert response.status_code == 200
    assert response.json()["status"] == "inactive"
    enterprise.refresh_from_db()
    assert enterprise.status == EnterpriseStatus.INACTIVE


# --- enterprises: filters and ordering ------------------------------------------------------------------------
@pytest.fixture
def three_enterprises(db: Any) -> dict[str, Enterprise]:
    tulis = EnterpriseFactory(name="Batik Anggrek", workers_men=5)
    MembershipFactory(enterprise=tulis, person=PersonFactory(full_name="Siti Maesaroh"))
    cap = EnterpriseFactory(
        name="Batik Cempaka", village_id=OTHER_VILLAGE, technique_tulis=False, technique_cap=True, workers_men=0
    )
    dormant = EnterpriseFactory(name="Batik Dahlia", status=EnterpriseStatus.INACTIVE, workers_men=9)
    EnterpriseFactory(name="Batik Menunggu", status=EnterpriseStatus.APPLICANT)
    return {"tulis": tulis, "cap": cap, "dormant": dormant}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Batik Anggrek", "Batik Cempaka", "Batik Dahlia"]),
        ("?status=inactive", ["Batik Dahlia"]),
        ("?status=applicant", ["Batik Menunggu"]),
        ("?technique=cap", ["Batik Cempaka"]),
        ("?q=cempaka", ["Batik Cempaka"]),
        ("?q=maesaroh", ["Batik Anggrek"]),
        ("?area=35.76.03", ["Batik Cempaka"]),
        ("?ordering=-name", ["Batik Dahlia", "Batik Cempaka", "Batik Anggrek"]),
        ("?ordering=-workers", ["Batik Dahlia", "Batik Anggrek", "Batik Cempaka"]),
        ("?status=active&ordering=workers", ["Batik Cempaka", "Batik Anggrek"]),
    ],
)
def test_enterprise_filters_and_ordering(staff: Any, three_enterprises: Any, query: str, expected: list[str]) -> None:
    assert names(client_for(staff).get(ENTERPRISES + query)) == expected


def test_an_unknown_filter_value_is_a_400(staff: Any) -> None:
    response = client_for(staff).get(ENTERPRISES + "?status=closed")

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


# --- people ---------------------------------------------------------------------------------------------------
def test_people_list_masks_nik_and_phone(staff: Any, enterprise: Any) -> None:
    owner = owner_of(enterprise)

    rows = client_for(staff).get(PEOPLE).json()["results"]

    assert len(rows) == 1
    row = rows[0]
    assert row["nik"] == mask_nik(owner.nik)
    assert row["nik"] != owner.nik
    assert row["phone"] == mask_phone(owner.phone)
    assert "birth_date" not in row
    assert "address" not in row
    assert row["memberships"] == [{"enterprise": enterprise.pk, "enterprise_name": "Batik Sekar Uji", "role": "owner"}]


@pytest.mark.parametrize("persona", ["staff", "artisan"])
def test_person_detail_shows_personal_data_to_those_who_need_it(
    personas: dict[str, Any], enterprise: Any, persona: str
) -> None:
    owner = owner_of(enterprise)

    body = client_for(personas[persona]).get(person_url(owner)).json()

    assert (body["nik"], body["phone"], body["address"]) == (owner.nik, owner.phone, owner.address)


def test_artisan_gets_404_for_another_enterprises_person(artisan: Any, other_enterprise: Any) -> None:
    stranger = owner_of(other_enterprise)

    assert client_for(artisan).get(person_url(stranger)).status_code == 404
    assert client_for(artisan).patch(person_url(stranger), {"full_name": "X"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.full_name != "X"


def test_memberships_in_unseen_enterprises_stay_hidden(artisan: Any, enterprise: Any, other_enterprise: Any) -> None:
    owner = owner_of(enterprise)
    MembershipFactory(enterprise=other_enterprise, person=owner, role="worker")

    body = client_for(artisan).get(person_url(owner)).json()

    assert [m["enterprise"] for m in body["memberships"]] == [enterprise.pk]


def test_artisan_adds_a_worker_to_their_enterprise(artisan: Any, enterprise: Any) -> None:
    payload = {"full_name": "Dewi Lestari", "nik": "3576024101900001", "phone": "081234567890"}

    response = client_for(artisan).post(PEOPLE, {**payload, "enterprise": enterprise.pk, "role": "worker"})

    assert response.status_code == 201, response.content
    person = Person.objects.get(full_name="Dewi Lestari")
    # Gender and birth date come from the NIK; the phone is stored in its international form.
    assert (person.gender, person.birth_date, person.phone) == ("P", datetime.date(1990, 1, 1), "+6281234567890")
    assert response.json()["memberships"] == [
        {"enterprise": enterprise.pk, "enterprise_name": "Batik Sekar Uji", "role": "worker"}
    ]
    assert "enterprise" not in response.json()
    assert AuditEvent.objects.filter(action="registry.person.created", object_id=str(person.pk)).exists()
    assert AuditEvent.objects.filter(action="registry.membership.added").exists()


def test_artisan_cannot_add_people_to_another_enterprise(artisan: Any, other_enterprise: Any) -> None:
    payload = {"full_name": "Dewi Lestari", "gender": "P", "enterprise": other_enterprise.pk, "role": "worker"}

    response = client_for(artisan).post(PEOPLE, payload)

    assert response.status_code == 400
    assert list(response.json()) == ["enterprise"]
    assert not Person.objects.filter(full_name="Dewi Lestari").exists()


def test_an_impossible_birth_date_in_the_nik_is_refused(staff: Any, enterprise: Any) -> None:
    payload = {"full_name": "Dewi Lestari", "nik": IMPOSSIBLE_NIK, "enterprise": enterprise.pk, "role": "worker"}

    response = client_for(staff).post(PEOPLE, payload)

    assert response.status_code == 400
    assert list(response.json()) == ["nik"]
    assert "320190" in response.json()["nik"][0]
    assert not Person.objects.filter(full_name="Dewi Lestari").exists()


def test_a_nik_that_disagrees_with_the_gender_is_refused_by_the_service(staff: Any, enterprise: Any) -> None:
    payload = {"full_name": "Dewi", "nik": "3576024101900001", "gender": "L", "enterprise": enterprise.pk}

    response = client_for(staff).post(PEOPLE, {**payload, "role": "worker"})

    assert response.status_code == 400
    assert list(response.json()) == ["gender"]
    assert not Person.objects.filter(full_name="Dewi").exists()


def test_artisan_corrects_a_persons_phone(artisan: Any, enterprise: Any) -> None:
    owner = owner_of(enterprise)

    response = client_for(artisan).patch(person_url(owner), {"phone": "+62 812 1111 2222"})

    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+6281211112222"
    event = AuditEvent.objects.get(action="registry.person.changed")
    assert event.changes["phone"][1] == mask_phone("+6281211112222")


@pytest.mark.parametrize(("query", "expected"), [("?q=maesaroh", ["Siti Maesaroh"]), ("?role=worker", ["Agus"])])
def test_people_filters(staff: Any, enterprise: Any, query: str, expected: list[str]) -> None:
    MembershipFactory(enterprise=enterprise, person=PersonFactory(full_name="Siti Maesaroh"))
    MembershipFactory(enterprise=enterprise, person=PersonFactory(full_name="Agus", gender="L"), role="worker")

    rows = client_for(staff).get(PEOPLE + query).json()["results"]

    assert [row["full_name"] for row in rows] == expected


def test_people_filter_by_enterprise(staff: Any, enterprise: Any, other_enterprise: Any) -> None:
    rows = client_for(staff).get(f"{PEOPLE}?enterprise={other_enterprise.pk}").json()["results"]

    assert [row["id"] for row in rows] == [owner_of(other_enterprise).pk]


# --- facilitations --------------------------------------------------------------------------------------------
def test_staff_records_a_facilitation(staff: Any, enterprise: Any) -> None:
    payload = {"enterprise": enterprise.pk, "kind": "halal", "status": "granted", "granted_on": "2025-02-03"}

    response = client_for(staff).post(FACILITATIONS, payload)

    assert response.status_code == 201, response.content
    record = Facilitation.objects.get(enterprise=enterprise)
    assert (record.kind, record.granted_on) == ("halal", datetime.date(2025, 2, 3))
    assert response.json()["enterprise_name"] == "Batik Sekar Uji"
    assert response.json()["evidence_url"] is None
    assert AuditEvent.objects.get(action="registry.facilitation.recorded").actor == staff


def test_a_granted_facilitation_needs_its_date(staff: Any, enterprise: Any) -> None:
    payload = {"enterprise": enterprise.pk, "kind": "halal", "status": "granted"}

    response = client_for(staff).post(FACILITATIONS, payload)

    assert response.status_code == 400
    assert list(response.json()) == ["granted_on"]
    assert not Facilitation.objects.exists()


def test_a_facilitation_stays_with_its_enterprise(staff: Any, enterprise: Any, other_enterprise: Any) -> None:
    record = FacilitationFactory(enterprise=enterprise)
    url = reverse("api-facilitation-detail", args=[record.pk])

    response = client_for(staff).patch(url, {"enterprise": other_enterprise.pk, "number": "B-1"})

    assert response.status_code == 400
    assert list(response.json()) == ["enterprise"]
    record.refresh_from_db()
    assert (record.enterprise_id, record.number) == (enterprise.pk, "")


def test_staff_updates_a_facilitation(staff: Any, enterprise: Any) -> None:
    record = FacilitationFactory(enterprise=enterprise)

    response = client_for(staff).patch(reverse("api-facilitation-detail", args=[record.pk]), {"number": "BM-7"})

    assert response.status_code == 200
    record.refresh_from_db()
    assert record.number == "BM-7"
    assert AuditEvent.objects.get(action="registry.facilitation.changed").changes == {"number": ["", "BM-7"]}


def test_artisan_reads_but_does_not_write_facilitations(artisan: Any, enterprise: Any, other_enterprise: Any) -> None:
    own = FacilitationFactory(enterprise=enterprise)
    FacilitationFactory(enterprise=other_enterprise)
    client = client_for(artisan)

    assert [row["id"] for row in client.get(FACILITATIONS).json()["results"]] == [own.pk]
    payload = {"enterprise": enterprise.pk, "kind": "halal"}
    assert client.post(FACILITATIONS, payload).status_code == 403
    detail = reverse("api-facilitation-detail", args=[own.pk])
    assert client.patch(detail, {"number": "X"}).status_code == 403
    assert Facilitation.objects.count() == 2


@pytest.mark.parametrize(("query", "expected"), [("?kind=sni", ["sni"]), ("?status=planned", ["nib"])])
def test_facilitation_filters(staff: Any, enterprise: Any, query: str, expected: list[str]) -> None:
    FacilitationFactory(enterprise=enterprise, kind="sni")
    FacilitationFactory(enterprise=enterprise, kind="nib", status="planned", granted_on=None, expires_on=None)

    rows = client_for(staff).get(FACILITATIONS + query).json()["results"]

    assert [row["kind"] for row in rows] == expected


# --- query counts ---------------------------------------------------------------------------------------------
# count + page + one prefetch (owners or memberships); facilitations join their enterprise in the page query.
@pytest.mark.parametrize("n", [2, 10])
def test_enterprise_list_query_count(staff: Any, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        MembershipFactory(enterprise=EnterpriseFactory())
    client = client_for(staff)

    with django_assert_num_queries(3):
        assert len(client.get(ENTERPRISES).json()["results"]) == n


@pytest.mark.parametrize("n", [2, 10])
def test_person_list_query_count(staff: Any, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        MembershipFactory(enterprise=EnterpriseFactory())
    client = client_for(staff)

    with django_assert_num_queries(3):
        assert len(client.get(PEOPLE).json()["results"]) == n


@pytest.mark.parametrize("n", [2, 10])
def test_facilitation_list_query_count(staff: Any, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        FacilitationFactory()
    client = client_for(staff)

    with django_assert_num_queries(2):
        assert len(client.get(FACILITATIONS).json()["results"]) == n
