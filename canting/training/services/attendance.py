"""Taking attendance: a trainer marks each participant present or absent for each day of a session."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.models import Role, User
from canting.training.models import SEATED, Attendance, AttendanceMethod, Enrolment, EnrolmentStatus


def may_take_attendance(actor: User, enrolment: Enrolment) -> bool:
    """Staff who see the session, or one of the session's own trainers."""
    if actor.role == Role.STAFF:
        return Enrolment.objects.for_user(actor).filter(pk=enrolment.pk).exists()
    if actor.role == Role.ASSESSOR:
        return enrolment.session.trainers.filter(pk=actor.pk).exists()
    return False


def mark(
    *,
    actor: User,
    enrolment: Enrolment,
    day: datetime.date,
    present: bool,
    method: str = AttendanceMethod.TAP,
) -> Attendance:
    """Record whether a seated participant was there on one day of the session (one record per day, replaced when
    marked again). Being present on any day makes a registered participant one who attended."""
    if not may_take_attendance(actor, enrolment):
        raise ValidationError(_("Only staff and the session's trainers may take attendance."), code="not_trainer")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("session").get(pk=enrolment.pk)
        session = enrolment.session
        if not session.starts_on <= day <= session.ends_on:
            raise ValidationError(
                {
                    "day": _("The session runs from %(first)s to %(last)s.")
                    % {"first": session.starts_on, "last": session.ends_on}
                },
                code="outside_session",
            )
        if enrolment.status not in SEATED:
            raise ValidationError(
                _("%(person)s has no seat in this session.") % {"person": enrolment.person}, code="not_seated"
            )
        attendance = Attendance.objects.filter(enrolment=enrolment, day=day).first()
        before = {"present": attendance.present, "method": attendance.method} if attendance else {}
        if attendance is None:
            attendance = Attendance(enrolment=enrolment, day=day)
        attendance.present = present
        attendance.method = method
        attendance.recorded_by = actor
        attendance.full_clean(validate_unique=False)
        attendance.save()
        changes = audit.diff(before, {"present": present, "method": method})
        audit.record(
            actor=actor,
            action="training.attendance.marked",
            instance=enrolment,
            changes={"day": [None, str(day)], **changes} if changes else None,
            note=str(day),
        )
        if present and enrolment.status == EnrolmentStatus.REGISTERED:
            enrolment.status = EnrolmentStatus.ATTENDED
            enrolment.save(update_fields=["status", "updated_at"])
            audit.record(
                actor=actor,
                action="training.enrolment.attended",
                instance=enrolment,
                changes={"status": [EnrolmentStatus.REGISTERED.value, EnrolmentStatus.ATTENDED.value]},
            )
    return attendance
