"""Batikmark readiness: one enterprise's checklist, the office's list (computed in the database, fewest missing
first), and the pages, with screenshots of the checklist and the certification list in a real browser."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.readiness import readiness, readiness_queryset
from canting.certification.tests.factories import CertificationFactory
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.core.models import Area, User
from canting.core.testing import make_user, shoot, sign_in
from canting.registry.models import Enterprise, Person
from canting.registry.tests.factories import EnterpriseFactory, FacilitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def nearly_ready(enterprise: Enterprise) -> dict[str, Any]:
    """Makes tulis and cap; has everything but a passing test of its batik cap (its cap sample failed)."""
    Enterprise.objects.filter(pk=enterprise.pk).update(npwp="012345678901234", technique_cap=True)
    enterprise.refresh_from_db()
    trademark = FacilitationFactory(enterprise=enterprise, kind="trademark", status="in_process", number="DID2025001")
    tulis = ProductFactory(enterprise=enterprise, technique="tulis", name_en="Tulis Cloth")
    cap = ProductFactory(enterprise=enterprise, technique="cap", name_en="Cap Cloth")
    passed = ReportFactory(batch__product=tulis, number="LHU-001")
    failed = ReportFactory(batch__product=cap, number="LHU-002", verdict="fail", computed_verdict="fail")
    return {"trademark": trademark, "passed": passed, "failed": failed}


@pytest.fixture
def field(enterprise: Enterprise) -> dict[str, Enterprise]:
    """Enterprises in every state of readiness, in Kota Mojokerto unless said otherwise."""
    nearly_ready(enterprise)
    far = EnterpriseFactory(name="Batik Jauh")  # no owner, NPWP, trademark or product
    no_owner_nik = EnterpriseFactory(name="Batik Tanpa KTP", npwp="012345678901235")
    MembershipFactory(enterprise=no_owner_nik, person__nik=None, person__birth_date=None)
    FacilitationFactory(enterprise=no_owner_nik, kind="trademark", status="granted")
    ReportFactory(batch__product=ProductFactory(enterprise=no_owner_nik))
    holder = EnterpriseFactory(name="Batik Pemegang")
    CertificationFactory(enterprise=holder, expires_on=timezone.localdate() + datetime.timedelta(days=100))
    lapsed = EnterpriseFactory(name="Batik Kedaluwarsa", npwp="012345678901236")
    MembershipFactory(enterprise=lapsed)
    CertificationFactory(enterprise=lapsed, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    village = Area.objects.filter(code__startswith="35.15.01.", level=4).order_by("code")[0]
    return {
        "nearly": enterprise,
        "far": far,
        "no_owner_nik": no_owner_nik,
        "holder": holder,
        "lapsed": lapsed,
        "printed": EnterpriseFactory(name="Batik Cetak", technique_tulis=False, technique_tiruan=True),
        "applicant": EnterpriseFactory(name="Batik Pemohon", status="applicant"),
        "sidoarjo": EnterpriseFactory(name="Batik Sidoarjo", village_id=village.code),
    }


# --- one enterprise's checklist ---------------------------------------------------------------------------------
def test_the_checklist_says_what_is_in_place_and_what_is_missing(enterprise: Enterprise) -> None:
    records = nearly_ready(enterprise)
    owner: Person = enterprise.memberships.get(role="owner").person

    result = readiness(enterprise)

    assert [(item.key, item.done) for item in result.items] == [
        ("owner_nik", True),
        ("npwp", True),
        ("nib", True),
        ("trademark", True),
        ("test_tulis", True),
        ("test_cap", False),
    ]
    items = {item.key: item for item in result.items}
    assert items["owner_nik"].detail == f"{owner.full_name}, NIK {owner.masked_nik}"
    assert items["owner_nik"].url == reverse("registry:person-detail", args=[owner.pk])
    assert items["trademark"].detail == "Application in process, number DID2025001"
    assert items["test_tulis"].url == reverse("certification:report-detail", args=[records["passed"].pk])
    assert items["test_cap"].detail == (
        "The latest report, LHU-002, did not pass (Fail): worth putting right before BBSPJIKB takes its sample."
    )
    # A test report is a self-check: BBSPJIKB takes its own sample after the application, so a failed one of the
    # enterprise's own does not stop it applying.
    assert items["test_cap"].self_check and not items["owner_nik"].self_check
    assert (result.missing_count, result.nearly_ready, result.ready, result.holds_batikmark) == (0, True, True, False)


def test_missing_items_lead_to_the_page_that_puts_them_right(db: Any) -> None:
    enterprise = EnterpriseFactory(nib=None, technique_kombinasi=True)

    items = {item.key: item for item in readiness(enterprise).items}

    assert {key: item.done for key, item in items.items()} == {
        "owner_nik": False,
        "npwp": False,
        "nib": False,
        "trademark": False,
        "test_tulis": False,
        "test_kombinasi": False,
    }
    assert items["owner_nik"].url == reverse("registry:member-create", args=[enterprise.pk])
    assert items["npwp"].url == reverse("registry:enterprise-edit", args=[enterprise.pk])
    assert (items["nib"].staff_only, items["npwp"].staff_only) == (True, False)
    assert items["trademark"].url == reverse("registry:facilitation-create", args=[enterprise.pk])
    assert items["test_tulis"].url == reverse("catalogue:product-create")  # no tulis product recorded yet


def test_one_technique_s_checklist_and_the_batikmark_held(enterprise: Enterprise) -> None:
    nearly_ready(enterprise)
    held = CertificationFactory(enterprise=enterprise, expires_on=timezone.localdate() + datetime.timedelta(days=9))

    tulis = readiness(enterprise, "tulis")

    assert [item.key for item in tulis.items] == ["owner_nik", "npwp", "nib", "trademark", "test_tulis"]
    assert (tulis.ready, tulis.batikmarks) == (True, [held])
    assert readiness(enterprise, "cap").batikmarks == []  # the tulis Batikmark does not cover cap


# --- the office's list ------------------------------------------------------------------------------------------
def test_the_list_holds_batik_enterprises_without_a_valid_batikmark_fewest_missing_first(
    staff: User, field: dict[str, Enterprise]
) -> None:
    rows = [(e.name, e.missing) for e in readiness_queryset(staff)]

    assert rows == [
        ("Batik Sekar Uji", 0),  # every prerequisite; its batik cap has not passed a self-check
        ("Batik Kedaluwarsa", 1),  # its Batikmark expired yesterday; no trademark (and no passing self-check)
        ("Batik Tanpa KTP", 1),  # the owner's NIK
        ("Batik Jauh", 3),  # no owner, NPWP or trademark (and no test)
    ]


def test_the_database_count_agrees_with_the_checklist(staff: User, field: dict[str, Enterprise]) -> None:
    listed = {e.pk: e.missing for e in readiness_queryset(staff)}

    assert listed == {pk: readiness(Enterprise.objects.get(pk=pk)).missing_count for pk in listed}
    assert set(listed) == {field[k].pk for k in ("nearly", "far", "no_owner_nik", "lapsed")}


def test_the_list_answers_in_one_query(
    staff: User, field: dict[str, Enterprise], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        list(readiness_queryset(staff))


def names(response: Any) -> list[str]:
    assert response.status_code == 200
    return [e.name for e in response.context["object_list"]]


def test_list_page_filters(staff: User, field: dict[str, Enterprise]) -> None:
    client = client_for(staff)
    url = reverse("certification:readiness-list")

    nearly = ["Batik Sekar Uji", "Batik Kedaluwarsa", "Batik Tanpa KTP"]
    assert names(client.get(url, {"nearly_ready": "true"})) == nearly
    assert names(client.get(url, {"missing": "trademark"})) == ["Batik Kedaluwarsa", "Batik Jauh"]
    assert names(client.get(url, {"missing": "owner_nik"})) == ["Batik Tanpa KTP", "Batik Jauh"]
    assert names(client.get(url, {"missing": "test_cap"})) == ["Batik Sekar Uji"]
    assert names(client.get(url, {"area": "35.76.03"})) == []
    assert names(client.get(url, {"ordering": "-missing"}))[0] == "Batik Jauh"


def test_staff_of_another_region_see_their_own_enterprises_only(field: dict[str, Enterprise]) -> None:
    from canting.core.testing import staff_user

    sidoarjo = staff_user("sidoarjo", area="35.15")

    assert names(client_for(sidoarjo).get(reverse("certification:readiness-list"))) == ["Batik Sidoarjo"]


def test_list_page_query_count_does_not_grow_with_rows(staff: User, django_assert_num_queries: Any) -> None:
    client = client_for(staff)
    url = reverse("certification:readiness-list")
    EnterpriseFactory.create_batch(2)
    client.get(url)
    with django_assert_num_queries(5):  # with the area filter's options, one query for the whole cascade
        client.get(url)
    for _ in range(20):
        e = EnterpriseFactory(technique_cap=True)
        MembershipFactory(enterprise=e)
        ReportFactory(batch__product=ProductFactory(enterprise=e))
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.context["total"] == 22


def test_list_exports_each_prerequisite(staff: User, field: dict[str, Enterprise]) -> None:
    response = client_for(staff).get(reverse("certification:readiness-list"), {"format": "xlsx"})

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Enterprise", "NIB", "Village", "District", "Missing")
    assert rows[1][0] == "Batik Sekar Uji"
    assert rows[1][4:] == (0, "yes", "yes", "yes", "yes", "yes", "missing", "not made")


def test_detail_page_for_the_enterprise_s_artisan(artisan: User, enterprise: Enterprise) -> None:
    failed = nearly_ready(enterprise)["failed"]
    Enterprise.objects.filter(pk=enterprise.pk).update(npwp="", nib=None)

    response = client_for(artisan).get(reverse("certification:readiness-detail", args=[enterprise.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 prerequisites are missing." in html
    assert [i.key for i in response.context["readiness"].missing] == ["npwp", "nib"]
    assert reverse("registry:enterprise-edit", args=[enterprise.pk]) in html  # an artisan fills in the NPWP
    assert html.count("Ask the office") == 1  # the NIB is the office's to record
    assert reverse("certification:report-detail", args=[failed.pk]) in html  # see what failed


def test_detail_page_of_another_enterprise_is_not_found(other_artisan: User, enterprise: Enterprise) -> None:
    url = reverse("certification:readiness-detail", args=[enterprise.pk])

    assert client_for(other_artisan).get(url).status_code == 404


# --- in a browser -----------------------------------------------------------------------------------------------
@pytest.fixture
def office(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """A nearly ready enterprise and a few certificates, made before the browser starts."""
    enterprise = EnterpriseFactory(name="Batik Sekar Maja", brand="Sekar Maja")
    MembershipFactory(enterprise=enterprise, person__full_name="Siti Rahayu")
    nearly_ready(enterprise)
    today = timezone.localdate()
    CertificationFactory(
        enterprise=enterprise, scheme="oekotex", number="25.HID.40917", issuer="Hohenstein",
        issued_on=today - datetime.timedelta(days=300), expires_on=today + datetime.timedelta(days=65),
    )  # fmt: skip
    other = EnterpriseFactory(name="Batik Tirta Wening")
    CertificationFactory(enterprise=other, number="BMI-0231", expires_on=today + datetime.timedelta(days=700))
    CertificationFactory(
        enterprise=other, number="BMI-0108", status="revoked", status_reason="Label dipalsukan.",
        expires_on=today + datetime.timedelta(days=200),
    )  # fmt: skip
    CertificationFactory(enterprise=EnterpriseFactory(name="Batik Lawas"), number="BMI-0044", expires_on=today)
    return {"enterprise": enterprise, "staff": make_user("rina", "staff")}


@pytest.mark.browser
def test_staff_read_the_checklist_and_the_certificate_list(
    office: dict[str, Any], live_server: Any, browser: Any
) -> None:
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = desk.new_page()
    sign_in(page, live_server.url, "rina", "correct horse battery")
    page.locator("form.lang-switch button[value=en]").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}{reverse('certification:readiness-detail', args=[office['enterprise'].pk])}")
    assert page.locator("h1").inner_text() == "Ready for Batikmark?"
    summary = "Every prerequisite is in place: the enterprise can apply to BBSPJIKB Yogyakarta."
    assert page.locator("[data-testid=summary]").inner_text() == summary
    assert page.locator("[data-done=no][data-self-check]").count() == 1  # the failed test of its own, optional
    shoot(page, "certification-readiness-detail-desktop")

    page.goto(f"{live_server.url}{reverse('certification:certification-list')}")
    assert page.locator("tbody tr").count() == 4
    assert page.locator("tbody tr").first.inner_text().startswith("Batik Lawas")  # soonest expiry first
    shoot(page, "certification-list-desktop")
    desk.close()
