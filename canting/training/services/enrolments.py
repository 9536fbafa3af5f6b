"""Who takes part in a session: invitations, applications, accepting, cancelling, and the waitlist.

The quota is never exceeded: every change that may take a seat locks the session row first (on SQLite the
project's transactions take the write lock at BEGIN), counts the seated participants, and only then registers or
waitlists. A cancelled seat goes to the first on the waitlist, in the order they joined the queue.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from canting.core import audit, codes
from canting.core.models import Role, User
from canting.core.scope import require_staff
from canting.core.site import site_url
from canting.registry.models import Enterprise, Membership, Person
from canting.training.models import SEATED, Enrolment, EnrolmentStatus, TrainingSession

OPEN_STATUSES = (EnrolmentStatus.INVITED, EnrolmentStatus.REGISTERED, EnrolmentStatus.WAITLISTED)
TRAINED = (EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED)


def is_open(session: TrainingSession) -> bool:
    """Whether artisans may apply today."""
    if not session.open_for_applications:
        return False
    return session.apply_by is None or session.apply_by >= timezone.localdate()


def check_eligibility(session: TrainingSession, person: Person) -> None:
    """Refuse, with the reason, a person who may not apply to this session."""
    if not session.open_for_applications:
        raise ValidationError(_("This session is not open for applications."), code="closed")
    if session.apply_by is not None and session.apply_by < timezone.localdate():
        raise ValidationError(
            _("Applications closed on %(date)s.") % {"date": session.apply_by.strftime("%d-%m-%Y")}, code="closed"
        )
    if session.centre_only and not Membership.objects.filter(person=person, enterprise__centre__isnull=False).exists():
        raise ValidationError(
            _("Only people of enterprises that belong to a centre may take part, and %(name)s's enterprise does not.")
            % {"name": person.full_name},
            code="centre_only",
        )
    if (
        session.new_to_programme_only
        and Enrolment.objects.filter(
            person=person, session__programme_id=session.programme_id, status__in=TRAINED
        ).exists()
    ):
        raise ValidationError(
            _("%(name)s has already been trained in this programme; this session is for newcomers.")
            % {"name": person.full_name},
            code="already_trained",
        )
    existing = Enrolment.objects.filter(session=session, person=person).exclude(status=EnrolmentStatus.CANCELLED)
    if existing.exists():
        raise ValidationError(
            _("%(name)s is already on the list of this session.") % {"name": person.full_name}, code="on_list"
        )


def _enterprise_of(person: Person, actor: User | None) -> Enterprise | None:
    """The enterprise a person comes for: the artisan's own, else the person's first (owners first)."""
    if actor is not None and actor.role == Role.ARTISAN and actor.enterprise_id:
        return actor.enterprise
    membership = (
        Membership.objects.filter(person=person).select_related("enterprise").order_by("role", "enterprise_id").first()
    )
    return membership.enterprise if membership else None


def _locked_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update(of=("self",)).select_related("programme").get(pk=session.pk)


def _seats_left(session: TrainingSession) -> int:
    return session.quota - Enrolment.objects.filter(session=session, status__in=SEATED).count()


def _check_person_visible(actor: User | None, person: Person) -> None:
    if actor is None:
        return
    if actor.role not in (Role.STAFF, Role.ARTISAN):
        raise ValidationError(_("Only office staff and artisans enrol people."), code="not_allowed")
    if not Person.objects.for_user(actor).filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": _("You can only enrol the people of your own enterprise.")}, code="other_enterprise"
        )


def _check_session_visible(actor: User | None, session: TrainingSession) -> None:
    if actor is not None and not TrainingSession.objects.for_user(actor).filter(pk=session.pk).exists():
        raise ValidationError(_("This session belongs to another area's office."), code="outside_area")


def _take_place(enrolment: Enrolment, session: TrainingSession) -> None:
    """Register when a seat is free, otherwise queue; the queue position is the moment of joining."""
    enrolment.status = EnrolmentStatus.REGISTERED if _seats_left(session) > 0 else EnrolmentStatus.WAITLISTED
    enrolment.applied_at = timezone.now()


@transaction.atomic
def invite(
    *, actor: User, session: TrainingSession, people: Iterable[Person], enterprise: Enterprise | None = None
) -> list[Enrolment]:
    """Invite people to a session. An invitation holds no seat until it is accepted. People already on the list
    are left as they are; those who cancelled before are invited again."""
    require_staff(actor, _("Only office staff invite people."))
    _check_session_visible(actor, session)
    locked = _locked_session(session)
    invited: list[Enrolment] = []
    for person in people:
        _check_person_visible(actor, person)
        existing = Enrolment.objects.select_for_update().filter(session=locked, person=person).first()
        if existing is not None and existing.status != EnrolmentStatus.CANCELLED:
            continue
        comes_for = enterprise or _enterprise_of(person, actor)
        if existing is None:
            enrolment = Enrolment(session=locked, person=person, door_code=codes.new_code())
        else:
            enrolment = existing
        before = audit.snapshot(enrolment, ["status"]) if existing else {}
        enrolment.status = EnrolmentStatus.INVITED
        enrolment.enterprise = comes_for
        enrolment.invited_by = actor
        enrolment.applied_at = None
        enrolment.full_clean()
        enrolment.save()
        audit.record(
            actor=actor,
            action="training.enrolment.invited",
            instance=enrolment,
            changes=audit.diff(before, audit.snapshot(enrolment, ["status"])),
        )
        invited.append(enrolment)
    return invited


@transaction.atomic
def apply(*, actor: User, session: TrainingSession, person: Person) -> Enrolment:
    """Apply for a person: an artisan for someone of their own enterprise, staff on anybody's behalf.

    Registered while seats are left, waitlisted after that.
    """
    _check_person_visible(actor, person)
    _check_session_visible(actor, session)
    locked = _locked_session(session)
    check_eligibility(locked, person)
    enrolment = Enrolment.objects.select_for_update().filter(session=locked, person=person).first()
    before = audit.snapshot(enrolment, ["status"]) if enrolment else {}
    if enrolment is None:
        enrolment = Enrolment(session=locked, person=person, door_code=codes.new_code())
    enrolment.enterprise = _enterprise_of(person, actor)
    _take_place(enrolment, locked)
    enrolment.full_clean()
    enrolment.save()
    audit.record(
        actor=actor,
        action="training.enrolment.applied",
        instance=enrolment,
        changes=audit.diff(before, audit.snapshot(enrolment, ["status"])),
    )
    return enrolment


@transaction.atomic
def accept(enrolment: Enrolment, *, actor: User) -> Enrolment:
    """An invitee takes the invitation: registered while seats are left, waitlisted after that."""
    if actor is not None and not Enrolment.objects.for_user(actor).filter(pk=enrolment.pk).exists():
        raise ValidationError(_("This enrolment is not yours to accept."), code="not_yours")
    if actor is not None and actor.role == Role.ASSESSOR:
        raise ValidationError(_("Only office staff and artisans enrol people."), code="not_allowed")
    locked = _locked_session(enrolment.session)
    fresh = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if fresh.status != EnrolmentStatus.INVITED:
        raise ValidationError(
            _("Only an invitation can be accepted; this enrolment is %(status)s.")
            % {"status": fresh.get_status_display().lower()},
            code="not_invited",
        )
    _take_place(fresh, locked)
    fresh.save(update_fields=["status", "applied_at", "updated_at"])
    audit.record(
        actor=actor,
        action="training.enrolment.accepted",
        instance=fresh,
        changes={"status": [EnrolmentStatus.INVITED.value, fresh.status]},
    )
    return fresh


@transaction.atomic
def cancel(enrolment: Enrolment, *, actor: User, reason: str = "") -> Enrolment:
    """Cancel an invitation, a registration or a place on the waitlist. A freed seat goes to the first waitlisted,
    who is told by email."""
    if actor is not None and not Enrolment.objects.for_user(actor).filter(pk=enrolment.pk).exists():
        raise ValidationError(_("This enrolment is not yours to cancel."), code="not_yours")
    if actor is not None and actor.role == Role.ASSESSOR:
        raise ValidationError(_("Only office staff and artisans enrol people."), code="not_allowed")
    locked = _locked_session(enrolment.session)
    fresh = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if fresh.status not in OPEN_STATUSES:
        raise ValidationError(
            _("This enrolment is %(status)s and can no longer be cancelled.")
            % {"status": fresh.get_status_display().lower()},
            code="not_cancellable",
        )
    was_seated = fresh.status in SEATED
    before = fresh.status
    fresh.status = EnrolmentStatus.CANCELLED
    fresh.note = reason[:250]
    fresh.save(update_fields=["status", "note", "updated_at"])
    audit.record(
        actor=actor,
        action="training.enrolment.cancelled",
        instance=fresh,
        changes={"status": [before, fresh.status]},
        note=reason,
    )
    if was_seated:
        promote_waitlisted(locked, actor=actor)
    return fresh


def promote_waitlisted(session: TrainingSession, *, actor: User | None) -> Enrolment | None:
    """Give a free seat to the first on the waitlist (by the moment they joined the queue). Call with the session
    row locked."""
    if _seats_left(session) <= 0:
        return None
    first = (
        Enrolment.objects.select_for_update()
        .filter(session=session, status=EnrolmentStatus.WAITLISTED)
        .order_by("applied_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = EnrolmentStatus.REGISTERED
    first.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="training.enrolment.promoted",
        instance=first,
        changes={"status": [EnrolmentStatus.WAITLISTED.value, EnrolmentStatus.REGISTERED.value]},
        note=_("A seat became free."),
    )
    recipients = promotion_recipients(first)
    if recipients:
        with override(settings.LANGUAGE_CODE):
            subject, body = _promotion_message(first, session)
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return first


def promotion_recipients(enrolment: Enrolment) -> list[str]:
    """The person's own email, the enterprise's business email and its artisans' login emails, each once."""
    emails = [enrolment.person.email] if enrolment.person.email else []
    if enrolment.enterprise_id:
        enterprise = enrolment.enterprise
        if enterprise is not None and enterprise.contact_email:
            emails.append(enterprise.contact_email)
        emails += (
            User.objects.filter(role=Role.ARTISAN, enterprise_id=enrolment.enterprise_id, is_active=True)
            .exclude(email="")
            .order_by("pk")
            .values_list("email", flat=True)
        )
    return list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))


def _promotion_message(enrolment: Enrolment, session: TrainingSession) -> tuple[str, str]:
    site = site_url()
    subject = _("A seat is yours: %(programme)s from %(date)s") % {
        "programme": session.programme.title,
        "date": session.starts_on.strftime("%d-%m-%Y"),
    }
    body = render_to_string(
        "training/email/promoted.txt",
        {
            "enrolment": enrolment,
            "person": enrolment.person,
            "session": session,
            "url": site + reverse("training:session-detail", args=[session.pk]),
        },
    )
    return subject, body
