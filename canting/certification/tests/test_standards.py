"""Standards as data: staff record them and their parameters on one page, every signed-in role reads them, and a
parameter that has judged results is never deleted. Laboratories are kept by staff."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Laboratory, Parameter, Standard
from canting.certification.services import reports, standards
from canting.certification.tests.factories import BatchFactory, LaboratoryFactory, ParameterFactory, StandardFactory
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


WASHING = {
    "name_ind": "Ketahanan luntur warna terhadap pencucian",
    "name_en": "Colour fastness to washing",
    "unit": "grade",
    "test_method": "SNI ISO 105-C06",
    "comparator": "gte",
    "limit": Decimal(4),
    "upper_limit": None,
    "techniques": ["tulis"],
    "limit_checked": False,
    "position": 1,
}


def test_staff_record_a_standard_and_its_parameters_with_an_audit_trail(staff: User) -> None:
    standard = standards.save_standard(
        actor=staff,
        data={"code": "SNI 8302", "title": "Kain batik tulis", "edition": "2016, Amd 1:2019", "source": "BSN"},
    )
    parameter = standards.save_parameter(
        actor=staff, standard=standard, data={**WASHING, "techniques": ["tulis", "tulis"]}
    )

    assert str(standard) == "SNI 8302:2016, Amd 1:2019"
    assert (parameter.techniques, parameter.limit_text) == (["tulis"], "≥ 4 grade")
    assert list(AuditEvent.objects.order_by("id").values_list("action", "actor")) == [
        ("certification.standard.created", staff.pk),
        ("certification.parameter.created", staff.pk),
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"comparator": "between"}, {"upper_limit": ["A range needs an upper limit."]}),
        (
            {"comparator": "between", "limit": Decimal(115), "upper_limit": Decimal(105)},
            {"upper_limit": ["The upper limit must not be below the lower limit."]},
        ),
        ({"upper_limit": Decimal(5)}, {"upper_limit": ["Only a 'between' comparator takes an upper limit."]}),
        ({"techniques": ["printed"]}, {"techniques": ["Unknown technique."]}),
    ],
)
def test_a_parameter_that_makes_no_sense_is_refused(staff: User, changes: dict[str, Any], errors: Any) -> None:
    standard = StandardFactory()

    with pytest.raises(ValidationError) as refused:
        standards.save_parameter(actor=staff, standard=standard, data={**WASHING, **changes})

    assert refused.value.message_dict == errors
    assert Parameter.objects.count() == 0


def test_only_staff_keep_standards(artisan: User, assessor: User) -> None:
    for user in (artisan, assessor):
        with pytest.raises(ValidationError) as refused:
            standards.save_standard(actor=user, data={"code": "X", "title": "X", "edition": "1", "source": "X"})
        assert refused.value.code == "not_staff"
    assert Standard.objects.count() == 0


def test_a_parameter_that_judged_results_is_kept(staff: User, enterprise: Any) -> None:
    parameter = ParameterFactory(name_ind="Pencucian", name_en="Washing")
    report = ReportFactory(batch=BatchFactory(product=ProductFactory(enterprise=enterprise)))
    reports.record_results(report, actor=staff, values={parameter: Decimal(5)})

    with pytest.raises(ValidationError) as refused:
        standards.delete_parameter(parameter, actor=staff)

    assert refused.value.code == "parameter_in_use"
    assert refused.value.messages == [
        "Washing has judged 1 test result(s) and cannot be deleted. Record the new edition as its own standard "
        "and withdraw this one instead."
    ]
    assert Parameter.objects.filter(pk=parameter.pk).exists()
    assert report.results.get().parameter == parameter


def test_an_unused_parameter_is_deleted_and_the_deletion_is_audited_on_its_standard(staff: User) -> None:
    parameter = ParameterFactory(
        name_ind="Pencucian", name_en="Washing", unit="grade", comparator="gte", limit=Decimal(4)
    )
    standard = parameter.standard

    standards.delete_parameter(parameter, actor=staff)

    assert not Parameter.objects.exists()
    event = AuditEvent.objects.get(action="certification.parameter.deleted")
    assert (event.object_id, event.changes) == (str(standard.pk), {"parameters": ["Pencucian (≥ 4 grade)", None]})


def test_every_signed_in_role_reads_the_standards_and_their_limits(personas: dict[str, Any]) -> None:
    parameter = ParameterFactory(
        standard=StandardFactory(code="SNI 8302"),
        name_ind="Mengkeret",
        name_en="Shrinkage",
        comparator="lte",
        limit=3,
        unit="%",
    )
    edit = reverse("certification:standard-edit", args=[parameter.standard_id])
    for name in ("staff", "artisan", "assessor"):
        page = client_for(personas[name]).get(reverse("certification:standard-list")).content.decode()
        assert "Shrinkage" in page
        assert "≤ 3 %" in page
        assert (edit in page) is (name == "staff")


def test_the_standard_list_filters_by_status_and_exports_its_limits(staff: User) -> None:
    ParameterFactory(
        standard=StandardFactory(code="SNI 8302"),
        name_ind="Mengkeret",
        name_en="Shrinkage",
        comparator="lte",
        limit=3,
        unit="%",
    )
    StandardFactory(code="SNI 8184", status="withdrawn")
    client = client_for(staff)

    listed = client.get(reverse("certification:standard-list"), {"status": "in_force"})
    assert [s.code for s in listed.context["object_list"]] == ["SNI 8302"]
    for words in ("mengkeret", "shrinkage"):  # a parameter's name in either language finds its standard
        found = client.get(reverse("certification:standard-list"), {"q": words})
        assert [s.code for s in found.context["object_list"]] == ["SNI 8302"]

    export = client.get(reverse("certification:standard-list"), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["SNI 8184", "SNI 8302"]
    assert rows[2][5:9] == ("Shrinkage", "%", "SNI ISO 105-C06", "≤ 3 %")


def test_parameters_are_added_edited_and_deleted_on_the_standards_page(staff: User) -> None:
    standard = StandardFactory(code="SNI 8302")
    client = client_for(staff)
    url = reverse("certification:standard-edit", args=[standard.pk])
    form = {
        "form": "parameter",
        "p-name_ind": "Lebar kain",
        "p-name_en": "Fabric width",
        "p-unit": "cm",
        "p-test_method": "",
        "p-comparator": "between",
        "p-limit": "105",
        "p-upper_limit": "115,5",
        "p-techniques": ["tulis", "cap"],
        "p-position": "3",
    }

    added = client.post(url, form)
    assert added.status_code == 302
    parameter = standard.parameters.get()
    assert (parameter.name_ind, parameter.name_en) == ("Lebar kain", "Fabric width")
    assert (parameter.limit_text, parameter.techniques, parameter.limit_checked) == (
        "105 - 115.5 cm",
        ["cap", "tulis"],
        False,
    )

    missing_upper = client.post(url, {**form, "parameter": parameter.pk, "p-upper_limit": ""})
    assert missing_upper.status_code == 200
    assert missing_upper.context["parameter_form"].errors == {"upper_limit": ["A range needs an upper limit."]}
    parameter.refresh_from_db()
    assert parameter.upper_limit == Decimal("115.5")

    client.post(url, {**form, "parameter": parameter.pk, "p-upper_limit": "116", "p-limit_checked": "on"})
    parameter.refresh_from_db()
    assert (parameter.upper_limit, parameter.limit_checked) == (Decimal(116), True)

    client.post(url, {"form": "delete-parameter", "parameter": parameter.pk})
    assert not standard.parameters.exists()


def test_the_parameter_form_needs_the_indonesian_name_and_takes_the_english_one_when_given(staff: User) -> None:
    standard = StandardFactory(code="SNI 8302")
    client = client_for(staff)
    url = reverse("certification:standard-edit", args=[standard.pk])
    form = {"form": "parameter", "p-name_ind": "", "p-name_en": "Fabric length", "p-unit": "cm",
            "p-comparator": "gte", "p-limit": "200", "p-position": "1"}  # fmt: skip

    page = client.get(url).content.decode()
    assert "Name (Indonesian)" in page and "Name (English)" in page

    refused = client.post(url, form)
    assert refused.status_code == 200
    assert refused.context["parameter_form"].errors == {"name_ind": ["This field is required."]}
    assert not standard.parameters.exists()

    added = client.post(url, {**form, "p-name_ind": "Panjang kain", "p-name_en": ""})
    assert added.status_code == 302
    parameter = standard.parameters.get()
    assert (parameter.name_ind, parameter.name_en) == ("Panjang kain", None)


def test_a_name_is_used_once_per_standard_in_each_language(staff: User) -> None:
    # Given a parameter named in both languages, and one named in Indonesian only
    standard = StandardFactory()
    standards.save_parameter(actor=staff, standard=standard, data=WASHING)
    standards.save_parameter(
        actor=staff, standard=standard, data={**WASHING, "name_ind": "Lebar kain", "name_en": "", "position": 2}
    )

    # When another parameter takes the same Indonesian name, or the same English name: refused
    for names in (
        {"name_ind": "Ketahanan luntur warna terhadap pencucian", "name_en": "Washing fastness"},
        {"name_ind": "Pencucian", "name_en": "Colour fastness to washing"},
    ):
        with pytest.raises(ValidationError) as refused:
            standards.save_parameter(actor=staff, standard=standard, data={**WASHING, **names})
        assert refused.value.messages in (
            ["This standard already has a parameter with this name."],
            ["This standard already has a parameter with this English name."],
        )
    # and the database refuses it too, should a write go around the service
    with pytest.raises(IntegrityError), transaction.atomic():
        Parameter.objects.create(
            standard=standard, name_ind="Ketahanan luntur warna terhadap pencucian", comparator="gte", limit=4
        )
    assert standard.parameters.count() == 2

    # Then a second parameter without an English name is accepted, and so is the same name in another standard
    standards.save_parameter(
        actor=staff, standard=standard, data={**WASHING, "name_ind": "Panjang kain", "name_en": "", "position": 3}
    )
    standards.save_parameter(actor=staff, standard=StandardFactory(), data=WASHING)
    assert sorted(Parameter.objects.values_list("name_ind", flat=True)) == [
        "Ketahanan luntur warna terhadap pencucian",
        "Ketahanan luntur warna terhadap pencucian",
        "Lebar kain",
        "Panjang kain",
    ]


def test_the_standard_form_saves_only_the_standard(staff: User) -> None:
    standard = StandardFactory(code="SNI 8302", edition="2016")
    response = client_for(staff).post(
        reverse("certification:standard-edit", args=[standard.pk]),
        {"form": "standard", "code": "SNI 8302", "title": "Kain batik tulis", "edition": "2016, Amd 1:2019",
         "source": "BSN", "status": "in_force"},
    )  # fmt: skip

    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.edition == "2016, Amd 1:2019"
    assert AuditEvent.objects.get(action="certification.standard.changed").changes["edition"] == [
        "2016",
        "2016, Amd 1:2019",
    ]


def test_the_same_edition_of_a_standard_is_recorded_once(staff: User) -> None:
    StandardFactory(code="SNI 8302", edition="2016")
    response = client_for(staff).post(
        reverse("certification:standard-create"),
        {"code": "SNI 8302", "title": "Again", "edition": "2016", "source": "BSN", "status": "in_force"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["This edition of this standard is already recorded."]
    assert Standard.objects.count() == 1


def test_staff_keep_the_laboratories(staff: User) -> None:
    client = client_for(staff)
    created = client.post(
        reverse("certification:laboratory-create"),
        {"name": "Balai Besar Tekstil", "short_name": "BBT", "city": "Bandung", "accreditation": "KAN LP-001-IDN"},
    )
    assert created.status_code == 302
    laboratory = Laboratory.objects.get()
    client.post(reverse("certification:laboratory-edit", args=[laboratory.pk]), {"name": "Balai Besar Tekstil",
                "short_name": "BBSPJI Tekstil", "city": "Bandung"})  # fmt: skip
    laboratory.refresh_from_db()
    assert (laboratory.short_name, laboratory.accreditation) == ("BBSPJI Tekstil", "")
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "certification.laboratory.created",
        "certification.laboratory.changed",
    ]
    listed = client.get(reverse("certification:laboratory-list"), {"q": "bandung"})
    assert list(listed.context["object_list"]) == [laboratory]
    LaboratoryFactory()
    assert client.get(reverse("certification:laboratory-list")).context["total"] == 2
