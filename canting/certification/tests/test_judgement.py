"""Judging laboratory results: each comparator at, inside and outside its limit; old verdicts that outlive an
amended limit; the staff verdict and its reason; who may see and record reports; the laboratory's PDF."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from canting.catalogue.tests.factories import ProductFactory
from canting.certification import models as m
from canting.certification.services import reports, standards
from canting.certification.tests.factories import (
    BatchFactory,
    LaboratoryFactory,
    ParameterFactory,
    StandardFactory,
)
from canting.certification.tests.factories import (
    TestReportFactory as ReportFactory,
)
from canting.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    return client


def fresh_report(enterprise: Any) -> m.TestReport:
    """A report with no results yet, on a batik tulis piece of ``enterprise``."""
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise))
    return ReportFactory(batch=batch, computed_verdict=m.Verdict.INCOMPLETE, verdict=m.Verdict.INCOMPLETE)


# (comparator, limit, upper limit, measured value, passes) — the written rule decides the value at the limit.
CASES = [
    ("lte", "3", None, "2.999", True),  # at most: just inside
    ("lte", "3", None, "3", True),  # at most: the limit itself passes
    ("lte", "3", None, "3.001", False),
    ("lt", "30", None, "29.999", True),  # below: just inside
    ("lt", "30", None, "30", False),  # below: the limit itself fails
    ("lt", "30", None, "30.001", False),
    ("gte", "4", None, "4.001", True),  # at least: just inside
    ("gte", "4", None, "4", True),  # at least: the limit itself passes
    ("gte", "4", None, "3.999", False),
    ("gt", "4", None, "4.001", True),  # above: just inside
    ("gt", "4", None, "4", False),  # above: the limit itself fails
    ("gt", "4", None, "3.999", False),
    ("between", "105", "115", "110", True),  # between: inside
    ("between", "105", "115", "105", True),  # between: the lower end passes
    ("between", "105", "115", "115", True),  # between: the upper end passes
    ("between", "105", "115", "104.999", False),
    ("between", "105", "115", "115.001", False),
]


@pytest.mark.parametrize(("comparator", "limit", "upper", "value", "passes"), CASES)
def test_each_comparator_is_judged_by_its_written_rule(
    staff: User, enterprise: Any, comparator: str, limit: str, upper: str | None, value: str, passes: bool
) -> None:
    parameter = ParameterFactory(
        comparator=comparator, limit=Decimal(limit), upper_limit=Decimal(upper) if upper else None, unit="%"
    )
    report = fresh_report(enterprise)

    report = reports.record_results(report, actor=staff, values={parameter: Decimal(value)})

    result = report.results.get()
    assert result.passed is passes
    assert (result.comparator, result.limit, result.upper_limit) == (
        comparator,
        Decimal(limit),
        Decimal(upper) if upper else None,
    )
    assert report.computed_verdict == report.verdict == ("pass" if passes else "fail")


def test_a_report_passes_only_when_every_result_passes_and_is_incomplete_without_results(
    staff: User, enterprise: Any
) -> None:
    washing = ParameterFactory(name_ind="Pencucian", name_en="Washing", comparator="gte", limit=Decimal(4))
    shrinkage = ParameterFactory(
        standard=washing.standard, name_ind="Mengkeret", name_en="Shrinkage", comparator="lte", limit=Decimal(3)
    )
    report = fresh_report(enterprise)

    report = reports.record_results(report, actor=staff, values={washing: Decimal("4.5"), shrinkage: Decimal("3.5")})
    assert (report.computed_verdict, report.verdict) == ("fail", "fail")

    report = reports.record_results(report, actor=staff, values={shrinkage: Decimal("2")})
    assert (report.computed_verdict, report.verdict) == ("pass", "pass")

    report = reports.record_results(report, actor=staff, values={washing: None, shrinkage: None})
    assert (report.computed_verdict, report.verdict) == ("incomplete", "incomplete")
    assert report.results.count() == 0


def test_an_amended_limit_never_changes_an_old_verdict(staff: User, enterprise: Any) -> None:
    # Given a report judged against "at least grade 4" in the 2016 edition
    standard = StandardFactory(code="SNI 8302", edition="2016")
    parameter = ParameterFactory(
        standard=standard, name_ind="Pencucian", name_en="Washing", comparator="gte", limit=Decimal(4)
    )
    report = reports.record_results(fresh_report(enterprise), actor=staff, values={parameter: Decimal("4")})
    assert report.verdict == "pass"

    # When the limit is raised to 4.5 and the edition amended
    standards.save_parameter(actor=staff, standard=standard, parameter=parameter, data={"limit": Decimal("4.5")})
    standards.save_standard(actor=staff, standard=standard, data={"edition": "2016, Amd 1:2019"})
    # and the results page is saved again with the same value
    report = reports.record_results(report, actor=staff, values={parameter: Decimal("4.000")})

    # Then the old result keeps the limit and edition it was judged by, and its verdict
    result = report.results.get()
    assert (result.passed, result.limit, result.standard_edition, result.limit_text) == (
        True,
        Decimal(4),
        "2016",
        "≥ 4 grade",
    )
    report.refresh_from_db()
    assert report.verdict == "pass"
    page = client_for(staff).get(reverse("certification:report-detail", args=[report.pk]))
    assert "≥ 4 grade" in page.content.decode()

    # And a value entered anew is judged against the limit in force now, recording the new edition
    report = reports.record_results(report, actor=staff, values={parameter: Decimal("4.25")})
    result = report.results.get()
    assert (result.passed, result.limit, result.standard_edition) == (False, Decimal("4.5"), "2016, Amd 1:2019")
    assert report.verdict == "fail"


def test_a_result_keeps_both_names_of_its_parameter_as_they_were_when_judged(staff: User, enterprise: Any) -> None:
    # Given a result judged against a parameter named in both languages
    parameter = ParameterFactory(
        name_ind="Ketahanan luntur warna terhadap pencucian",
        name_en="Colour fastness to washing",
        comparator="gte",
        limit=Decimal(4),
    )
    report = reports.record_results(fresh_report(enterprise), actor=staff, values={parameter: Decimal("4.5")})

    # When the parameter is renamed in both languages
    standards.save_parameter(
        actor=staff,
        standard=parameter.standard,
        parameter=parameter,
        data={"name_ind": "Perubahan warna setelah pencucian", "name_en": "Colour change after washing"},
    )

    # Then the parameter has its new names and the result keeps the old ones, in each language
    parameter.refresh_from_db()
    assert (parameter.name_ind, parameter.name_en) == (
        "Perubahan warna setelah pencucian",
        "Colour change after washing",
    )
    result = report.results.get()
    assert (result.parameter_name_ind, result.parameter_name_en) == (
        "Ketahanan luntur warna terhadap pencucian",
        "Colour fastness to washing",
    )
    url = reverse("certification:report-detail", args=[report.pk])
    english = client_for(staff).get(url).content.decode()
    assert "Colour fastness to washing" in english
    assert "Colour change after washing" not in english
    indonesian = client_for(staff)
    indonesian.cookies[conf.LANGUAGE_COOKIE_NAME] = "id"
    page = indonesian.get(url).content.decode()
    assert "Ketahanan luntur warna terhadap pencucian" in page
    assert "Colour fastness to washing" not in page
    assert "Perubahan warna setelah pencucian" not in page


def test_results_are_all_or_nothing(staff: User, enterprise: Any) -> None:
    tulis_only = ParameterFactory(name_ind="Hanya tulis", name_en="Tulis only", techniques=["tulis"])
    cap_only = ParameterFactory(
        standard=tulis_only.standard, name_ind="Hanya cap", name_en="Cap only", techniques=["cap"]
    )
    report = fresh_report(enterprise)

    with pytest.raises(ValidationError) as refused:
        reports.record_results(report, actor=staff, values={tulis_only: Decimal(5), cap_only: Decimal(5)})

    assert refused.value.message_dict == {
        reports.result_key(cap_only): ["This parameter does not apply to the product's technique."]
    }
    assert report.results.count() == 0
    assert not AuditEvent.objects.filter(action="certification.report.results_recorded").exists()


def test_results_are_judged_only_against_a_standard_in_force(staff: User, enterprise: Any) -> None:
    parameter = ParameterFactory(standard=StandardFactory(status=m.StandardStatus.WITHDRAWN))
    report = fresh_report(enterprise)

    with pytest.raises(ValidationError) as refused:
        reports.record_results(report, actor=staff, values={parameter: Decimal(5)})

    assert "not in force" in refused.value.message_dict[reports.result_key(parameter)][0]
    assert report.results.count() == 0


def test_recording_results_is_audited_with_each_value_and_the_verdict(staff: User, enterprise: Any) -> None:
    parameter = ParameterFactory(
        standard=StandardFactory(code="SNI 8302", edition="2016"), name_ind="Pencucian", name_en="Washing"
    )
    report = fresh_report(enterprise)

    reports.record_results(report, actor=staff, values={parameter: Decimal("3.5")})

    event = AuditEvent.objects.get(action="certification.report.results_recorded")
    assert event.actor == staff
    assert event.changes == {
        "SNI 8302:2016 · Pencucian": [None, "3.5 (Fail), ≥ 4 grade"],
        "computed_verdict": ["incomplete", "fail"],
        "verdict": ["incomplete", "fail"],
    }


def test_a_staff_verdict_needs_a_written_reason_and_is_audited(staff: User, enterprise: Any) -> None:
    parameter = ParameterFactory(comparator="gte", limit=Decimal(4))
    report = reports.record_results(fresh_report(enterprise), actor=staff, values={parameter: Decimal("3.5")})
    assert report.verdict == "fail"

    # Without a reason: refused, nothing changes
    with pytest.raises(ValidationError) as refused:
        reports.override_verdict(report, actor=staff, verdict="pass", reason="   ")
    assert refused.value.message_dict == {"reason": ["Write why the verdict is set by hand."]}
    report.refresh_from_db()
    assert (report.verdict, report.override_verdict, report.override_reason, report.overridden_by) == (
        "fail",
        "",
        "",
        None,
    )
    assert not AuditEvent.objects.filter(action__startswith="certification.report.verdict").exists()

    # With one: the verdict follows the staff, the results' own verdict stays beside it, and it is audited
    reason = "The laboratory's retest of the same sample gives grade 4 (LHU 12/2026)."
    report = reports.override_verdict(report, actor=staff, verdict="pass", reason=reason)
    assert (report.verdict, report.computed_verdict, report.override_reason, report.overridden_by) == (
        "pass",
        "fail",
        reason,
        staff,
    )
    event = AuditEvent.objects.get(action="certification.report.verdict_overridden")
    assert (event.actor, event.note) == (staff, reason)
    assert event.changes["verdict"] == ["fail", "pass"]

    # Cleared (also with a reason): the results decide again
    report = reports.override_verdict(report, actor=staff, verdict="", reason="Retest withdrawn.")
    assert (report.verdict, report.override_verdict, report.overridden_by) == ("fail", "", None)
    assert AuditEvent.objects.filter(action="certification.report.verdict_override_cleared").count() == 1


def test_the_override_page_refuses_a_missing_reason_beside_the_field(staff: User, enterprise: Any) -> None:
    report = fresh_report(enterprise)
    response = client_for(staff).post(
        reverse("certification:report-override", args=[report.pk]), {"verdict": "pass", "reason": ""}
    )
    assert response.status_code == 200
    assert response.context["override_form"].errors == {"reason": ["This field is required."]}
    report.refresh_from_db()
    assert report.override_verdict == ""


def test_an_artisan_cannot_see_another_enterprises_reports_nor_record_any(
    artisan: User, other_artisan: User, enterprise: Any
) -> None:
    report = fresh_report(enterprise)
    product = report.product
    laboratory = report.laboratory

    assert client_for(artisan).get(reverse("certification:report-detail", args=[report.pk])).status_code == 200
    assert client_for(other_artisan).get(reverse("certification:report-detail", args=[report.pk])).status_code == 404
    listed = client_for(other_artisan).get(reverse("certification:report-list"))
    assert list(listed.context["object_list"]) == []
    response = client_for(artisan).post(
        reverse("certification:report-create"),
        {
            "product": product.pk,
            "laboratory": laboratory.pk,
            "number": "LHU-OWN/2026",
            "sampled_on": "2026-09-01",
            "sampled_by": "Saya sendiri",
            "issued_on": "2026-09-20",
        },
    )
    assert response.status_code == 403
    assert m.TestReport.objects.count() == 1
    with pytest.raises(ValidationError):
        reports.create_report(actor=artisan, data={"product": product, "laboratory": laboratory, "number": "X"})


def report_form_data(product: Any, laboratory: Any, **extra: Any) -> dict[str, Any]:
    return {
        "product": product.pk,
        "laboratory": laboratory.pk,
        "number": "LHU-0042/BBSPJIKB/2026",
        "sampled_on": "2026-09-22",
        "sampled_by": "Petugas BBSPJIKB",
        "issued_on": "2026-10-15",
        **extra,
    }


def test_an_upload_that_is_not_a_pdf_is_refused_and_nothing_is_saved(
    staff: User, enterprise: Any, settings: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    laboratory = LaboratoryFactory()
    photo = SimpleUploadedFile("lhu.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 200, content_type="application/pdf")

    response = client_for(staff).post(
        reverse("certification:report-create"), report_form_data(product, laboratory, document=photo)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "document": ["This file is not a PDF. Upload the laboratory's report as the PDF it sent."]
    }
    assert m.TestReport.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "certification").exists()
    assert not AuditEvent.objects.filter(action="certification.report.created").exists()


def test_a_pdf_over_ten_megabytes_is_refused(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    big = SimpleUploadedFile("lhu.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        reports.create_report(
            actor=staff,
            data={
                "product": product,
                "laboratory": LaboratoryFactory(),
                "number": "LHU-BIG",
                "sampled_on": "2026-09-22",
                "sampled_by": "Petugas",
                "issued_on": "2026-10-15",
                "document": big,
            },
        )

    assert list(refused.value.message_dict) == ["document"]
    assert m.TestReport.objects.count() == 0


def test_a_real_pdf_is_stored_and_served_only_to_those_who_see_the_report(
    staff: User, artisan: User, other_artisan: User, enterprise: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    pdf = SimpleUploadedFile("lhu.pdf", b"%PDF-1.4\n% laporan hasil uji\n", content_type="application/pdf")

    response = client_for(staff).post(
        reverse("certification:report-create"), report_form_data(product, LaboratoryFactory(), document=pdf)
    )

    report = m.TestReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certification:report-results", args=[report.pk])
    assert report.enterprise == enterprise
    url = reverse("certification:report-document", args=[report.pk])
    download = client_for(artisan).get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")  # type: ignore[attr-defined]
    assert client_for(other_artisan).get(url).status_code == 404


def test_the_report_list_query_count_does_not_grow_with_rows(
    staff: User, enterprise: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(staff)
    for _ in range(2):
        fresh_report(enterprise)
    client.get(reverse("certification:report-list"))  # warm the session and the user
    with django_assert_num_queries(5):
        client.get(reverse("certification:report-list"))
    for _ in range(20):
        fresh_report(enterprise)
    with django_assert_num_queries(5):
        response = client.get(reverse("certification:report-list"))
    assert response.context["total"] == 22
