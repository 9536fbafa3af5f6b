"""Issuing, recording, revoking and reading training certificates, and their printed PDF."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from typing import Any

import pytest
import zxingcpp
from django.conf import settings
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from canting.core.audit import history
from canting.core.documents import render_png
from canting.registry.tests.factories import PersonFactory
from canting.training.models import (
    Assessment,
    AssessmentResult,
    Attendance,
    Certificate,
    CertificateKind,
    CertificateStatus,
    EnrolmentStatus,
)
from canting.training.services import certificates as services
from canting.training.tests.factories import (
    CertificateFactory,
    CompetencySchemeFactory,
    CompetencyUnitFactory,
    EnrolmentFactory,
    SessionFactory,
)
from canting.training.views.certificates import CERTIFICATE_TEMPLATE, certificate_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


def attend(enrolment: Any, days: int, staff: Any) -> None:
    """``enrolment`` present on the first ``days`` days of its session, absent on the rest."""
    for n, day in enumerate(enrolment.session.days):
        Attendance.objects.create(enrolment=enrolment, day=day, present=n < days, recorded_by=staff)


def assess(enrolment: Any, results: dict[Any, str], assessor: Any) -> None:
    for unit, result in results.items():
        Assessment.objects.create(
            enrolment=enrolment, unit=unit, result=result, assessor=assessor, assessed_on=enrolment.session.ends_on
        )


@pytest.fixture
def course(staff: Any, assessor: Any) -> dict[str, Any]:
    """A five-day session of a three-unit scheme (valid 36 months), with four seated participants."""
    scheme = CompetencySchemeFactory(
        issuer="LSP BBKB", validity_months=36, units=[CompetencyUnitFactory() for _ in range(3)]
    )
    units = list(scheme.units.all())
    session = SessionFactory(scheme=scheme, starts_on=datetime.date(2026, 3, 2), ends_on=datetime.date(2026, 3, 6))
    session.trainers.add(assessor)
    people = {
        name: EnrolmentFactory(session=session, person=PersonFactory(full_name=name))
        for name in ("Ani", "Budi", "Citra", "Dewi")
    }
    return {"scheme": scheme, "units": units, "session": session, "people": people}


def kinds_by_person(certs: list[Certificate]) -> set[tuple[str, str]]:
    return {(c.person.full_name, c.kind) for c in certs}


class TestIssuing:
    def test_attendance_needs_four_days_of_five_and_competency_is_left_to_the_lsp(
        self, course: dict[str, Any], staff: Any, assessor: Any
    ) -> None:
        # Given Ani 5/5 days and K in every unit; Budi 4/5 days and BK in one unit; Citra 3/5 days and K in two of
        # three units (the third not assessed); Dewi 4/5 days, K in all three
        p, u = course["people"], course["units"]
        attend(p["Ani"], 5, staff)
        attend(p["Budi"], 4, staff)
        attend(p["Citra"], 3, staff)
        attend(p["Dewi"], 4, staff)
        assess(p["Ani"], {unit: AssessmentResult.COMPETENT for unit in u}, assessor)
        assess(p["Budi"], {u[0]: "K", u[1]: "K", u[2]: AssessmentResult.NOT_YET}, assessor)
        assess(p["Citra"], {u[0]: "K", u[1]: "K"}, assessor)
        assess(p["Dewi"], {unit: "K" for unit in u}, assessor)

        # When staff issue
        issued = services.issue_for_session(course["session"], actor=staff)

        # Then attendance for 5/5 and 4/5 (80 %), none for 3/5; no competency certificate: that is the LSP's
        assert kinds_by_person(issued) == {("Ani", "attendance"), ("Budi", "attendance"), ("Dewi", "attendance")}
        assert not Certificate.objects.filter(kind=CertificateKind.COMPETENCY).exists()
        attendance = next(c for c in issued if c.person.full_name == "Ani")
        assert attendance.issuer == "Diskopukmperindag Kota Mojokerto"
        assert attendance.title == f"{course['session'].programme.title}, 02-03-2026\u201306-03-2026"
        assert attendance.expires_on is None
        assert attendance.units == []
        # numbers per issuer and year, unique; codes valid and unique
        assert sorted(c.number for c in issued) == ["DKM/2026/00001", "DKM/2026/00002", "DKM/2026/00003"]
        assert len({c.code for c in issued}) == 3
        assert [e.action for e in history(attendance)] == ["training.certificate.issued"]
        # Whoever earned the scheme is completed all the same
        assert {e.person.full_name for e in course["session"].enrolments.filter(status=EnrolmentStatus.COMPLETED)} >= {
            "Ani",
            "Dewi",
        }

    def test_second_call_issues_only_the_new_ones(self, course: dict[str, Any], staff: Any, assessor: Any) -> None:
        p, u = course["people"], course["units"]
        attend(p["Ani"], 5, staff)
        first = services.issue_for_session(course["session"], actor=staff)
        assert kinds_by_person(first) == {("Ani", "attendance")}

        # When Ani's assessment is finished and Budi's days are recorded afterwards, and staff issue again
        assess(p["Ani"], {unit: "K" for unit in u}, assessor)
        attend(p["Budi"], 5, staff)
        second = services.issue_for_session(course["session"], actor=staff)
        third = services.issue_for_session(course["session"], actor=staff)

        # Then only Budi's attendance is new, with the next number, and a third call issues nothing
        assert kinds_by_person(second) == {("Budi", "attendance")}
        assert third == []
        assert Certificate.objects.filter(enrolment__session=course["session"]).count() == 2
        assert second[0].number == "DKM/2026/00002"

    def test_numbers_continue_from_earlier_sessions(self, course: dict[str, Any], staff: Any) -> None:
        CertificateFactory(number="DKM/2026/00041", kind=CertificateKind.ATTENDANCE, external=False)
        attend(course["people"]["Ani"], 5, staff)
        issued = services.issue_for_session(course["session"], actor=staff)
        assert {c.number for c in issued} == {"DKM/2026/00042"}

    def test_cancelled_and_waitlisted_get_nothing(self, course: dict[str, Any], staff: Any) -> None:
        for status in (EnrolmentStatus.CANCELLED, EnrolmentStatus.WAITLISTED):
            enrolment = EnrolmentFactory(session=course["session"], status=status)
            attend(enrolment, 5, staff)
        assert services.issue_for_session(course["session"], actor=staff) == []

    def test_session_without_scheme_gives_only_attendance(self, staff: Any) -> None:
        enrolment = EnrolmentFactory(session=SessionFactory())
        attend(enrolment, 3, staff)
        issued = services.issue_for_session(enrolment.session, actor=staff)
        assert [c.kind for c in issued] == [CertificateKind.ATTENDANCE]

    def test_only_staff_issue(self, course: dict[str, Any], assessor: Any, staff: Any) -> None:
        attend(course["people"]["Ani"], 5, staff)
        with pytest.raises(ValidationError):
            services.issue_for_session(course["session"], actor=assessor)
        assert Certificate.objects.count() == 0

    def test_issue_page_says_how_many(self, course: dict[str, Any], client: Any, staff: Any) -> None:
        attend(course["people"]["Ani"], 5, staff)
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(reverse("training:session-certificates", args=[course["session"].pk]), follow=True)
        page = response.content.decode()
        assert "Issued 1 certificates of attendance." in page
        assert "Certificates of competency are issued by the LSP, not here" in page
        assert Certificate.objects.count() == 1


class TestRevoke:
    def test_needs_a_reason(self, staff: Any) -> None:
        cert = CertificateFactory()
        with pytest.raises(ValidationError) as exc:
            services.revoke(cert, actor=staff, reason="  ")
        assert exc.value.message_dict == {"reason": ["Give the reason for revoking the certificate."]}
        cert.refresh_from_db()
        assert cert.status == CertificateStatus.VALID
        assert cert.revoked_at is None
        assert list(history(cert)) == []

    def test_revokes_and_audits(self, staff: Any) -> None:
        cert = services.revoke(CertificateFactory(), actor=staff, reason="Forged assessment evidence")
        cert.refresh_from_db()
        assert cert.status == CertificateStatus.REVOKED
        assert cert.revoked_reason == "Forged assessment evidence"
        assert cert.state() == "revoked"
        event = history(cert).get()
        assert (event.action, event.note) == ("training.certificate.revoked", "Forged assessment evidence")

    def test_page_without_reason_changes_nothing(self, client: Any, staff: Any) -> None:
        cert = CertificateFactory()
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(reverse("training:certificate-revoke", args=[cert.pk]), {"reason": ""}, follow=True)
        assert "Give the reason for revoking the certificate." in response.content.decode()
        cert.refresh_from_db()
        assert cert.status == CertificateStatus.VALID


class TestExternal:
    data = {
        "kind": CertificateKind.COMPETENCY,
        "number": "BNSP/LSP-BBKB/2024/77",
        "title": "Skema Pembatikan Tulis",
        "issuer": "LSP BBKB",
        "issuer_licence": "BNSP-LSP-1485-ID",
        "issued_on": datetime.date(2024, 5, 2),
        "expires_on": datetime.date(2027, 5, 2),
    }

    def test_records_with_a_real_pdf(self, staff: Any, enterprise: Any) -> None:
        person = enterprise.memberships.get(role="owner").person
        scan = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
        cert = services.record_external(actor=staff, person=person, data=self.data, scan=scan)
        assert cert.external is True
        assert cert.person == person
        assert cert.scan.name.endswith("bnsplsp-bbkb202477.pdf")
        assert history(cert).get().action == "training.certificate.recorded"

    @pytest.mark.parametrize(
        ("name", "content"),
        [("scan.pdf", b"MZ\x90\x00 not a pdf at all"), ("scan.png", b"<html>hello</html>"), ("scan.jpg", b"")],
    )
    def test_refuses_what_is_not_a_pdf_or_picture(self, staff: Any, name: str, content: bytes) -> None:
        person = PersonFactory()
        scan = SimpleUploadedFile(name, content, content_type="application/pdf")
        with pytest.raises(ValidationError) as exc:
            services.record_external(actor=staff, person=person, data=self.data, scan=scan)
        assert "scan" in exc.value.message_dict
        assert Certificate.objects.count() == 0

    def test_page_refuses_a_fake_scan_beside_the_field(self, client: Any, staff: Any) -> None:
        person = PersonFactory()
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        post = {**self.data, "person": person.pk, "scan": SimpleUploadedFile("x.pdf", b"not a pdf")}
        response = client.post(reverse("training:certificate-create"), post)
        assert response.status_code == 200
        assert response.context["form"].errors == {"scan": ["The scan must be a PDF, JPEG, PNG or WebP file."]}
        assert Certificate.objects.count() == 0

    def test_pdf_of_an_external_certificate_is_its_scan(self, client: Any, staff: Any) -> None:
        person = PersonFactory()
        cert = services.record_external(
            actor=staff, person=person, data=self.data, scan=SimpleUploadedFile("s.pdf", PDF)
        )
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("training:certificate-pdf", args=[cert.pk]))
        assert b"".join(response.streaming_content) == PDF


class TestScope:
    def test_artisan_sees_only_their_peoples_certificates(
        self, client: Any, artisan: Any, enterprise: Any, other_enterprise: Any
    ) -> None:
        mine = CertificateFactory(person=enterprise.memberships.get(role="owner").person)
        theirs = CertificateFactory(person=other_enterprise.memberships.get(role="owner").person)
        client.force_login(artisan)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        listing = client.get(reverse("training:certificate-list"))
        assert [c.pk for c in listing.context["object_list"]] == [mine.pk]
        for name in ("training:certificate-detail", "training:certificate-pdf", "training:certificate-scan"):
            assert client.get(reverse(name, args=[theirs.pk])).status_code == 404

    def test_list_queries_do_not_grow_with_rows(
        self, client: Any, staff: Any, django_assert_max_num_queries: Any
    ) -> None:
        for _ in range(15):
            CertificateFactory()
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        with django_assert_max_num_queries(8):
            response = client.get(reverse("training:certificate-list"))
        assert response.context["total"] == 15

    def test_list_filters_by_state_and_exports(self, client: Any, staff: Any) -> None:
        valid = CertificateFactory(expires_on=datetime.date(2099, 1, 1))
        CertificateFactory(expires_on=datetime.date(2020, 1, 1), issued_on=datetime.date(2017, 1, 1))
        CertificateFactory(status=CertificateStatus.REVOKED)
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("training:certificate-list"), {"state": "valid"})
        assert [c.pk for c in response.context["object_list"]] == [valid.pk]
        export = client.get(reverse("training:certificate-list"), {"format": "xlsx"})
        assert export["Content-Type"].startswith("application/vnd.openxmlformats")


class TestPdf:
    def test_every_qr_decodes_to_its_short_link(self, client: Any, staff: Any) -> None:
        cert = CertificateFactory(kind=CertificateKind.ATTENDANCE, external=False, issuer="Diskopukmperindag")
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("training:certificate-pdf", args=[cert.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        pages = render_png(CERTIFICATE_TEMPLATE, certificate_data(cert), ppi=150)
        assert len(pages) == 1
        found = [r.text for page in pages for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(page)))]
        assert found == [settings.CANTING_SITE_URL.rstrip("/") + f"/c/{cert.code}"]


def pdf_text(content: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([pdftotext, "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603 -- a fixed local tool
    return done.stdout.decode()


class TestNoLspPaper:
    """Canting prints the organiser's certificate of attendance only; a competency certificate is the LSP's."""

    def test_the_attendance_certificate_of_an_lsp_assessed_session_names_no_lsp_or_bnsp(
        self, course: dict[str, Any], client: Any, staff: Any, assessor: Any
    ) -> None:
        # Given Ani present every day and Kompeten in every unit of LSP BBKB's scheme
        attend(course["people"]["Ani"], 5, staff)
        assess(course["people"]["Ani"], {unit: "K" for unit in course["units"]}, assessor)
        (cert,) = services.issue_for_session(course["session"], actor=staff)
        client.force_login(staff)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"

        # When the certificate is printed
        text = pdf_text(client.get(reverse("training:certificate-pdf", args=[cert.pk])).content)

        # Then it is the organiser's attendance certificate, with no LSP, BNSP or unit in it
        assert "Certificate of attendance" in text
        assert "Diskopukmperindag Kota Mojokerto" in text
        assert "does not certify competency" in text
        for word in ("LSP", "BNSP", "competent in", course["units"][0].code):
            assert word not in text

    def test_a_competency_certificate_is_never_printed_only_its_scan_served(self, client: Any, staff: Any) -> None:
        recorded = CertificateFactory(scan=SimpleUploadedFile("scan.pdf", PDF))
        legacy = CertificateFactory(external=False, issuer_licence="")
        client.force_login(staff)

        assert b"".join(client.get(reverse("training:certificate-pdf", args=[recorded.pk])).streaming_content) == PDF
        assert client.get(reverse("training:certificate-pdf", args=[legacy.pk])).status_code == 404
        with pytest.raises(ValueError):
            certificate_data(legacy)

    def test_recording_a_competency_certificate_needs_the_lsp_licence(self, staff: Any) -> None:
        data = {**TestExternal.data, "issuer_licence": "  "}
        with pytest.raises(ValidationError) as exc:
            services.record_external(
                actor=staff, person=PersonFactory(), data=data, scan=SimpleUploadedFile("s.pdf", PDF)
            )
        assert exc.value.error_dict["issuer_licence"][0].code == "licence_required"
        assert Certificate.objects.count() == 0

    def test_recording_with_a_scheme_keeps_its_skkni_units_and_the_session(
        self, course: dict[str, Any], staff: Any
    ) -> None:
        enrolment = course["people"]["Ani"]
        cert = services.record_external(
            actor=staff,
            person=enrolment.person,
            enrolment=enrolment,
            data={**TestExternal.data, "scheme": course["scheme"]},
            scan=SimpleUploadedFile("s.pdf", PDF),
        )
        assert cert.issuer_licence == "BNSP-LSP-1485-ID"
        assert cert.enrolment == enrolment
        assert cert.units == [{"code": u.code, "title": u.title} for u in sorted(course["units"], key=lambda u: u.code)]

    def test_an_enrolment_of_someone_else_is_refused(self, course: dict[str, Any], staff: Any) -> None:
        with pytest.raises(ValidationError):
            services.record_external(
                actor=staff,
                person=PersonFactory(),
                enrolment=course["people"]["Ani"],
                data=TestExternal.data,
                scan=SimpleUploadedFile("s.pdf", PDF),
            )
        assert Certificate.objects.count() == 0
