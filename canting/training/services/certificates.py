"""Every write to training certificates: issuing them for a session, recording one issued elsewhere, revoking.

Canting issues one kind itself: the organiser's certificate of attendance, to each seated participant present on
at least 80 % of the session's days. A certificate of competency is the LSP's: it assesses under its BNSP licence
and issues the certificate, and the office records it here from the paper (``record_external``), with the LSP's
licence number, the units and the scan. Issuing twice issues only what is missing. Numbers run per issuer and year
(``DKUKMP/2026/00007``); the session's row is locked while they are given out, and each certificate gets a random
public code for its QR.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from canting.core import audit, codes, services
from canting.core.models import Role, User
from canting.core.uploads import file_kind
from canting.registry.models import Person
from canting.training.models import (
    SEATED,
    Certificate,
    CertificateKind,
    CertificateStatus,
    Enrolment,
    TrainingSession,
)
from canting.training.selectors import ATTENDANCE_NEEDED, with_attendance_rate
from canting.training.services.assessments import complete_if_earned

SCAN_MAX_BYTES = 10 * 1024 * 1024
SERIAL_DIGITS = 5
EXTERNAL_FIELDS = ("kind", "number", "title", "issuer", "issuer_licence", "scheme", "issued_on", "expires_on")


def refusal(field: str | None, message: str, code: str) -> ValidationError:
    if field is None:
        return ValidationError(message, code=code)
    return ValidationError({field: ValidationError(message, code=code)})


def check_staff(actor: User | None) -> None:
    if actor is not None and actor.role != Role.STAFF:
        raise refusal(None, _("Only office staff issue and revoke certificates."), "not_staff")


def issuer_short(issuer: str) -> str:
    """The issuer as it starts a number: its all-capital words (``LSP BBKB`` -> ``LSP-BBKB``), else its initials."""
    words = re.findall(r"[A-Za-z0-9]+", issuer)
    acronyms = [w for w in words if len(w) > 1 and w.isupper()]
    if acronyms:
        return "-".join(acronyms)[:40]
    return "".join(w[0] for w in words).upper()[:40] or "CERT"


def next_number(issuer: str, year: int, taken: set[str]) -> str:
    """The next free number of ``issuer`` in ``year``; ``taken`` holds numbers handed out in this same call."""
    prefix = f"{issuer_short(issuer)}/{year}/"
    existing = Certificate.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    serials = [
        int(n[len(prefix) :]) for n in [*existing, *taken] if n.startswith(prefix) and n[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(serials, default=0) + 1:0{SERIAL_DIGITS}d}"


def new_code() -> str:
    while True:
        code = codes.new_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


def programme_dates(session: TrainingSession) -> str:
    if session.starts_on == session.ends_on:
        return session.starts_on.strftime("%d-%m-%Y")
    return f"{session.starts_on:%d-%m-%Y}\u2013{session.ends_on:%d-%m-%Y}"


@transaction.atomic
def issue_for_session(session: TrainingSession, *, actor: User | None) -> list[Certificate]:
    """Issue the certificates of attendance a session's participants have earned and do not hold yet; return them.

    Whoever earned the scheme is completed, but gets no certificate of competency from here: the LSP issues that.
    """
    check_staff(actor)
    services.require_visible(TrainingSession.objects, session, actor, _("This session is outside your working area."))
    session = (
        TrainingSession.objects.select_for_update(of=("self",)).select_related("programme", "scheme").get(pk=session.pk)
    )
    enrolments = with_attendance_rate(
        session, session.enrolments.filter(status__in=SEATED).select_related("person", "session__scheme")
    ).order_by("person__full_name", "pk")
    held = set(
        Certificate.objects.filter(enrolment__session=session, kind=CertificateKind.ATTENDANCE).values_list(
            "enrolment_id", flat=True
        )
    )
    taken: set[str] = set()
    issued: list[Certificate] = []
    title = f"{session.programme.title}, {programme_dates(session)}"

    def issue(enrolment: Enrolment, **fields: Any) -> None:
        number = next_number(fields["issuer"], session.ends_on.year, taken)
        taken.add(number)
        cert = Certificate(
            person=enrolment.person,
            enrolment=enrolment,
            number=number,
            code=new_code(),
            issued_on=session.ends_on,
            issued_by=actor,
            **fields,
        )
        issued.append(services.create(cert, actor=actor, action="training.certificate.issued"))

    for enrolment in enrolments:
        # Issuing closes the session: whoever earned it (the scheme, or enough days) is completed as well.
        complete_if_earned(actor=actor, enrolment=enrolment)
        if enrolment.pk not in held and enrolment.attendance_rate >= ATTENDANCE_NEEDED:  # type: ignore[attr-defined]
            issue(
                enrolment,
                kind=CertificateKind.ATTENDANCE,
                title=title,
                issuer=session.programme.organiser,
            )
    return issued


def check_scan(upload: Any, *, number: str) -> Any:
    """Refuse a scan that is missing, too large, or not a PDF or picture; name an accepted one after the number."""
    if not upload or not isinstance(upload, (File, UploadedFile)):
        raise refusal("scan", _("Attach the scan of the certificate."), "scan_required")
    if (upload.size or 0) > SCAN_MAX_BYTES:
        message = _("The scan may be at most %(mb)d MB.") % {"mb": SCAN_MAX_BYTES // (1024 * 1024)}
        raise refusal("scan", message, "scan_too_large")
    kind = file_kind(upload)
    if kind is None:
        raise refusal("scan", _("The scan must be a PDF, JPEG, PNG or WebP file."), "scan_type")
    upload.name = f"{slugify(number) or 'sertifikat'}.{kind}"
    return upload


@transaction.atomic
def record_external(
    *, actor: User | None, person: Person, data: dict[str, Any], scan: Any, enrolment: Enrolment | None = None
) -> Certificate:
    """Record a certificate a person received elsewhere (an LSP's certificate of competency, a ministry course),
    with its scan. A competency certificate carries the LSP's licence number; with a scheme, the scheme's units.
    ``enrolment`` is the person's place in the session where they were assessed, when it is known."""
    check_staff(actor)
    services.require_visible(Person.objects, person, actor, _("This person is outside your working area."))
    values = {name: data[name] for name in EXTERNAL_FIELDS if name in data}
    values["issuer_licence"] = str(values.get("issuer_licence") or "").strip()
    if values.get("kind") == CertificateKind.COMPETENCY and not values["issuer_licence"]:
        message = _("Give the LSP's BNSP licence number as printed on the certificate (e.g. BNSP-LSP-1485-ID).")
        raise refusal("issuer_licence", message, "licence_required")
    if enrolment is not None and enrolment.person_id != person.pk:
        raise refusal(None, _("The enrolment belongs to someone else."), "enrolment_mismatch")
    scheme = values.get("scheme")
    if scheme is not None:
        values["units"] = [{"code": u.code, "title": u.title} for u in scheme.units.order_by("code")]
    issued_on, expires_on = values.get("issued_on"), values.get("expires_on")
    if issued_on and expires_on and expires_on <= issued_on:
        raise refusal("expires_on", _("The expiry date must come after the issue date."), "expiry_before_issue")
    number = str(values.get("number") or "")
    if number and Certificate.objects.filter(number=number).exists():
        message = _("Certificate number %(number)s is already recorded.") % {"number": number}
        raise refusal("number", message, "duplicate_number")
    cert = Certificate(
        person=person,
        enrolment=enrolment,
        external=True,
        code=new_code(),
        issued_by=actor,
        scan=check_scan(scan, number=number),
        **values,
    )
    return services.create(cert, actor=actor, action="training.certificate.recorded")


@transaction.atomic
def revoke(certificate: Certificate, *, actor: User | None, reason: str) -> Certificate:
    """Withdraw a certificate: its public verification says revoked from now on (the reason stays internal)."""
    check_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise refusal("reason", _("Give the reason for revoking the certificate."), "reason_required")
    services.require_visible(
        Certificate.objects, certificate, actor, _("This certificate is outside your working area.")
    )
    fresh = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if fresh.status == CertificateStatus.REVOKED:
        raise refusal(None, _("This certificate is already revoked."), "already_revoked")
    before = audit.snapshot(fresh, ["status"])
    fresh.status = CertificateStatus.REVOKED
    fresh.revoked_at = timezone.now()
    fresh.revoked_reason = reason
    fresh.save(update_fields=["status", "revoked_at", "revoked_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="training.certificate.revoked",
        instance=fresh,
        changes=audit.diff(before, audit.snapshot(fresh, ["status"])),
        note=reason,
    )
    return fresh


def expire_certificates(today: datetime.date | None = None) -> int:
    """Record as expired the certificates whose validity ended before ``today`` (an audit event each, by no one).

    Pages and the verification read the state from the dates anyway; this keeps the stored status, the API and
    the exports saying the same, and puts the day of expiry in the certificate's history. How many.
    """
    return services.expire_lapsed(
        Certificate.objects.all(),
        live={"status": CertificateStatus.VALID},
        expired={"status": CertificateStatus.EXPIRED},
        today=today or timezone.localdate(),
        action="training.certificate.expired",
    )
