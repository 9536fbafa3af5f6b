"""The public verification of a training certificate: /c/<code>, the page in the reader's language, and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from canting.core import codes
from canting.registry.tests.factories import PersonFactory
from canting.training.models import CertificateKind
from canting.training.services import certificates as services
from canting.training.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
UNITS = [
    {"code": "C.14BTK01.012.1", "title": "Menggunakan canting cap"},
    {"code": "C.14BTK01.013.1", "title": "Mewarnai kain batik"},
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def holder() -> Any:
    return PersonFactory(full_name="Siti Aminah", nik="3576014107900001", phone="081234567890", address="Jl. Rahasia 9")


def page(code: str, client: Client | None = None) -> Any:
    return (client or Client()).get(f"/en/certificate/{code}/")


def api(code: str, client: Client | None = None) -> Any:
    return (client or Client()).get(reverse("api-certificate-verify", args=[code]), HTTP_ACCEPT_LANGUAGE="en")


def assert_no_personal_data(text: str) -> None:
    for secret in ("3576014107900001", "081234567890", "Jl. Rahasia", "Forged"):
        assert secret not in text


def test_valid_certificate_shows_holder_title_issuer_units_and_dates(holder: Any) -> None:
    cert = CertificateFactory(
        person=holder,
        title="Skema Batik Cap",
        units=UNITS,
        issued_on=TODAY - datetime.timedelta(days=10),
        expires_on=TODAY + datetime.timedelta(days=700),
    )
    response = page(cert.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="valid"' in html and "Valid certificate" in html
    for fact in (
        "Siti Aminah",
        "Skema Batik Cap",
        "LSP BBKB",
        cert.number,
        "Menggunakan canting cap",
        "C.14BTK01.013.1",
    ):
        assert fact in html
    assert codes.display(cert.code) in html
    assert_no_personal_data(html)

    body = api(cert.code).json()
    assert body == {
        "state": "valid",
        "state_text": "Valid certificate",
        "code": cert.code,
        "url": settings.CANTING_SITE_URL.rstrip("/") + f"/c/{cert.code}",
        "kind": "competency",
        "kind_text": "Certificate of competency",
        "number": cert.number,
        "holder": "Siti Aminah",
        "title": "Skema Batik Cap",
        "issuer": "LSP BBKB",
        "recorded": True,  # the LSP issued it; Canting records it
        "issuer_licence": "BNSP-LSP-1485-ID",
        "scan_on_file": False,
        "units": UNITS,
        "issued_on": cert.issued_on.isoformat(),
        "expires_on": cert.expires_on.isoformat(),
        "revoked_on": None,
    }
    assert_no_personal_data(str(body))


def test_expired_certificate_says_expired(holder: Any) -> None:
    cert = CertificateFactory(
        person=holder, issued_on=datetime.date(2020, 1, 6), expires_on=TODAY - datetime.timedelta(days=1)
    )
    html = page(cert.code).content.decode()
    assert 'data-state="expired"' in html and "Expired certificate" in html
    assert "Valid certificate" not in html
    assert api(cert.code).json()["state"] == "expired"


def test_revoked_certificate_says_revoked_with_date_and_no_reason(holder: Any, staff: Any) -> None:
    cert = CertificateFactory(person=holder, kind=CertificateKind.ATTENDANCE, title="Pelatihan Pewarnaan Alami")
    services.revoke(cert, actor=staff, reason="Forged attendance list")
    response = page(cert.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-state="revoked"' in html and "Revoked certificate" in html
    assert "This certificate was revoked on" in html
    assert "Pelatihan Pewarnaan Alami" not in html
    assert_no_personal_data(html)

    body = api(cert.code).json()
    assert body["state"] == "revoked"
    assert body["revoked_on"] == timezone.localdate().isoformat()
    assert (body["holder"], body["title"], body["units"]) == (None, None, [])
    assert_no_personal_data(str(body))


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKM", "0000000000", "not-a-code", "X" * 30])
def test_unknown_and_malformed_codes_say_only_unknown(code: str) -> None:
    CertificateFactory()
    response = page(code)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-state="unknown"' in html and "No certificate has this code." in html
    answer = api(code)
    assert answer.status_code == 404
    assert answer.json() == {"state": "unknown", "detail": "No certificate has this code."}


def test_a_well_formed_code_nobody_holds_is_unknown() -> None:
    cert = CertificateFactory()
    other = codes.new_code()
    assert other != cert.code
    assert page(other).status_code == 404
    assert api(other).status_code == 404


@pytest.mark.parametrize(("accept", "prefix"), [("en-GB,en;q=0.8", "/en/certificate/"), ("", "/id/")])
def test_short_link_normalises_and_opens_in_the_readers_language(accept: str, prefix: str) -> None:
    cert = CertificateFactory()
    typed = codes.display(cert.code).lower().replace("0", "o").replace("1", "l")
    response = Client().get(f"/c/{typed}", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"].startswith(prefix)
    assert response["Location"].endswith(f"/{cert.code}/")


def test_lookup_sends_a_typed_code_to_its_page() -> None:
    cert = CertificateFactory()
    response = Client().get("/en/certificate/", {"code": codes.display(cert.code).lower()})
    assert response.status_code == 302 and response["Location"] == f"/en/certificate/{cert.code}/"
    refused = Client().get("/en/certificate/", {"code": "hello"})
    assert refused.status_code == 200 and "This is not a certificate code." in refused.content.decode()


def test_too_many_checks_from_one_address_get_429(settings: Any) -> None:
    settings.PASSPORT_RATE = "3/m"
    cert = CertificateFactory()
    client = Client(REMOTE_ADDR="198.51.100.4")
    answers = [page(cert.code, client).status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    assert page(cert.code, client).status_code == 429
    assert api(cert.code, client).status_code == 429
    assert page(cert.code, Client(REMOTE_ADDR="198.51.100.5")).status_code == 200


def test_a_competency_certificate_is_shown_as_recorded_from_its_lsp_with_the_scan_on_file(holder: Any) -> None:
    # Given an LSP's certificate the office recorded from its scan
    cert = CertificateFactory(
        person=holder,
        issuer="LSP BBKB (BBSPJIKB Yogyakarta)",
        issuer_licence="BNSP-LSP-1485-ID",
        scan="training/certificates/2026/scan.pdf",
        issued_on=TODAY - datetime.timedelta(days=10),
        expires_on=TODAY + datetime.timedelta(days=700),
    )

    # When anyone checks it
    html = page(cert.code).content.decode()

    # Then it says where it was recorded from, names the LSP as issuer with its licence, and Canting only records
    assert "Recorded from LSP BBKB (BBSPJIKB Yogyakarta), scan on file." in html
    assert "Canting only records it." in html
    assert "BNSP-LSP-1485-ID" in html
    assert "This certificate was issued by" not in html
    # And the API, for an employer's or a buyer's system, says the same
    data = api(cert.code).json()
    assert (data["recorded"], data["issuer"], data["issuer_licence"], data["scan_on_file"]) == (
        True, "LSP BBKB (BBSPJIKB Yogyakarta)", "BNSP-LSP-1485-ID", True,
    )  # fmt: skip


def test_an_attendance_certificate_issued_here_is_not_said_to_be_recorded(holder: Any) -> None:
    cert = CertificateFactory(
        person=holder, kind=CertificateKind.ATTENDANCE, external=False, issuer="Diskopukmperindag", expires_on=None
    )
    html = page(cert.code).content.decode()
    assert "This certificate was issued by Diskopukmperindag and is valid." in html
    assert "Recorded from" not in html
    assert api(cert.code).json()["recorded"] is False
