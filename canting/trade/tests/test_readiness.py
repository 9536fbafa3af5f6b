"""Export readiness: each requirement met and missing on crafted data, the "naik kelas" criterion it feeds, a fixed
number of queries, and the checklist page for the artisan and staff."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models.certifications import Scheme
from canting.certification.tests import factories as lab
from canting.certification.tests.factories import BatchFactory, CertificationFactory, ParameterFactory
from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory
from canting.trade.models import ExportProfile, ProductExport
from canting.trade.readiness import export_readiness, export_readiness_criterion
from canting.training.models import EnrolmentStatus
from canting.training.models.programmes import ProgrammeKind
from canting.training.tests.factories import EnrolmentFactory, ProgrammeFactory, SessionFactory
from canting.turnover import readiness as naik_kelas
from canting.turnover.models import Criterion, CriterionKind

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 8, 10)


def check(enterprise: Enterprise) -> Any:
    return export_readiness(Enterprise.objects.filter(pk=enterprise.pk), DAY)[enterprise.pk]


def export_training(enterprise: Enterprise, status: str) -> None:
    session = SessionFactory(programme=ProgrammeFactory(kind=ProgrammeKind.EXPORT))
    EnrolmentFactory(session=session, enterprise=enterprise, status=status)


def ready_product(enterprise: Enterprise, **extra: Any) -> Any:
    product = ProductFactory(enterprise=enterprise, **extra)
    ProductExport.objects.create(
        product=product,
        hs_code="5208.52",
        hs_confirmed_at=timezone.now(),
        price=Decimal("85.00"),
        currency="USD",
    )
    return product


def azo_result(enterprise: Enterprise, passed: bool) -> None:
    report = lab.TestReportFactory(batch=BatchFactory(product=ProductFactory(enterprise=enterprise)))
    parameter = ParameterFactory(name_en="Azo amines (EN ISO 14362)", name_ind="Amina aromatik dari zat warna azo")
    lab.TestResultFactory(report=report, parameter=parameter, passed=passed)


def ready_enterprise() -> Enterprise:
    enterprise = EnterpriseFactory(npwp="012345678901234")
    ExportProfile.objects.create(enterprise=enterprise, customs_access=True, rex_number="IDREX3578123456789")
    export_training(enterprise, EnrolmentStatus.COMPLETED)
    ready_product(enterprise)
    CertificationFactory(enterprise=enterprise, expires_on=datetime.date(2028, 1, 1))
    azo_result(enterprise, passed=True)
    return enterprise


def test_a_fully_prepared_enterprise_meets_all_six_and_the_rex_note() -> None:
    found = check(ready_enterprise())
    assert [(i.key, i.met) for i in found.items] == [
        ("customs", True),
        ("npwp", True),
        ("training", True),
        ("products", True),
        ("certification", True),
        ("azo", True),
        ("rex", True),
    ]
    assert (found.met_count, found.total, found.complete) == (6, 6, True)
    assert found.item("rex").text == "REX number IDREX3578123456789 on record"
    assert found.item("products").text == "1 product with a confirmed HS code and an export price (1 of 2 published)"


def test_a_bare_enterprise_misses_each_requirement_with_a_link_to_fix_it() -> None:
    enterprise = EnterpriseFactory(nib="")
    found = check(enterprise)
    assert found.met_count == 0
    texts = {i.key: (i.text, i.url) for i in found.items}
    assert texts["customs"] == ("No NIB on record", reverse("registry:enterprise-edit", args=[enterprise.pk]))
    assert texts["npwp"] == ("No NPWP on record", reverse("registry:enterprise-edit", args=[enterprise.pk]))
    assert texts["training"] == ("Nobody trained in export procedures yet", reverse("training:programme-list"))
    assert texts["products"][0] == "0 products with a confirmed HS code and an export price (0 of 0 published)"
    assert texts["certification"] == (
        "No valid Batikmark or SNI certificate",
        reverse("certification:readiness-detail", args=[enterprise.pk]),
    )
    # the seeded market notes: the 27 EU members and Japan limit azo amines to 30 mg/kg
    assert texts["azo"][0] == "No passed azo-amine test (28 destinations allow at most 30 mg/kg)"
    assert texts["rex"] == (
        "No REX number: EU consignments above EUR 6,000 need one",
        reverse("trade:profile", args=[enterprise.pk]),
    )


def test_customs_access_needs_the_nib_and_the_profile_tick() -> None:
    enterprise = EnterpriseFactory()
    assert check(enterprise).item("customs").text == f"NIB {enterprise.nib}, customs access not recorded"
    assert check(enterprise).item("customs").url == reverse("trade:profile", args=[enterprise.pk])
    ExportProfile.objects.create(enterprise=enterprise, customs_access=True)
    assert check(enterprise).item("customs").met is True


def test_only_an_attended_or_completed_export_training_counts() -> None:
    enterprise = EnterpriseFactory()
    export_training(enterprise, EnrolmentStatus.REGISTERED)
    SessionFactory()  # a technical training
    EnrolmentFactory(enterprise=enterprise, status=EnrolmentStatus.COMPLETED)
    assert check(enterprise).item("training").met is False
    export_training(enterprise, EnrolmentStatus.ATTENDED)
    item = check(enterprise).item("training")
    assert (item.met, item.text) == (True, "1 person trained in export procedures")


def test_products_need_a_confirmed_code_and_a_foreign_price() -> None:
    enterprise = EnterpriseFactory()
    unconfirmed = ProductFactory(enterprise=enterprise)
    ProductExport.objects.create(product=unconfirmed, hs_code="5208.52", price=Decimal(10), currency="USD")
    in_rupiah = ProductFactory(enterprise=enterprise)
    ProductExport.objects.create(
        product=in_rupiah, hs_code="5208.52", hs_confirmed_at=timezone.now(), price=Decimal(10), currency="IDR"
    )
    assert check(enterprise).item("products").met is False
    ready_product(enterprise, status="draft")
    item = check(enterprise).item("products")
    assert (item.met, item.text) == (
        True,
        "1 product with a confirmed HS code and an export price (0 of 2 published)",
    )


def test_certification_takes_batikmark_or_sni_valid_on_the_day() -> None:
    expired, sni = EnterpriseFactory(), EnterpriseFactory()
    CertificationFactory(enterprise=expired, expires_on=datetime.date(2026, 8, 9))
    held = CertificationFactory(enterprise=sni, scheme=Scheme.SNI, number="SNI-7")
    assert check(expired).item("certification").met is False
    item = check(sni).item("certification")
    assert (item.met, item.text) == (True, "Certificate SNI-7 valid")
    assert item.url == reverse("certification:certification-detail", args=[held.pk])


def test_azo_needs_a_passed_result() -> None:
    failed, passed = EnterpriseFactory(), EnterpriseFactory()
    azo_result(failed, passed=False)
    azo_result(passed, passed=True)
    assert check(failed).item("azo").met is False
    assert check(passed).item("azo").met is True


def test_queries_do_not_grow_with_the_number_of_enterprises(django_assert_num_queries: Any) -> None:
    one = [ready_enterprise()]
    many = one + [ready_enterprise() for _ in range(4)] + [EnterpriseFactory() for _ in range(15)]
    with django_assert_num_queries(4):
        export_readiness(Enterprise.objects.filter(pk__in=[e.pk for e in one]), DAY)
    with django_assert_num_queries(4):
        found = export_readiness(Enterprise.objects.filter(pk__in=[e.pk for e in many]), DAY)
    assert len(found) == 20
    assert sum(1 for r in found.values() if r.complete) == 5


# --- the "naik kelas" criterion ---------------------------------------------------------------------------------
def test_the_export_desk_registers_its_evaluator() -> None:
    assert naik_kelas.EVALUATORS[CriterionKind.EXPORT_READINESS] is export_readiness_criterion


def test_the_criterion_is_met_with_all_six_or_the_target() -> None:
    complete, partial = ready_enterprise(), EnterpriseFactory(npwp="012345678901234")
    line = next(
        line for line in naik_kelas.evaluate_one(complete, on=DAY).lines if line.criterion.kind == "export_readiness"
    )
    assert line.result == (True, "6 of 6 export requirements met", reverse("trade:readiness", args=[complete.pk]))
    line = next(
        line for line in naik_kelas.evaluate_one(partial, on=DAY).lines if line.criterion.kind == "export_readiness"
    )
    assert line.result[:2] == (False, "1 of 6 export requirements met")
    Criterion.objects.filter(kind=CriterionKind.EXPORT_READINESS).update(target=Decimal(1))
    line = next(
        line for line in naik_kelas.evaluate_one(partial, on=DAY).lines if line.criterion.kind == "export_readiness"
    )
    assert line.result.met is True


# --- pages ------------------------------------------------------------------------------------------------------
@pytest.fixture
def english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_artisan_reaches_their_own_checklist(client: Any, artisan: Any, enterprise: Any, english: None) -> None:
    client.force_login(artisan)
    response = client.get(reverse("trade:my-readiness"))
    assert response.url == reverse("trade:readiness", args=[enterprise.pk])
    page = client.get(response.url).content.decode()
    assert 'data-item="customs" data-met="no"' in page
    assert "Register the NIB for customs access in OSS" in page
    assert reverse("trade:profile", args=[enterprise.pk]) in page


def test_staff_of_the_area_see_the_checklist_others_do_not(
    client: Any, staff: Any, other_artisan: Any, enterprise: Any, english: None
) -> None:
    url = reverse("trade:readiness", args=[enterprise.pk])
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(other_artisan)
    assert client.get(url).status_code == 404


def test_each_role_gets_the_expected_answer(
    client: Any, staff: Any, artisan: Any, other_artisan: Any, assessor: Any, enterprise: Any
) -> None:
    from canting.trade.tests import url_roles_readiness

    for name, expected in url_roles_readiness.EXPECTED.items():
        url = reverse(name, args=[enterprise.pk]) if name in ("trade:readiness", "trade:profile") else reverse(name)
        answers = []
        for user in (staff, artisan, other_artisan, assessor, None):
            client.logout()
            if user is not None:
                client.force_login(user)
            answers.append(client.get(url).status_code)
        assert tuple(answers) == expected, name
