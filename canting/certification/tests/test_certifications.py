"""Certifications: the services' rules and refusals, and the pages staff and artisans use."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Certification, CertificationStatus, Scheme
from canting.certification.services.certifications import (
    add_months,
    create_certification,
    set_certification_status,
    update_certification,
)
from canting.certification.tests.factories import CertificationFactory
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.core import public_cache
from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English, the source language, whatever the catalogue translates them to."""
    with translation.override("en"):
        yield


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def client_for(user: User | None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def batikmark(**extra: Any) -> dict[str, Any]:
    return {
        "scheme": Scheme.BATIKMARK_TULIS,
        "number": "BMI-0417",
        "issuer": "BBSPJIKB Yogyakarta",
        "issued_on": datetime.date(2025, 3, 1),
        **extra,
    }


def events(cert: Certification) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="certification.certification", object_id=str(cert.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- services ---------------------------------------------------------------------------------------------------
def test_add_months_keeps_the_day_or_takes_the_month_s_last() -> None:
    assert add_months(datetime.date(2025, 3, 1), 36) == datetime.date(2028, 3, 1)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        (Scheme.BATIKMARK_TULIS, datetime.date(2028, 3, 1)),
        (Scheme.BATIKMARK_KOMBINASI, datetime.date(2028, 3, 1)),
        (Scheme.OEKOTEX, datetime.date(2026, 3, 1)),
    ],
)
def test_expiry_left_empty_follows_the_scheme_s_usual_validity(
    staff: User, enterprise: Enterprise, scheme: str, expected: datetime.date
) -> None:
    cert = create_certification(actor=staff, enterprise=enterprise, data=batikmark(scheme=scheme))

    assert cert.expires_on == expected


def test_an_sni_certificate_needs_its_expiry_date(staff: User, enterprise: Enterprise) -> None:
    with pytest.raises(ValidationError) as refused:
        create_certification(actor=staff, enterprise=enterprise, data=batikmark(scheme=Scheme.SNI))

    assert list(refused.value.message_dict) == ["expires_on"]
    assert not Certification.objects.exists()


def test_create_records_coverage_and_audits_it(
    staff: User, enterprise: Enterprise, django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    report = ReportFactory(batch__product=product)
    cache.set(public_cache.VERSION_KEY, 7, timeout=None)

    with django_capture_on_commit_callbacks(execute=True):
        cert = create_certification(
            actor=staff,
            enterprise=enterprise,
            data=batikmark(expires_on=datetime.date(2028, 2, 28)),
            products=[product],
            test_reports=[report],
        )

    assert list(cert.products.all()) == [product]
    assert list(cert.test_reports.all()) == [report]
    assert events(cert) == ["certification.certification.created", "certification.certification.coverage_changed"]
    assert public_cache.version() == 8  # the showcase and passports show certificates


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"expires_on": datetime.date(2025, 3, 1)}, "expires_on"),
        ({"expires_on": datetime.date(2024, 1, 1)}, "expires_on"),
        ({"scheme": Scheme.OTHER, "expires_on": datetime.date(2027, 1, 1)}, "title"),
        ({"number": "BMI-0001"}, "number"),
    ],
)
def test_refusals_name_their_field_and_write_nothing(
    staff: User, enterprise: Enterprise, other_enterprise: Enterprise, change: dict[str, Any], field: str
) -> None:
    CertificationFactory(enterprise=other_enterprise, number="BMI-0001")

    with pytest.raises(ValidationError) as refused:
        create_certification(actor=staff, enterprise=enterprise, data=batikmark(**change))

    assert list(refused.value.message_dict) == [field]
    assert Certification.objects.filter(enterprise=enterprise).count() == 0


def test_a_duplicate_number_names_the_holder(staff: User, enterprise: Enterprise, other_enterprise: Enterprise) -> None:
    CertificationFactory(enterprise=other_enterprise, number="BMI-0001")

    with pytest.raises(ValidationError) as refused:
        create_certification(actor=staff, enterprise=enterprise, data=batikmark(number="BMI-0001"))

    assert refused.value.message_dict["number"] == [
        "Batikmark, batik tulis number BMI-0001 is already recorded for Batik Lain."
    ]


