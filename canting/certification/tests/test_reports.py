"""Test reports as staff record them: the report's facts, then one value per parameter of the standards that
apply to the piece; the list filters and exports; the detail shows each result against the limit as written."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.certification import models as m
from canting.certification.services import reports
from canting.certification.tests.factories import (
    BatchFactory,
    LaboratoryFactory,
    ParameterFactory,
    StandardFactory,
)
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def sni(db: Any) -> dict[str, Any]:
    """SNI 8302 for tulis and SNI 8303 for cap, each with two parameters, and the azo-amine limit for any cloth."""
    tulis = StandardFactory(code="SNI 8302", title="Kain batik tulis")
    cap = StandardFactory(code="SNI 8303", title="Kain batik cap")
    azo = StandardFactory(code="REACH XVII-43", edition="2009", title="Azo colourants")
    return {
        "washing": ParameterFactory(
            standard=tulis, name_ind="Pencucian", name_en="Washing", techniques=["tulis"], position=1
        ),
        "shrinkage": ParameterFactory(
            standard=tulis,
            name_ind="Mengkeret",
            name_en="Shrinkage",
            unit="%",
            comparator="lte",
            limit=Decimal(3),
            techniques=["tulis"],
            position=2,
        ),
        "cap_washing": ParameterFactory(standard=cap, name_ind="Pencucian", name_en="Washing", techniques=["cap"]),
        "azo": ParameterFactory(
            standard=azo,
            name_ind="Amina aromatik",
            name_en="Aromatic amines",
            unit="mg/kg",
            comparator="lte",
            limit=Decimal(30),
            techniques=[],
        ),
        "tulis": tulis,
        "azo_standard": azo,
    }


def empty_report(enterprise: Any, **extra: Any) -> m.TestReport:
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise))
    return ReportFactory(**{"batch": batch, "computed_verdict": "incomplete", "verdict": "incomplete", **extra})


def test_a_report_opened_from_a_batch_starts_with_its_product(staff: User, enterprise: Any) -> None:
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise))

    form = client_for(staff).get(reverse("certification:report-create"), {"batch": batch.pk}).context["form"]

    assert (form.initial["batch"], form.initial["product"]) == (batch.pk, batch.product_id)


SEPT_1 = datetime.date(2026, 9, 1)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ("other batch", {"batch": ["This batch is of another product."]}),
        ({"issued_on": SEPT_1}, {"issued_on": ["A report cannot be issued before its sample was taken."]}),
        ({"received_on": SEPT_1}, {"received_on": ["The laboratory cannot receive the sample before it was taken."]}),
    ],
)
def test_a_report_that_contradicts_itself_is_refused(staff: User, enterprise: Any, changes: Any, errors: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    data: dict[str, Any] = {
        "product": product,
        "laboratory": LaboratoryFactory(),
        "number": "LHU-1",
        "sampled_on": datetime.date(2026, 9, 10),
        "sampled_by": "Petugas",
        "issued_on": datetime.date(2026, 10, 1),
    }
    if changes == "other batch":
        data["batch"] = BatchFactory(product=ProductFactory(enterprise=enterprise))
    else:
        data.update(changes)

    with pytest.raises(ValidationError) as refused:
        reports.create_report(actor=staff, data=data)

    assert refused.value.message_dict == errors
    assert m.TestReport.objects.count() == 0


def test_a_report_number_is_recorded_once_per_laboratory(staff: User, enterprise: Any) -> None:
    report = empty_report(enterprise, number="LHU-9/2026")
    with pytest.raises(ValidationError) as refused:
        reports.create_report(
            actor=staff,
            data={"product": report.product, "laboratory": report.laboratory, "number": " LHU-9/2026 ",
                  "sampled_on": datetime.date(2026, 9, 1), "sampled_by": "x", "issued_on": datetime.date(2026, 9, 2)},
        )  # fmt: skip
    assert refused.value.messages == ["This laboratory's report with this number is already recorded."]


def test_the_results_page_offers_the_standards_for_the_pieces_technique(
    staff: User, enterprise: Any, sni: dict[str, Any]
) -> None:
    report = empty_report(enterprise)
    url = reverse("certification:report-results", args=[report.pk])
    client = client_for(staff)

    page = client.get(url)
    assert [s.code for s in page.context["chosen"]] == ["SNI 8302"]
    assert list(page.context["form"].fields) == [
        reports.result_key(sni["washing"]),
        reports.result_key(sni["shrinkage"]),
    ]
    offered = {s.code: (applicable, selected) for s, applicable, selected in page.context["offered"]}
    assert offered == {"REACH XVII-43": (1, False), "SNI 8302": (2, True), "SNI 8303": (0, False)}

    with_azo = client.get(url, {"standard": [sni["tulis"].pk, sni["azo_standard"].pk]})
    assert [s.code for s in with_azo.context["chosen"]] == ["REACH XVII-43", "SNI 8302"]
    assert reports.result_key(sni["azo"]) in with_azo.context["form"].fields


def test_staff_enter_results_with_a_decimal_comma_and_see_the_verdict(
    staff: User, artisan: User, enterprise: Any, sni: dict[str, Any]
) -> None:
    report = empty_report(enterprise)
    url = reverse("certification:report-results", args=[report.pk])
    standards = [sni["tulis"].pk, sni["azo_standard"].pk]

    response = client_for(staff).post(
        url,
        {
            "standard": standards,
            reports.result_key(sni["washing"]): "4,5",
            reports.result_key(sni["shrinkage"]): "3.2",
            reports.result_key(sni["azo"]): "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("certification:report-detail", args=[report.pk])
    report.refresh_from_db()
    assert report.verdict == "fail"
    assert sorted(report.results.values_list("parameter_name_ind", "parameter_name_en", "value", "passed")) == [
        ("Mengkeret", "Shrinkage", Decimal("3.2"), False),
        ("Pencucian", "Washing", Decimal("4.5"), True),
    ]
    detail = client_for(artisan).get(reverse("certification:report-detail", args=[report.pk])).content.decode()
    assert "≤ 3 %" in detail and "3.2" in detail and "4.5" in detail
    assert "Enter results" not in detail  # artisans read, staff write

    # Emptying a value removes that result; the report is judged on what remains
    client_for(staff).post(
        url,
        {"standard": standards, reports.result_key(sni["washing"]): "4.5", reports.result_key(sni["shrinkage"]): ""},
    )
    report.refresh_from_db()
    assert (report.verdict, report.results.count()) == ("pass", 1)


def test_a_value_that_is_not_a_number_is_refused_beside_its_field(
    staff: User, enterprise: Any, sni: dict[str, Any]
) -> None:
    report = empty_report(enterprise)
    response = client_for(staff).post(
        reverse("certification:report-results", args=[report.pk]),
        {reports.result_key(sni["washing"]): "4.5", reports.result_key(sni["shrinkage"]): "1,000,5"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [reports.result_key(sni["shrinkage"])]
    assert report.results.count() == 0


def test_a_report_is_corrected_with_an_audit_trail(staff: User, enterprise: Any) -> None:
    report = empty_report(enterprise, number="LHU-1")
    reports.update_report(report, actor=staff, changes={"number": "LHU-1/REV", "notes": "Nomor dikoreksi."})
    report.refresh_from_db()
    assert report.number == "LHU-1/REV"
    assert AuditEvent.objects.get(action="certification.report.changed").changes["number"] == ["LHU-1", "LHU-1/REV"]


def test_the_report_list_filters_and_exports(staff: User, enterprise: Any, other_enterprise: Any) -> None:
    textile = LaboratoryFactory(name="Balai Besar Tekstil", short_name="BBT")
    empty_report(enterprise, number="A-1", issued_on=datetime.date(2026, 1, 10), verdict="pass")
    empty_report(enterprise, number="A-2", issued_on=datetime.date(2026, 5, 10), verdict="fail", laboratory=textile)
    empty_report(other_enterprise, number="B-1", issued_on=datetime.date(2026, 8, 10))
    client = client_for(staff)

    def numbers(**params: Any) -> list[str]:
        return [r.number for r in client.get(reverse("certification:report-list"), params).context["object_list"]]

    assert numbers() == ["B-1", "A-2", "A-1"]
    assert numbers(verdict="fail") == ["A-2"]
    assert numbers(laboratory=textile.pk) == ["A-2"]
    assert numbers(enterprise=other_enterprise.pk) == ["B-1"]
    assert numbers(issued_after="2026-02-01", issued_before="2026-06-01") == ["A-2"]
    assert numbers(ordering="number") == ["A-1", "A-2", "B-1"]

    export = client.get(reverse("certification:report-list"), {"verdict": "pass", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["Report number", "A-1"]


def test_the_detail_names_who_set_the_verdict_by_hand(staff: User, artisan: User, enterprise: Any) -> None:
    report = empty_report(enterprise)
    reports.override_verdict(report, actor=staff, verdict="fail", reason="Sampel tidak sesuai label.")

    page = client_for(artisan).get(reverse("certification:report-detail", args=[report.pk])).content.decode()

    assert "Verdict set to Fail by Rina on" in page
    assert "Sampel tidak sesuai label." in page


def test_a_report_without_a_pdf_has_no_document(staff: User, enterprise: Any) -> None:
    report = empty_report(enterprise)
    assert client_for(staff).get(reverse("certification:report-document", args=[report.pk])).status_code == 404
