"""The quality and certification API under /api/v1/: who reads what, who writes, writes through the services, and
query counts of the lists."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Batch, Certification
from canting.certification.tests.factories import (
    BatchFactory,
    CertificationFactory,
    LabelRunFactory,
    ParameterFactory,
    StandardFactory,
)
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.certification.tests.factories import TestResultFactory as ResultFactory
from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise

pytestmark = pytest.mark.django_db

LISTS = ("api-standard-list", "api-batch-list", "api-test-report-list", "api-certification-list", "api-label-run-list")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def client_for(user: User | None) -> APIClient:
    client = APIClient(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def records(enterprise: Enterprise, other_enterprise: Enterprise) -> dict[str, Any]:
    """One of each, for ``enterprise`` and for the other enterprise."""
    ours, theirs = ProductFactory(enterprise=enterprise), ProductFactory(enterprise=other_enterprise)
    made: dict[str, Any] = {"standard": ParameterFactory().standard, "product": ours}
    for side, product in (("ours", ours), ("theirs", theirs)):
        batch = BatchFactory(product=product, code=f"B-{side}")
        run = LabelRunFactory(batch=batch, count=2)
        made[side] = {
            "batch": batch,
            "report": ReportFactory(batch=batch, number=f"LHU-{side}"),
            "certification": CertificationFactory(enterprise=product.enterprise, number=f"BMI-{side}"),
            "label_run": run,
            "label": run.labels.first(),
        }
    return made


DETAIL = {
    "batch": "api-batch-detail",
    "report": "api-test-report-detail",
    "certification": "api-certification-detail",
    "label_run": "api-label-run-detail",
    "label": "api-label-detail",
}


def test_an_artisan_reads_their_own_and_gets_404_for_another_enterprise_s(
    artisan: User, records: dict[str, Any]
) -> None:
    client = client_for(artisan)

    for key, route in DETAIL.items():
        assert client.get(reverse(route, args=[records["ours"][key].pk])).status_code == 200, key
        assert client.get(reverse(route, args=[records["theirs"][key].pk])).status_code == 404, key
    assert [b["code"] for b in client.get(reverse("api-batch-list")).json()["results"]] == ["B-ours"]
    assert [r["number"] for r in client.get(reverse("api-test-report-list")).json()["results"]] == ["LHU-ours"]
    assert [c["number"] for c in client.get(reverse("api-certification-list")).json()["results"]] == ["BMI-ours"]
    assert client.get(reverse("api-label-run-list")).json()["count"] == 1
    assert client.get(reverse("api-label-list")).json()["count"] == 2


def test_staff_read_every_enterprise_of_their_area(staff: User, records: dict[str, Any]) -> None:
    body = client_for(staff).get(reverse("api-certification-list"), {"ordering": "number"}).json()

    assert [c["number"] for c in body["results"]] == ["BMI-ours", "BMI-theirs"]


def test_visitors_are_refused_and_assessors_read_only_standards(assessor: User, records: dict[str, Any]) -> None:
    answers = {
        route: (client_for(None).get(reverse(route)).status_code, client_for(assessor).get(reverse(route)).status_code)
        for route in (*LISTS, "api-label-list")
    }

    assert answers == {route: (403, 200 if route == "api-standard-list" else 403) for route in answers}


def test_standards_carry_their_parameters_and_only_staff_write(
    staff: User, artisan: User, records: dict[str, Any]
) -> None:
    standard = records["standard"]
    body = client_for(artisan).get(reverse("api-standard-detail", args=[standard.pk])).json()
    parameter = standard.parameters.get()
    assert [(p["name"], p["name_ind"], p["name_en"], p["limit_text"]) for p in body["parameters"]] == [
        (parameter.name_en, parameter.name_ind, parameter.name_en, "≥ 4 grade")
    ]
    indonesian = APIClient(headers={"Accept-Language": "id"})
    indonesian.force_authenticate(artisan)
    body = indonesian.get(reverse("api-standard-detail", args=[standard.pk])).json()
    assert [p["name"] for p in body["parameters"]] == [parameter.name_ind]

    new = {"code": "SNI 8303", "title": "Batik cap", "edition": "2016", "source": "BSN"}
    assert client_for(artisan).post(reverse("api-standard-list"), new, format="json").status_code == 403
    response = client_for(staff).post(reverse("api-standard-list"), new, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["parameters"] == []
    assert AuditEvent.objects.filter(action="certification.standard.created").count() == 1


def test_an_artisan_records_a_batch_of_their_own_product(artisan: User, records: dict[str, Any]) -> None:
    data = {
        "product": records["product"].pk,
        "code": "B-0100",
        "quantity": 30,
        "started_on": "2026-10-01",
        "dye_classes": ["natural"],
        "mordant": "alum",
    }

    response = client_for(artisan).post(reverse("api-batch-list"), data, format="json")

    assert response.status_code == 201, response.content
    batch = Batch.objects.get(code="B-0100")
    assert (batch.enterprise_id, response.json()["enterprise"]) == (records["product"].enterprise_id,) * 2


def test_a_batch_of_another_enterprise_s_product_is_refused(artisan: User, records: dict[str, Any]) -> None:
    theirs = records["theirs"]["batch"].product
    data = {"product": theirs.pk, "code": "B-0101", "quantity": 3, "started_on": "2026-10-01"}

    response = client_for(artisan).post(reverse("api-batch-list"), data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["product"]
    assert not Batch.objects.filter(code="B-0101").exists()


def test_a_batch_change_goes_through_the_service(artisan: User, records: dict[str, Any]) -> None:
    batch = records["ours"]["batch"]

    response = client_for(artisan).patch(reverse("api-batch-detail", args=[batch.pk]), {"quantity": 55}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["quantity"] == 55
    assert AuditEvent.objects.filter(action="certification.batch.changed", object_id=str(batch.pk)).exists()


def test_test_reports_are_read_only(staff: User, records: dict[str, Any]) -> None:
    report = records["ours"]["report"]
    client = client_for(staff)

    assert client.post(reverse("api-test-report-list"), {}, format="json").status_code == 405
    assert client.patch(reverse("api-test-report-detail", args=[report.pk]), {}, format="json").status_code == 405
    body = client.get(reverse("api-test-report-detail", args=[report.pk])).json()
    assert (body["number"], body["verdict"], body["laboratory"]["short_name"]) == ("LHU-ours", "pass", "BBSPJIKB")


def test_a_result_gives_its_parameter_name_in_the_request_s_language_and_in_each(
    staff: User, records: dict[str, Any]
) -> None:
    report = records["ours"]["report"]
    parameter = ParameterFactory(name_ind="Lebar kain", name_en="Fabric width")
    ResultFactory(report=report, parameter=parameter)
    ResultFactory(report=report, parameter=ParameterFactory(name_ind="Panjang kain", name_en=None))
    url = reverse("api-test-report-detail", args=[report.pk])

    names = {}
    for language in ("en", "id"):
        client = APIClient(headers={"Accept-Language": language})
        client.force_authenticate(staff)
        names[language] = [
            (r["parameter_name"], r["parameter_name_ind"], r["parameter_name_en"])
            for r in client.get(url).json()["results"]
        ]

    assert names == {
        "en": [("Fabric width", "Lebar kain", "Fabric width"), ("Panjang kain", "Panjang kain", None)],
        "id": [("Lebar kain", "Lebar kain", "Fabric width"), ("Panjang kain", "Panjang kain", None)],
    }


@pytest.mark.on_day(2026, 12, 7)  # the factories' certificates are valid on that day
def test_staff_record_a_certificate_through_the_service(staff: User, records: dict[str, Any]) -> None:
    product = records["product"]
    data = {
        "enterprise": product.enterprise_id,
        "scheme": "batikmark_tulis",
        "number": "BMI-0500",
        "issuer": "BBSPJIKB Yogyakarta",
        "issued_on": "2025-03-01",
        "products": [product.pk],
        "test_reports": [records["ours"]["report"].pk],
    }

    response = client_for(staff).post(reverse("api-certification-list"), data, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["expires_on"], body["status"], body["products"]) == ("2028-03-01", "active", [product.pk])
    assert AuditEvent.objects.filter(action="certification.certification.created").count() == 1


def test_an_artisan_may_not_write_certificates(artisan: User, records: dict[str, Any]) -> None:
    cert = records["ours"]["certification"]
    client = client_for(artisan)

    assert client.post(reverse("api-certification-list"), {}, format="json").status_code == 403
    response = client.patch(reverse("api-certification-detail", args=[cert.pk]), {"issuer": "X"}, format="json")
    assert response.status_code == 403
    cert.refresh_from_db()
    assert cert.issuer == "BBSPJIKB Yogyakarta"


def test_a_service_refusal_is_a_400_naming_the_field(staff: User, records: dict[str, Any]) -> None:
    data = {
        "enterprise": records["product"].enterprise_id,
        "scheme": "batikmark_tulis",
        "number": "BMI-theirs",  # already recorded for the other enterprise
        "issuer": "BBSPJIKB Yogyakarta",
        "issued_on": "2025-03-01",
        "products": [records["theirs"]["batch"].product_id],
    }

    response = client_for(staff).post(reverse("api-certification-list"), data, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "number": ["Batikmark, batik tulis number BMI-theirs is already recorded for Batik Lain."],
    }
    assert Certification.objects.count() == 2


def test_status_changes_need_a_reason_and_are_audited(staff: User, records: dict[str, Any]) -> None:
    cert = records["ours"]["certification"]
    Certification.objects.filter(pk=cert.pk).update(expires_on=timezone.localdate() + datetime.timedelta(days=300))
    url = reverse("api-certification-detail", args=[cert.pk])
    client = client_for(staff)

    refused = client.patch(url, {"change_status": "suspended"}, format="json")
    assert (refused.status_code, list(refused.json())) == (400, ["reason"])
    cert.refresh_from_db()
    assert cert.status == "active"

    response = client.patch(url, {"change_status": "suspended", "reason": "Menunggu pengawasan."}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["status_reason"]) == ("suspended", "Menunggu pengawasan.")
    assert AuditEvent.objects.filter(action="certification.certification.suspended").count() == 1


def test_the_enterprise_of_a_certificate_cannot_change(staff: User, records: dict[str, Any]) -> None:
    cert = records["ours"]["certification"]
    other = records["theirs"]["certification"].enterprise_id

    response = client_for(staff).patch(
        reverse("api-certification-detail", args=[cert.pk]), {"enterprise": other}, format="json"
    )

    assert (response.status_code, list(response.json())) == (400, ["enterprise"])


@pytest.mark.parametrize(
    ("route", "queries"),
    [
        ("api-standard-list", 3),  # count, page, parameters
        ("api-batch-list", 2),  # count, page with product and enterprise joined
        ("api-test-report-list", 3),  # count, page, results
        ("api-certification-list", 4),  # count, page, products, reports
        ("api-label-run-list", 2),
        ("api-label-list", 2),
    ],
)
def test_list_query_counts_do_not_grow_with_rows(
    staff: User, enterprise: Enterprise, django_assert_num_queries: Any, route: str, queries: int
) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            product = ProductFactory(enterprise=enterprise)
            batch = BatchFactory(product=product)
            ReportFactory(batch=batch)
            CertificationFactory(enterprise=enterprise).products.set([product])
            LabelRunFactory(batch=batch, count=1)
            ParameterFactory(standard=StandardFactory())

    client = client_for(staff)
    add(2)
    with django_assert_num_queries(queries):
        assert client.get(reverse(route)).status_code == 200
    add(8)
    with django_assert_num_queries(queries):
        assert len(client.get(reverse(route)).json()["results"]) == 10


def test_a_report_without_a_staff_verdict_answers_blank_as_the_schema_allows(
    staff: User, enterprise: Enterprise
) -> None:
    """The schema offered only pass and fail, and a client validating against it refused every report that staff
    had not overruled."""
    import yaml

    from canting.core.tests.test_openapi import COMMITTED

    report = ReportFactory(batch=BatchFactory(product=ProductFactory(enterprise=enterprise)))

    body = client_for(staff).get(reverse("api-test-report-detail", args=[report.pk])).json()

    assert body["override_verdict"] == ""
    schema = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    allowed = schema["components"]["schemas"]["TestReport"]["properties"]["override_verdict"]["oneOf"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in allowed
