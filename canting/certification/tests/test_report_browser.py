"""In a real browser, on a phone: an officer enters a laboratory's results (one failing) and reads the verdict, then
fills in the authenticity checklist beside a piece. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Inspection
from canting.certification.tests.factories import (
    BatchFactory,
    LaboratoryFactory,
    ParameterFactory,
    StandardFactory,
)
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.core.testing import shoot, sign_in, staff_user
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def laboratory_work(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """A batik tulis piece with a batch, SNI 8302's limits, and BBSPJIKB's report on it awaiting its results.
    Made before the browser starts, like the other browser tests' data."""
    staff_user()
    maker = EnterpriseFactory(name="Batik Sekar Maja")
    MembershipFactory(enterprise=maker)
    product = ProductFactory(enterprise=maker, name_ind="Kain Surya Majapahit", name_en="Majapahit Sun cloth")
    batch = BatchFactory(product=product, code="SM-2609-1")
    sni = StandardFactory(code="SNI 8302", edition="2016, Amd 1:2019", title="Kain batik tulis: syarat mutu")
    parameters = [
        ParameterFactory(standard=sni, name_ind="Ketahanan luntur warna terhadap pencucian: perubahan warna",
                         name_en="Colour fastness to washing", comparator="gte", limit=Decimal(4),
                         techniques=["tulis"], position=1),
        ParameterFactory(standard=sni, name_ind="Mengkeret (penyusutan)", name_en="Shrinkage (mengkeret)", unit="%",
                         test_method="SNI 0288", comparator="lte", limit=Decimal(3), techniques=["tulis"], position=2),
        ParameterFactory(standard=sni, name_ind="Lebar kain", name_en="Fabric width", unit="cm",
                         test_method="Measured flat", comparator="between", limit=Decimal(105),
                         upper_limit=Decimal(115), techniques=["tulis"], limit_checked=True, position=3),
    ]  # fmt: skip
    ParameterFactory(
        standard=StandardFactory(code="REACH XVII-43", edition="2009", title="Azo colourants"),
        name_ind="Amina aromatik yang dapat dilepaskan",
        name_en="Releasable aromatic amines",
        unit="mg/kg",
        comparator="lte",
        limit=Decimal(30),
        techniques=[],
    )
    report = ReportFactory(
        batch=batch,
        laboratory=LaboratoryFactory(),
        number="031/LHU/BBSPJIKB/2026",
        computed_verdict="incomplete",
        verdict="incomplete",
        sampled_on=datetime.date(2026, 9, 22),
    )
    return {"report": report, "product": product, "parameters": parameters}


def test_an_officer_enters_results_and_inspects_a_piece_on_a_phone(
    laboratory_work: dict[str, Any], live_server: Any, browser: Any
) -> None:
    report = laboratory_work["report"]
    washing, shrinkage, width = laboratory_work["parameters"]
    phone = browser.new_context(viewport=PHONE, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "rina", "correct horse battery")

    page.goto(f"{live_server.url}/quality/reports/{report.pk}/results/")
    page.fill(f"#id_parameter_{washing.pk}", "4,5")
    page.fill(f"#id_parameter_{shrinkage.pk}", "3.4")
    page.fill(f"#id_parameter_{width.pk}", "110")
    shoot(page, "report-results")
    page.locator("#results-form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/quality/reports/{report.pk}/")
    assert page.get_by_test_id("verdict").first.inner_text() == "Tidak lulus"  # the officer works in Indonesian
    rows = page.locator("[data-testid=results] tbody tr")
    assert rows.count() == 3
    assert "table-danger" in (rows.nth(1).get_attribute("class") or "")  # shrinkage 3.4 % against at most 3 %
    shoot(page, "report-detail")

    page.goto(f"{live_server.url}/quality/inspections/new/{laboratory_work['product'].pk}/")
    answers = {"colour_through": 1, "wax_smell": 0, "colour_seeps": 2, "crackle": 0, "strokes_vary": 0,
               "fillings_vary": 0, "back_differs": 0, "repeat_irregular": 2}  # fmt: skip
    for code, choice in answers.items():
        page.click(f"label[for=id_sign_{code}_{choice}]")
    page.fill("#id_notes", "Bagian belakang pucat di tepi kain.")
    box = page.locator("label[for=id_sign_wax_smell_0]").bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb's width, on a phone
    shoot(page, "inspection-phone")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    inspection = Inspection.objects.get()
    assert (inspection.outcome, inspection.answers["colour_through"]) == ("suspected", "no")
    assert "Diduga tiruan" in page.get_by_test_id("outcome").inner_text()
    phone.close()
