"""Who may open training's URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

Enrolments and certificates belong to a person of ``artisan``'s enterprise; the session is trained by
``assessor``. ``other_artisan`` must get 404 for what belongs to another enterprise.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
PUBLIC = (200, 200, 200, 200, 200)
STAFF_ONLY = (200, 403, 403, 403, LOGIN)
STAFF_POST = (405, 403, 403, 403, LOGIN)
SIGNED_IN = (200, 200, 200, 200, LOGIN)
TRAINERS = (200, 403, 403, 200, LOGIN)  # staff and the session's own trainer
TRAINERS_POST = (405, 403, 403, 405, LOGIN)
OWN_PERSON = (200, 200, 404, 403, LOGIN)  # staff and the person's own enterprise
API_SIGNED_IN = (200, 200, 200, 200, 403)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "training:programme-list": SIGNED_IN,
    "training:programme-create": STAFF_ONLY,
    "training:programme-detail": SIGNED_IN,
    "training:programme-edit": STAFF_ONLY,
    "training:session-create": STAFF_ONLY,
    "training:session-detail": SIGNED_IN,
    "training:session-edit": STAFF_ONLY,
    "training:session-invite": STAFF_POST,
    "training:session-apply": (405, 405, 405, 403, LOGIN),
    "training:enrolment-accept": (405, 405, 404, 403, LOGIN),
    "training:enrolment-cancel": (405, 405, 404, 403, LOGIN),
    "training:my-trainings": (403, 200, 200, 403, LOGIN),
    "training:person-history": OWN_PERSON,
    "training:enterprise-history": OWN_PERSON,
    "training:session-attendance": TRAINERS,
    "training:attendance-mark": TRAINERS_POST,
    "training:attendance-sheet": TRAINERS,
    "training:door-codes": TRAINERS,
    "training:door-checkin": TRAINERS,
    "training:session-assessments": TRAINERS,
    "training:assessment-evidence": (200, 200, 404, 200, LOGIN),  # also to the participant's own enterprise
    "training:session-report": STAFF_ONLY,
    "training:session-report-pdf": STAFF_ONLY,
    "training:session-certificates": STAFF_POST,
    "training:certificate-list": (200, 200, 200, 200, LOGIN),
    "training:certificate-create": STAFF_ONLY,
    "training:certificate-detail": (200, 200, 404, 200, LOGIN),
    "training:certificate-pdf": (200, 200, 404, 200, LOGIN),
    "training:certificate-scan": (200, 200, 404, 200, LOGIN),
    "training:certificate-revoke": STAFF_POST,
    "training:unit-list": STAFF_ONLY,
    "training:unit-create": STAFF_ONLY,
    "training:unit-edit": STAFF_ONLY,
    "training:scheme-list": STAFF_ONLY,
    "training:scheme-create": STAFF_ONLY,
    "training:scheme-edit": STAFF_ONLY,
    "certificate-short": (302, 302, 302, 302, 302),
    "verify:lookup": PUBLIC,
    "verify:detail": PUBLIC,
    "api-programme-list": API_SIGNED_IN,
    "api-programme-detail": API_SIGNED_IN,
    "api-training-session-list": API_SIGNED_IN,
    "api-training-session-detail": API_SIGNED_IN,
    "api-enrolment-list": (200, 200, 200, 200, 403),
    "api-enrolment-detail": (200, 200, 404, 200, 403),
    "api-training-certificate-list": (200, 200, 200, 200, 403),
    "api-training-certificate-detail": (200, 200, 404, 200, 403),
    "api-certificate-verify": PUBLIC,
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    """A session trained by ``assessor`` with the owner of ``enterprise`` registered, assessed on a unit with a
    photo of the work, and a certificate."""
    from django.core.files.base import ContentFile

    from canting.training.models import Assessment
    from canting.training.tests.factories import (
        CertificateFactory,
        CompetencySchemeFactory,
        EnrolmentFactory,
        SessionFactory,
    )

    person = enterprise.memberships.get(role="owner").person
    scheme = CompetencySchemeFactory()
    session = SessionFactory(scheme=scheme)
    session.trainers.add(assessor)
    session.units.set(scheme.units.all())
    enrolment = EnrolmentFactory(session=session, person=person, enterprise=enterprise)
    assessment = Assessment(
        enrolment=enrolment, unit=scheme.units.first(), result="K", assessor=assessor, assessed_on=session.starts_on
    )
    assessment.evidence.save("karya.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    assessment.save()
    # The LSP's certificate with its scan: the "PDF" of a competency certificate is that scan.
    certificate = CertificateFactory(person=person, enrolment=enrolment, scheme=scheme)
    certificate.scan.save("sertifikat.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return {
        "programme": session.programme,
        "session": session,
        "enrolment": enrolment,
        "training_person": person,
        "certificate": certificate,
        "unit": scheme.units.first(),
        "assessment": assessment,
        "scheme": scheme,
    }


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS = {
    "training:programme-detail": "programme",
    "training:programme-edit": "programme",
    "training:session-create": "programme",
    "api-programme-detail": "programme",
    "training:session-detail": "session",
    "training:session-edit": "session",
    "training:session-invite": "session",
    "training:session-apply": "session",
    "training:session-attendance": "session",
    "training:attendance-mark": "session",
    "training:attendance-sheet": "session",
    "training:door-codes": "session",
    "training:session-assessments": "session",
    "training:assessment-evidence": "assessment",
    "training:session-report": "session",
    "training:session-report-pdf": "session",
    "training:session-certificates": "session",
    "api-training-session-detail": "session",
    "training:enrolment-accept": "enrolment",
    "training:enrolment-cancel": "enrolment",
    "api-enrolment-detail": "enrolment",
    "training:door-checkin": "enrolment",
    "training:person-history": "training_person",
    "training:certificate-detail": "certificate",
    "training:certificate-pdf": "certificate",
    "training:certificate-scan": "certificate",
    "training:certificate-revoke": "certificate",
    "api-training-certificate-detail": "certificate",
    "certificate-short": "certificate",
    "verify:detail": "certificate",
    "api-certificate-verify": "certificate",
    "training:unit-edit": "unit",
    "training:scheme-edit": "scheme",
}
