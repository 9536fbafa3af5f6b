"""Assessing participants on competency units, and completing their enrolment once they have earned what the
session gives."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.models import User
from canting.core.uploads import file_kind
from canting.training.models import (
    SEATED,
    Assessment,
    AssessmentResult,
    CompetencyUnit,
    Enrolment,
    EnrolmentStatus,
)
from canting.training.selectors import ATTENDANCE_NEEDED, attendance_rate, earned_scheme, session_units
from canting.training.services.attendance import may_take_attendance

EVIDENCE_KINDS = ("jpg", "png", "webp", "pdf")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def check_evidence(evidence: UploadedFile) -> None:
    """A photo or PDF of the work, no larger than the limit, told by its content."""
    if evidence.size is not None and evidence.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"evidence": _("The evidence file is larger than %(mb)d MB.") % {"mb": EVIDENCE_MAX_BYTES // 2**20}},
            code="evidence_too_large",
        )
    if file_kind(evidence, EVIDENCE_KINDS) is None:
        raise ValidationError(
            {"evidence": _("The evidence must be a photo (JPEG, PNG, WebP) or a PDF.")}, code="evidence_kind"
        )


def assess(
    *,
    actor: User,
    enrolment: Enrolment,
    unit: CompetencyUnit,
    result: str,
    assessed_on: datetime.date,
    notes: str = "",
    evidence: UploadedFile | None = None,
) -> Assessment:
    """Record the actor's judgement of a participant on one unit of the session (replacing an earlier one)."""
    if not may_take_attendance(actor, enrolment):
        raise ValidationError(_("Only staff and the session's trainers may assess."), code="not_assessor")
    if result not in AssessmentResult.values:
        raise ValidationError({"result": _("Choose Kompeten or Belum Kompeten.")}, code="result")
    if evidence is not None:
        check_evidence(evidence)
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",)).select_related("session__scheme").get(pk=enrolment.pk)
        )
        if enrolment.status not in SEATED:
            raise ValidationError(
                _("%(person)s has no seat in this session.") % {"person": enrolment.person}, code="not_seated"
            )
        if not session_units(enrolment.session).filter(pk=unit.pk).exists():
            raise ValidationError({"unit": _("This unit is not assessed in this session.")}, code="unit")
        assessment = Assessment.objects.filter(enrolment=enrolment, unit=unit).first()
        fields = ["result", "assessed_on", "notes", "assessor", "evidence"]
        before = audit.snapshot(assessment, fields) if assessment else {}
        if assessment is None:
            assessment = Assessment(enrolment=enrolment, unit=unit)
        assessment.result = result
        assessment.assessed_on = assessed_on
        assessment.notes = notes
        assessment.assessor = actor
        if evidence is not None:
            assessment.evidence = evidence  # type: ignore[assignment]
        assessment.full_clean(validate_unique=False)
        assessment.save()
        audit.record(
            actor=actor,
            action="training.assessment.recorded",
            instance=assessment,
            changes=audit.diff(before, audit.snapshot(assessment, fields)),
        )
        complete_if_earned(actor=actor, enrolment=enrolment)
    return assessment


def complete_if_earned(*, actor: User | None, enrolment: Enrolment, today: datetime.date | None = None) -> bool:
    """Move a seated participant to completed once the session is over and they have earned it.

    A session with a competency scheme is earned by Kompeten in every unit of the scheme. A session without one
    (attendance only) is earned by coming to at least ``ATTENDANCE_NEEDED`` (80 %) of its days.
    Returns whether the enrolment is now completed.
    """
    today = today or timezone.localdate()
    session = enrolment.session
    if enrolment.status == EnrolmentStatus.COMPLETED:
        return True
    if enrolment.status not in SEATED or session.ends_on >= today:
        return False
    earned = earned_scheme(enrolment) if session.scheme_id else attendance_rate(enrolment) >= ATTENDANCE_NEEDED
    if not earned:
        return False
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        old = locked.status
        locked.status = EnrolmentStatus.COMPLETED
        locked.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action="training.enrolment.completed",
            instance=locked,
            changes={"status": [old, EnrolmentStatus.COMPLETED.value]},
        )
    enrolment.status = EnrolmentStatus.COMPLETED
    return True