def test_the_same_number_under_another_scheme_is_accepted(
    staff: User, enterprise: Enterprise, other_enterprise: Enterprise
) -> None:
    CertificationFactory(enterprise=other_enterprise, number="BMI-0001")

    cert = create_certification(
        actor=staff, enterprise=enterprise, data=batikmark(number="BMI-0001", scheme=Scheme.BATIKMARK_CAP)
    )

    assert cert.number == "BMI-0001"


def test_products_and_reports_of_another_enterprise_are_refused(
    staff: User, enterprise: Enterprise, other_enterprise: Enterprise
) -> None:
    theirs = ProductFactory(enterprise=other_enterprise, name_ind="Kain Mereka", name_en="Their Cloth")
    their_report = ReportFactory(batch__product=theirs, number="LHU-LAIN")

    with pytest.raises(ValidationError) as refused:
        create_certification(
            actor=staff, enterprise=enterprise, data=batikmark(), products=[theirs], test_reports=[their_report]
        )

    assert refused.value.message_dict == {
        "products": ["Their Cloth is not a product of this enterprise."],
        "test_reports": ["Report LHU-LAIN is not a report on this enterprise's products."],
    }
    assert not Certification.objects.exists()


def test_printed_imitation_cannot_carry_batikmark(staff: User, enterprise: Enterprise) -> None:
    printed = ProductFactory(enterprise=enterprise, technique="tiruan", name_ind="Kain Cetak")

    with pytest.raises(ValidationError) as refused:
        create_certification(actor=staff, enterprise=enterprise, data=batikmark(), products=[printed])

    assert list(refused.value.message_dict) == ["products"]
    assert not Certification.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "size", "code"),
    [
        (b"MZ\x90\x00 not a scan", "sertifikat.pdf", None, "scan_type"),
        (b"<html><script>alert(1)</script>", "sertifikat.png", None, "scan_type"),
        (PDF, "besar.pdf", 11 * 1024 * 1024, "scan_too_large"),
    ],
)
def test_a_scan_that_is_not_a_pdf_or_picture_or_too_large_is_refused(
    staff: User, enterprise: Enterprise, content: bytes, name: str, size: int | None, code: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if size is not None:
        upload.size = size

    with pytest.raises(ValidationError) as refused:
        create_certification(actor=staff, enterprise=enterprise, data=batikmark(document=upload))

    assert refused.value.error_dict["document"][0].code == code
    assert not Certification.objects.exists()


def test_an_accepted_scan_is_named_after_the_certificate_by_its_content(staff: User, enterprise: Enterprise) -> None:
    upload = SimpleUploadedFile("IMG_2031.jpeg", PDF, content_type="image/jpeg")  # a PDF, whatever its name

    cert = create_certification(actor=staff, enterprise=enterprise, data=batikmark(document=upload))

    assert cert.document.name.endswith("/bmi-0417.pdf")
    assert cert.document.read() == PDF


def test_update_audits_old_and_new_values_and_a_later_expiry_renews(staff: User, enterprise: Enterprise) -> None:
    cert = CertificationFactory(
        enterprise=enterprise, status=CertificationStatus.EXPIRED, expires_on=datetime.date(2025, 1, 1)
    )
    new_expiry = timezone.localdate() + datetime.timedelta(days=1000)

    update_certification(cert, actor=staff, changes={"expires_on": new_expiry})

    cert.refresh_from_db()
    assert (cert.status, cert.expires_on) == (CertificationStatus.ACTIVE, new_expiry)
    event = AuditEvent.objects.get(action="certification.certification.changed")
    assert event.changes["expires_on"] == ["2025-01-01", str(new_expiry)]
    assert event.changes["status"] == ["expired", "active"]


def test_update_refuses_another_enterprise_s_product_and_changes_nothing(
    staff: User, enterprise: Enterprise, other_enterprise: Enterprise
) -> None:
    cert = CertificationFactory(enterprise=enterprise, issuer="BBSPJIKB Yogyakarta")

    with pytest.raises(ValidationError):
        update_certification(
            cert, actor=staff, changes={"issuer": "Lain"}, products=[ProductFactory(enterprise=other_enterprise)]
        )

    cert.refresh_from_db()
    assert cert.issuer == "BBSPJIKB Yogyakarta"
    assert cert.products.count() == 0
    assert events(cert) == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_status_change_without_a_reason_is_refused_and_changes_nothing(
    staff: User, enterprise: Enterprise, reason: str
) -> None:
    cert = CertificationFactory(enterprise=enterprise, expires_on=timezone.localdate() + datetime.timedelta(days=400))

    with pytest.raises(ValidationError) as refused:
        set_certification_status(cert, actor=staff, status=CertificationStatus.REVOKED, reason=reason)

    assert list(refused.value.message_dict) == ["reason"]
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == (CertificationStatus.ACTIVE, "")
    assert events(cert) == []


def test_suspend_reactivate_and_revoke_are_audited_with_their_reason(staff: User, enterprise: Enterprise) -> None:
    cert = CertificationFactory(enterprise=enterprise, expires_on=timezone.localdate() + datetime.timedelta(days=400))

    set_certification_status(cert, actor=staff, status="suspended", reason="Hasil pengawasan: label dipakai salah.")
    set_certification_status(cert, actor=staff, status="active", reason="Perbaikan sudah diperiksa.")
    set_certification_status(cert, actor=staff, status="revoked", reason="Pemalsuan label.")

    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == ("revoked", "Pemalsuan label.")
    assert events(cert) == [
        "certification.certification.suspended",
        "certification.certification.reactivated",
        "certification.certification.revoked",
    ]
    assert AuditEvent.objects.filter(action="certification.certification.revoked").get().note == "Pemalsuan label."


@pytest.mark.parametrize(
    ("status", "expires_in", "change", "message"),
    [
        ("revoked", 400, "active", "A revoked certificate stays revoked; record the new one instead."),
        ("active", -1, "suspended", "An expired certificate is renewed by giving its new expiry date."),
        ("active", 400, "active", "A certificate that is Active cannot become Active."),
    ],
)
def test_impossible_status_changes_are_refused(
    staff: User, enterprise: Enterprise, status: str, expires_in: int, change: str, message: str
) -> None:
    cert = CertificationFactory(
        enterprise=enterprise, status=status, expires_on=timezone.localdate() + datetime.timedelta(days=expires_in)
    )

    with pytest.raises(ValidationError) as refused:
        set_certification_status(cert, actor=staff, status=change, reason="Karena ada alasan.")

    assert refused.value.message_dict == {"status": [message]}
    cert.refresh_from_db()
    assert cert.status == status


# --- pages ------------------------------------------------------------------------------------------------------
@pytest.fixture
def shelf(enterprise: Enterprise, other_enterprise: Enterprise) -> dict[str, Certification]:
    today = timezone.localdate()
    days = datetime.timedelta
    return {
        "soon": CertificationFactory(enterprise=enterprise, number="BMI-SOON", expires_on=today + days(45)),
        "later": CertificationFactory(
            enterprise=enterprise, number="OT-LATER", scheme=Scheme.OEKOTEX, expires_on=today + days(300)
        ),
        "lapsed": CertificationFactory(enterprise=enterprise, number="BMI-LAPSED", expires_on=today - days(3)),
        "revoked": CertificationFactory(
            enterprise=other_enterprise, number="BMI-REVOKED", status="revoked", expires_on=today + days(500)
        ),
        "theirs": CertificationFactory(enterprise=other_enterprise, number="BMI-THEIRS", expires_on=today + days(20)),
    }


def numbers(response: Any) -> list[str]:
    assert response.status_code == 200
    return [c.number for c in response.context["object_list"]]


def test_list_is_sorted_by_expiry_and_filters_by_effective_status(staff: User, shelf: dict[str, Any]) -> None:
    client = client_for(staff)
    url = reverse("certification:certification-list")
    in_two_months = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()

    assert numbers(client.get(url)) == ["BMI-LAPSED", "BMI-THEIRS", "BMI-SOON", "OT-LATER", "BMI-REVOKED"]
    assert numbers(client.get(url, {"status": "expiring"})) == ["BMI-THEIRS", "BMI-SOON"]
    assert numbers(client.get(url, {"status": "expired"})) == ["BMI-LAPSED"]
    assert numbers(client.get(url, {"status": "active"})) == ["BMI-THEIRS", "BMI-SOON", "OT-LATER"]
    assert numbers(client.get(url, {"status": "revoked"})) == ["BMI-REVOKED"]
    assert numbers(client.get(url, {"scheme": "oekotex"})) == ["OT-LATER"]
    assert numbers(client.get(url, {"enterprise": shelf["revoked"].enterprise_id})) == ["BMI-THEIRS", "BMI-REVOKED"]
    assert numbers(client.get(url, {"expires_before": in_two_months})) == ["BMI-LAPSED", "BMI-THEIRS", "BMI-SOON"]
    assert numbers(client.get(url, {"ordering": "-expires"})) == [
        "BMI-REVOKED", "OT-LATER", "BMI-SOON", "BMI-THEIRS", "BMI-LAPSED",
    ]  # fmt: skip


def test_an_artisan_lists_and_opens_only_their_own(artisan: User, shelf: dict[str, Any]) -> None:
    client = client_for(artisan)

    assert numbers(client.get(reverse("certification:certification-list"))) == ["BMI-LAPSED", "BMI-SOON", "OT-LATER"]
    assert client.get(reverse("certification:certification-detail", args=[shelf["soon"].pk])).status_code == 200
    assert client.get(reverse("certification:certification-detail", args=[shelf["theirs"].pk])).status_code == 404
    assert client.get(reverse("certification:certification-edit", args=[shelf["soon"].pk])).status_code == 403


def test_list_query_count_does_not_grow_with_rows(
    staff: User, enterprise: Enterprise, django_assert_num_queries: Any
) -> None:
    client = client_for(staff)
    url = reverse("certification:certification-list")
    CertificationFactory.create_batch(2, enterprise=enterprise)
    client.get(url)
    with django_assert_num_queries(4):  # the enterprise filter reads no enterprise until one is chosen
        client.get(url)
    for _ in range(20):
        CertificationFactory(enterprise=enterprise).products.set([ProductFactory(enterprise=enterprise)])
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.context["total"] == 22


def test_list_exports_every_filtered_row_to_excel(staff: User, shelf: dict[str, Any]) -> None:
    response = client_for(staff).get(
        reverse("certification:certification-list"), {"status": "expiring", "format": "xlsx"}
    )

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Enterprise", "NIB", "Scheme", "Certificate number")
    assert [(r[0], r[3], r[7], r[8]) for r in rows[1:]] == [
        ("Batik Lain", "BMI-THEIRS", 20, "Active"),
        ("Batik Sekar Uji", "BMI-SOON", 45, "Active"),
    ]


def test_detail_shows_days_left_reports_reminders_and_history(staff: User, shelf: dict[str, Any]) -> None:
    cert = shelf["soon"]
    report = ReportFactory(batch__product=ProductFactory(enterprise=cert.enterprise), number="LHU-77")
    cert.test_reports.set([report])
    cert.reminders.create(days=90, expires_on=cert.expires_on)

    response = client_for(staff).get(reverse("certification:certification-detail", args=[cert.pk]))

    html = response.content.decode()
    assert "45 days left" in html
    assert "LHU-77" in html
    assert "90 days before" in html
    assert response.context["status_form"].fields["status"].choices == [("suspended", "Suspend"), ("revoked", "Revoke")]
    assert 'id="history"' in html


def test_create_page_records_a_certificate_with_its_scan(staff: User, enterprise: Enterprise) -> None:
    product = ProductFactory(enterprise=enterprise)
    client = client_for(staff)
    form = client.get(reverse("certification:certification-create"), {"enterprise": enterprise.pk}).context["form"]
    assert list(form.fields["products"].queryset) == [product]

    response = client.post(
        reverse("certification:certification-create"),
        {
            "enterprise": enterprise.pk,
            "scheme": "batikmark_tulis",
            "number": "BMI-0999",
            "issuer": "BBSPJIKB Yogyakarta",
            "issued_on": "2025-03-01",
            "expires_on": "",
            "products": [product.pk],
            "document": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
        },
    )

    cert = Certification.objects.get(number="BMI-0999")
    assert response.status_code == 302 and response["Location"] == reverse(
        "certification:certification-detail", args=[cert.pk]
    )
    assert (cert.expires_on, list(cert.products.all())) == (datetime.date(2028, 3, 1), [product])
    download = client.get(reverse("certification:certification-document", args=[cert.pk]))
    assert b"".join(download.streaming_content) == PDF


def test_create_page_shows_a_refused_scan_beside_its_field_and_saves_nothing(
    staff: User, enterprise: Enterprise
) -> None:
    response = client_for(staff).post(
        reverse("certification:certification-create"),
        {
            "enterprise": enterprise.pk,
            "scheme": "batikmark_tulis",
            "number": "BMI-0999",
            "issuer": "BBSPJIKB Yogyakarta",
            "issued_on": "2025-03-01",
            "document": SimpleUploadedFile("scan.pdf", b"GIF89a not a pdf", content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"document": ["The scan must be a PDF, JPEG, PNG or WebP file."]}
    assert b'id="id_document_errors"' in response.content
    assert not Certification.objects.exists()


def test_edit_page_changes_the_facts(staff: User, shelf: dict[str, Any]) -> None:
    cert = shelf["later"]

    response = client_for(staff).post(
        reverse("certification:certification-edit", args=[cert.pk]),
        {
            "scheme": "oekotex",
            "number": "OT-LATER",
            "issuer": "Hohenstein",
            "issued_on": cert.issued_on.isoformat(),
            "expires_on": cert.expires_on.isoformat(),
        },
    )

    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.issuer == "Hohenstein"


def test_status_page_without_a_reason_says_why_and_changes_nothing(staff: User, shelf: dict[str, Any]) -> None:
    cert = shelf["soon"]
    client = client_for(staff)

    response = client.post(
        reverse("certification:certification-status", args=[cert.pk]), {"status": "revoked", "reason": ""}, follow=True
    )

    assert "Write the reason for the change." in response.content.decode()
    cert.refresh_from_db()
    assert cert.status == "active"

    client.post(
        reverse("certification:certification-status", args=[cert.pk]),
        {"status": "suspended", "reason": "Menunggu hasil pengawasan."},
    )
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == ("suspended", "Menunggu hasil pengawasan.")


def test_a_certificate_without_a_scan_has_no_document(artisan: User, shelf: dict[str, Any]) -> None:
    url = reverse("certification:certification-document", args=[shelf["soon"].pk])

    assert client_for(artisan).get(url).status_code == 404


def test_only_staff_of_the_enterprise_s_area_record_or_change_its_certificates(
    artisan: User, enterprise: Enterprise
) -> None:
    from canting.core.testing import staff_user

    elsewhere = staff_user("sari", area="35.15")  # an officer of Kabupaten Sidoarjo
    cert = CertificationFactory(enterprise=enterprise, number="BMI-0418")

    with pytest.raises(ValidationError, match="outside your working area"):
        create_certification(actor=elsewhere, enterprise=enterprise, data=batikmark())
    with pytest.raises(ValidationError, match="Only office staff"):
        create_certification(actor=artisan, enterprise=enterprise, data=batikmark())
    with pytest.raises(ValidationError, match="outside your working area"):
        update_certification(cert, actor=elsewhere, changes={"issuer": "Lain"})
    with pytest.raises(ValidationError, match="outside your working area"):
        set_certification_status(cert, actor=elsewhere, status="revoked", reason="Tidak sah")

    assert list(Certification.objects.values_list("number", "issuer", "status")) == [
        ("BMI-0418", "BBSPJIKB Yogyakarta", "active")
    ]
    assert events(cert) == []
