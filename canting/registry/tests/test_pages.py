"""The registry's pages as people use them: lists, forms and their error messages, exports, scoping."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise, Person
from canting.registry.tests.factories import EnterpriseFactory, FacilitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_enterprises(count: int) -> list[Enterprise]:
    enterprises = []
    for _ in range(count):
        enterprise = EnterpriseFactory()
        MembershipFactory(enterprise=enterprise)
        FacilitationFactory(enterprise=enterprise)
        enterprises.append(enterprise)
    return enterprises


# The enterprise list also reads the options of its area filter (one query for the whole cascade).
@pytest.mark.parametrize(("route", "queries"), [("registry:enterprise-list", 6), ("registry:person-list", 5)])
def test_list_query_count_does_not_grow_with_rows(
    staff: User, route: str, queries: int, django_assert_num_queries: Any
) -> None:
    client = client_for(staff)
    make_enterprises(2)
    client.get(reverse(route))  # warm the session and the user
    with django_assert_num_queries(queries):
        client.get(reverse(route))
    make_enterprises(20)
    with django_assert_num_queries(queries):
        response = client.get(reverse(route))
    assert response.context["total"] == 22


def test_enterprise_list_filters_search_and_sorts(staff: User) -> None:
    EnterpriseFactory(name="Batik Anggrek", technique_tulis=False, technique_cap=True)
    EnterpriseFactory(name="Batik Cendana", village_id="35.76.03.1002")
    holder = EnterpriseFactory(name="Batik Bougenvil")
    FacilitationFactory(enterprise=holder, kind="batikmark")
    client = client_for(staff)

    def names(**params: str) -> list[str]:
        response = client.get(reverse("registry:enterprise-list"), params)
        return [e.name for e in response.context["object_list"]]

    assert names() == ["Batik Anggrek", "Batik Bougenvil", "Batik Cendana"]
    assert names(ordering="-name") == ["Batik Cendana", "Batik Bougenvil", "Batik Anggrek"]
    assert names(technique="cap") == ["Batik Anggrek"]
    assert names(area="35.76.03") == ["Batik Cendana"]
    assert names(holds="batikmark") == ["Batik Bougenvil"]
    assert names(q="cend") == ["Batik Cendana"]


def test_enterprise_list_exports_every_filtered_row_to_excel(staff: User) -> None:
    for n in range(30):
        EnterpriseFactory(name=f"Batik Ekspor {n:02d}")
    EnterpriseFactory(name="Batik Lain", technique_tulis=False, technique_cap=True)

    response = client_for(staff).get(reverse("registry:enterprise-list"), {"technique": "tulis", "format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 31  # header + 30, past the first page of 25
    assert rows[1][0] == "Batik Ekspor 00"


def test_staff_of_another_region_see_none_of_this_city(db: Any, enterprise: Enterprise) -> None:
    from canting.core.testing import staff_user

    sidoarjo = staff_user("sidoarjo", area="35.15")
    response = client_for(sidoarjo).get(reverse("registry:enterprise-list"))
    assert response.context["total"] == 0
    assert client_for(sidoarjo).get(reverse("registry:enterprise-detail", args=[enterprise.pk])).status_code == 404


def test_create_form_shows_errors_beside_their_fields_and_writes_nothing(staff: User) -> None:
    response = client_for(staff).post(
        reverse("registry:enterprise-create"),
        {
            "name": "Batik Baru",
            "nib": "12345",
            "kbli_codes": "13134",
            "legal_form": "perorangan",
            "address": "Jl. A",
            "province": "35",
            "regency": "35.76",
            "district": "35.76.02",
            "village": "35.76.02.1001",
            "technique_tulis": "on",
            "monthly_capacity": "10",
            "workers_men": "1",
            "workers_women": "1",
            "investment": "1000000",
            "status": "active",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["nib"]
    assert "13" in form.errors["nib"][0]
    assert b'id="id_nib_errors"' in response.content
    assert not Enterprise.objects.filter(name="Batik Baru").exists()


def test_a_village_outside_the_chosen_district_is_refused(staff: User) -> None:
    response = client_for(staff).post(
        reverse("registry:enterprise-create"),
        {"name": "X", "province": "35", "regency": "35.76", "district": "35.76.01", "village": "35.76.02.1001"},
    )
    assert "village" in response.context["form"].errors


def test_form_errors_are_in_indonesian_by_default(staff: User) -> None:
    response = client_for(staff).post(reverse("registry:enterprise-create"), {"nib": "12345"})
    assert "13 digit" in response.context["form"].errors["nib"][0]
    assert response.context["form"].errors["nib"][0].startswith("NIB harus")


def test_the_english_switch_translates_the_page(staff: User) -> None:
    client = client_for(staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(reverse("registry:enterprise-create"), {"nib": "12345"})
    assert response.context["form"].errors["nib"][0].startswith("NIB must be")


def test_artisan_edits_own_enterprise_but_not_its_status(artisan: User, enterprise: Enterprise) -> None:
    client = client_for(artisan)
    page = client.get(reverse("registry:enterprise-edit", args=[enterprise.pk]))
    assert "status" not in page.context["form"].fields
    assert "nib" not in page.context["form"].fields

    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if name in page.context["form"].fields and value is not None
    }
    data.update(
        {
            "name": "Batik Sekar Uji Baru",
            "kbli_codes": "13134",
            "technique_tulis": "on",
            "status": "inactive",
            "province": "35",
            "regency": "35.76",
            "district": "35.76.02",
            "village": "35.76.02.1001",
        }
    )
    response = client.post(reverse("registry:enterprise-edit", args=[enterprise.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    enterprise.refresh_from_db()
    assert enterprise.name == "Batik Sekar Uji Baru"
    assert enterprise.status == "active"
    assert AuditEvent.objects.filter(action="registry.enterprise.changed", actor=artisan).count() == 1


def test_artisan_adds_a_worker_with_a_phone_written_locally(artisan: User, enterprise: Enterprise) -> None:
    response = client_for(artisan).post(
        reverse("registry:member-create", args=[enterprise.pk]),
        {"full_name": "Tutik Handayani", "nik": "3576024507920004", "phone": "0857-1234-5678", "role": "worker"},
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Tutik Handayani")
    assert person.phone == "+6285712345678"
    assert person.gender == "P"
    assert enterprise.memberships.filter(person=person, role="worker").exists()


def test_artisan_cannot_touch_another_enterprise(artisan: User, other_enterprise: Enterprise) -> None:
    client = client_for(artisan)
    other_person = other_enterprise.memberships.first().person
    assert client.get(reverse("registry:enterprise-detail", args=[other_enterprise.pk])).status_code == 404
    assert client.post(reverse("registry:enterprise-edit", args=[other_enterprise.pk]), {}).status_code == 404
    assert client.post(reverse("registry:member-create", args=[other_enterprise.pk]), {}).status_code == 404
    assert client.get(reverse("registry:person-detail", args=[other_person.pk])).status_code == 404
    membership = other_enterprise.memberships.first()
    assert client.post(reverse("registry:membership-remove", args=[membership.pk])).status_code == 404
    assert other_enterprise.memberships.filter(pk=membership.pk).exists()


def test_staff_see_full_nik_on_a_person_page_and_masked_in_lists(staff: User, enterprise: Enterprise) -> None:
    person = enterprise.memberships.first().person
    client = client_for(staff)
    assert person.nik.encode() in client.get(reverse("registry:person-detail", args=[person.pk])).content
    listing = client.get(reverse("registry:person-list")).content
    assert person.nik.encode() not in listing
    assert person.masked_nik.encode() in listing


def test_history_is_shown_to_staff_only(staff: User, artisan: User, enterprise: Enterprise) -> None:
    from canting.registry import services

    services.update_enterprise(enterprise, actor=staff, changes={"workers_men": 7})
    url = reverse("registry:enterprise-detail", args=[enterprise.pk])
    assert b'id="history"' in client_for(staff).get(url).content
    assert b'id="history"' not in client_for(artisan).get(url).content


def test_area_options_fill_the_next_select_and_clear_the_lower_ones(db: Any) -> None:
    response = Client().get(reverse("area-options"), {"ent-regency": "35.76"})
    html = response.content.decode()
    assert '<option value="35.76.02">Magersari</option>' in html
    assert 'id="id_ent-village" hx-swap-oob="innerHTML"' in html
    assert "35.76.02.1001" not in html


def test_rejecting_without_a_reason_is_refused_beside_the_field(staff: User) -> None:
    from canting.registry.models import Application
    from canting.registry.tests.factories import ApplicationFactory

    application = ApplicationFactory()
    response = client_for(staff).post(reverse("registry:application-reject", args=[application.pk]), {"reason": ""})

    assert response.status_code == 200
    assert "reason" in response.context["reject_form"].errors
    assert Application.objects.get(pk=application.pk).status == "pending"


def test_evidence_that_is_not_a_pdf_or_photo_is_refused(staff: User, enterprise: Enterprise) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("nib.pdf", b"MZ\x90\x00 an executable named .pdf", content_type="application/pdf")
    response = client_for(staff).post(
        reverse("registry:facilitation-create", args=[enterprise.pk]),
        {"kind": "nib", "status": "planned", "evidence": fake},
    )

    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    assert not enterprise.facilitations.exists()
