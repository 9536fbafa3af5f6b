"""A phone scans a certificate's QR code: it reads valid, and after revoking, revoked."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from canting.core.testing import shoot
from canting.registry.tests.factories import PersonFactory
from canting.training.services import certificates as services
from canting.training.tests.factories import CertificateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNITS = [
    {"code": "C.14BTK01.012.1", "title": "Menggunakan canting cap"},
    {"code": "C.14BTK01.013.1", "title": "Mewarnai kain batik dengan teknik celup"},
    {"code": "C.14BTK01.018.1", "title": "Melorod kain batik"},
]


@pytest.mark.on_day(2026, 12, 7)  # the factories' certificates are valid on that day
def test_scan_a_valid_certificate_then_see_it_revoked(
    browser: Any, live_server: Any, restore_areas: Any, staff: Any
) -> None:
    cert = CertificateFactory(
        person=PersonFactory(full_name="Siti Aminah"),
        title="Skema Sertifikasi Pembatik Cap",
        units=UNITS,
        issued_on=datetime.date(2026, 3, 6),
        expires_on=datetime.date(2029, 3, 6),
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{cert.code}")
    assert page.url.endswith(f"/en/certificate/{cert.code}/")
    banner = page.locator(".pp-banner")
    assert banner.locator("h1").inner_text() == "Valid certificate"
    assert "Siti Aminah" in banner.inner_text()
    assert page.locator(".vf-units li").count() == 3
    shoot(page, "certificate-valid")

    services.revoke(cert, actor=staff, reason="Assessment evidence was not the participant's own work")
    page.reload()
    assert page.locator(".pp-banner h1").inner_text() == "Revoked certificate"
    assert page.locator("article[data-state=revoked]").count() == 1
    assert "evidence" not in page.content()
    shoot(page, "certificate-revoked")
    context.close()
