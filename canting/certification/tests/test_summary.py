"""The certificate summary of an enterprise: what it prints, and the PDF itself."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Label
from canting.certification.tests.factories import CertificationFactory, LabelRunFactory
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.certification.views.certifications import SUMMARY_TEMPLATE, summary_data
from canting.core.documents import render_png
from canting.core.models import User
from canting.registry.models import Enterprise

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def history(enterprise: Enterprise) -> dict[str, Any]:
    """Two certificates (one lapsed, not yet marked by the daily task), reports and labels, some checked."""
    product = ProductFactory(enterprise=enterprise, name_en="Surya Cloth")
    report = ReportFactory(batch__product=product, number="LHU-0001", issued_on=datetime.date(2026, 10, 15))
    ReportFactory(
        batch__product=product,
        number="LHU-0002",
        issued_on=datetime.date(2026, 9, 1),
        verdict="fail",
        computed_verdict="fail",
    )
    batikmark = CertificationFactory(enterprise=enterprise, number="BMI-00417", expires_on=datetime.date(2028, 3, 1))
    batikmark.test_reports.set([report])
    CertificationFactory(
        enterprise=enterprise,
        scheme="oekotex",
        number="25.HID.40917",
        issuer="Hohenstein",
        issued_on=datetime.date(2025, 10, 1),
        expires_on=datetime.date(2026, 10, 1),
    ).products.set([product])
    run = LabelRunFactory(batch=report.batch, count=4)
    Label.objects.filter(run=run, position=1).update(status="revoked", checks_count=2)
    Label.objects.filter(run=run, position=2).update(checks_count=5)
    return {"product": product}


def test_the_summary_data_lists_certificates_reports_and_labels(enterprise: Enterprise, history: Any) -> None:
    data = summary_data(enterprise, today=TODAY)

    assert data["enterprise"]["name"] == "Batik Sekar Uji"
    assert [(c["number"], c["status"], c["expires_on"], c["coverage"]) for c in data["certifications"]] == [
        ("BMI-00417", "active", "01-03-2028", "All products"),
        ("25.HID.40917", "expired", "01-10-2026", "1 product"),
    ]
    assert [(r["number"], r["verdict"]) for r in data["reports"]] == [("LHU-0001", "pass"), ("LHU-0002", "fail")]
    assert data["labels"] == {"issued": 4, "revoked": 1, "checks": 7}
    assert data["showcase_url"] == settings.CANTING_SITE_URL.rstrip("/") + reverse(
        "showcase:enterprise", args=[enterprise.pk]
    )
    assert data["qr"].startswith("<svg")


def test_the_summary_prints_on_one_a4_page(enterprise: Enterprise, history: Any) -> None:
    pages = render_png(SUMMARY_TEMPLATE, summary_data(enterprise, today=TODAY), ppi=72)

    assert len(pages) == 1
    assert Image.open(io.BytesIO(pages[0])).size == (595, 842)  # A4 at 72 ppi


def test_an_enterprise_with_nothing_recorded_still_gets_its_summary(db: Any) -> None:
    from canting.registry.tests.factories import EnterpriseFactory

    empty = EnterpriseFactory(name="Batik Baru", nib=None)

    data = summary_data(empty, today=TODAY)

    assert (data["certifications"], data["reports"], data["labels"]) == (
        [],
        [],
        {"issued": 0, "revoked": 0, "checks": 0},
    )
    assert len(render_png(SUMMARY_TEMPLATE, data, ppi=36)) == 1


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_and_the_enterprise_s_artisan_download_the_pdf(
    staff: User, artisan: User, other_artisan: User, enterprise: Enterprise, history: Any
) -> None:
    url = reverse("certification:enterprise-summary", args=[enterprise.pk])

    for user in (staff, artisan):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response["Content-Disposition"].startswith(f'inline; filename="sertifikat-{enterprise.pk}-')
    assert client_for(other_artisan).get(url).status_code == 404


@pytest.mark.on_day(2026, 12, 7)  # the factories' certificates are valid on that day
def test_a_lapsed_certificate_shows_as_expired_before_the_daily_task(enterprise: Enterprise, history: Any) -> None:
    data = summary_data(enterprise, today=timezone.localdate())

    assert {c["number"]: c["valid"] for c in data["certifications"]} == {"BMI-00417": True, "25.HID.40917": False}
