"""Every write to the registry: typed functions, one transaction each, an audit event each.

``check_*`` functions only validate and raise ``ValidationError`` with a code; the others write.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from canting.core import audit, public_cache, services
from canting.core.models import Role, User
from canting.core.scope import code_of, require_within
from canting.core.site import site_url
from canting.registry.erasure import ERASED_NAME as ERASED_NAME  # personal data on request (UU PDP)
from canting.registry.erasure import erase_person as erase_person
from canting.registry.erasure import personal_data as personal_data
from canting.registry.models import (
    Application,
    ApplicationStatus,
    Centre,
    Enterprise,
    EnterpriseStatus,
    Facilitation,
    FacilitationKind,
    Membership,
    MembershipRole,
    Person,
)
from canting.registry.validators import nik_facts


# --- checks ---------------------------------------------------------------------------------------------------
def duplicate_nib_error(enterprise: Enterprise, twin: Enterprise) -> ValidationError:
    return ValidationError(
        {"nib": _("NIB %(nib)s is already registered to %(name)s.") % {"nib": enterprise.nib, "name": twin}},
        code="duplicate_nib",
    )


def duplicate_name_error(twin_name: str, twin_nib: str | None) -> ValidationError:
    return ValidationError(
        {
            "name": _("%(name)s is already registered in this village (NIB %(nib)s).")
            % {"name": twin_name, "nib": twin_nib or "-"}
        },
        code="duplicate_name_village",
    )


def duplicate_nik_error(twin: Person) -> ValidationError:
    return ValidationError(
        {"nik": _("This NIK is already registered to %(name)s.") % {"name": twin.full_name}}, code="duplicate_nik"
    )


def check_enterprise_duplicates(enterprise: Enterprise) -> None:
    """Refuse a second enterprise with the same NIB, or the same name in the same village."""
    others = Enterprise.objects.exclude(pk=enterprise.pk)
    if enterprise.nib:
        twin = others.filter(nib=enterprise.nib).first()
        if twin is not None:
            raise duplicate_nib_error(enterprise, twin)
    if enterprise.name and enterprise.village_id:
        twin = (
            others.annotate(lname=Lower("name"))
            .filter(lname=enterprise.name.lower(), village_id=enterprise.village_id)
            .first()
        )
        if twin is not None:
            raise duplicate_name_error(twin.name, twin.nib)


def check_person(person: Person) -> None:
    """A NIK already in the registry is refused; gender and birth date must agree with what the NIK encodes."""
    if person.nik:
        twin = Person.objects.exclude(pk=person.pk).filter(nik=person.nik).first()
        if twin is not None:
            raise duplicate_nik_error(twin)
    check_nik_facts(person)


def check_nik_facts(person: Person) -> None:
    """Gender and birth date must agree with what a valid NIK encodes."""
    facts = nik_facts(person.nik) if person.nik else None
    if facts is None:
        return
    gender, birth = facts
    errors: dict[str, str] = {}
    if person.gender and person.gender != gender:
        errors["gender"] = _("The NIK belongs to a %(gender)s.") % {"gender": _("woman") if gender == "P" else _("man")}
    if person.birth_date and person.birth_date.isoformat() != birth:
        errors["birth_date"] = _("The NIK gives the birth date %(date)s.") % {"date": birth}
    if errors:
        raise ValidationError(errors, code="nik_mismatch")


def fill_from_nik(person: Person) -> None:
    """Take gender and birth date from a valid NIK when the form left them empty."""
    if not person.nik:
        return
    facts = nik_facts(person.nik)
    if facts is None:
        return
    gender, birth = facts
    if not person.gender:
        person.gender = gender
    if person.birth_date is None:
        person.birth_date = datetime.date.fromisoformat(birth)


def _clean(
    instance: Enterprise | Person, only: Collection[str] | None, looked_up: Collection[str], **options: bool
) -> None:
    """``full_clean`` of the fields in ``only`` (all when None). The relations in ``looked_up`` are checked for
    presence only: the caller found them already (the import looks up every village a file names at once), and
    Django would query each one again."""
    names = [f.name for f in instance._meta.fields]
    exclude = {*looked_up, *(name for name in names if only is not None and name not in only)}
    errors: dict[str, Any] = {}
    try:
        instance.full_clean(exclude=list(exclude), **options)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name in looked_up:
        if only is not None and name not in only:
            continue
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)  # type: ignore[union-attr]
        if field.blank and value in field.empty_values:  # type: ignore[union-attr]
            continue
        try:
            models.Field.validate(field, value, instance)  # type: ignore[arg-type]  # the checks short of the lookup
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


def check_enterprise_fields(
    enterprise: Enterprise, *, only: Collection[str] | None = None, looked_up: Collection[str] = ()
) -> None:
    """The field rules of ``create_enterprise`` and ``update_enterprise``, short of the duplicate checks, which
    query: for a caller that checks many enterprises and looks their duplicates up at once (the import). It may
    name the fields it set (``only``; the others hold defaults or registered values) and the relations it has
    looked up itself (``looked_up``)."""
    _clean(enterprise, only, looked_up, validate_constraints=False, validate_unique=False)


def _validate_enterprise(enterprise: Enterprise) -> None:
    check_enterprise_fields(enterprise)
    check_enterprise_duplicates(enterprise)


# --- centres --------------------------------------------------------------------------------------------------
MANAGE_CENTRES = "registry.change_centre"  # the right, given in the admin (a superuser holds every right)


def may_manage_centres(user: User | Any) -> bool:
    """Office staff with the right to manage centres: a centre is set up once, by whoever the office names."""
    return bool(user.is_authenticated and user.role == Role.STAFF and user.has_perm(MANAGE_CENTRES))


def check_may_manage_centres(actor: User | None) -> None:
    if actor is not None and not may_manage_centres(actor):
        raise ValidationError(_("Only office staff with the right to manage centres may do this."), code="forbidden")


OUTSIDE_AREA = gettext_lazy("This village is outside your working area.")
NOT_YOURS = gettext_lazy("This record is outside what you may change: another area, centre or enterprise.")


def _validate_centre_for(actor: User | None) -> Any:
    def validate(centre: Centre) -> None:
        centre.full_clean()
        require_within(actor, centre.village_id, field="village", message=OUTSIDE_AREA)
        twin = Centre.objects.exclude(pk=centre.pk).filter(name__iexact=centre.name.strip(), village=centre.village)
        if twin.exists():
            raise ValidationError({"name": _("A centre with this name is already registered in this village.")})

    return validate


@transaction.atomic
def create_centre(*, actor: User | None, data: dict[str, Any]) -> Centre:
    """A new Sentra IKM, for its facilities, bookings and enterprises."""
    check_may_manage_centres(actor)
    centre = Centre(**data)
    _validate_centre_for(actor)(centre)
    return services.create(centre, actor=actor, action="registry.centre.created")


@transaction.atomic
def update_centre(centre: Centre, *, actor: User | None, changes: dict[str, Any]) -> Centre:
    check_may_manage_centres(actor)
    services.require_visible(Centre.objects, centre, actor, _("This centre is outside your working area."))
    fresh = Centre.objects.select_for_update().get(pk=centre.pk)
    # Centre names show on the public showcase and the calendars, whose pages are cached.
    transaction.on_commit(public_cache.bump_version)
    return services.update(
        fresh, changes, actor=actor, action="registry.centre.changed", prepare=_validate_centre_for(actor)
    )


# --- enterprises ----------------------------------------------------------------------------------------------
@transaction.atomic
def create_enterprise(*, actor: User | None, data: dict[str, Any]) -> Enterprise:
    enterprise = Enterprise(**data)
    require_within(actor, enterprise.village_id, field="village", message=OUTSIDE_AREA)
    _validate_enterprise(enterprise)
    return services.create(enterprise, actor=actor, action="registry.enterprise.created")


@transaction.atomic
def update_enterprise(enterprise: Enterprise, *, actor: User | None, changes: dict[str, Any]) -> Enterprise:
    services.require_visible(Enterprise.objects, enterprise, actor, NOT_YOURS)
    fresh = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if "village" in changes or "village_id" in changes:
        village = code_of(changes.get("village", changes.get("village_id")))
        require_within(actor, village, field="village", message=OUTSIDE_AREA)
    # Names, contacts and status show on the public showcase, whose pages are cached.
    transaction.on_commit(public_cache.bump_version)
    return services.update(
        fresh, changes, actor=actor, action="registry.enterprise.changed", prepare=_validate_enterprise
    )


# --- people ---------------------------------------------------------------------------------------------------
def check_person_fields(
    person: Person, *, only: Collection[str] | None = None, looked_up: Collection[str] = ()
) -> None:
    """The field rules of ``create_person`` and ``update_person``, short of the NIK checks (``check_person``), for
    a caller that checks many people and looks their NIKs up at once; ``only`` and ``looked_up`` as for
    ``check_enterprise_fields``. Fills gender and birth date from the NIK."""
    if person.nik:
        person.nik = person.nik.strip()
    fill_from_nik(person)
    _clean(person, only, looked_up, validate_unique=False)


def _validate_person(person: Person) -> None:
    check_person_fields(person)
    check_person(person)


@transaction.atomic
def create_person(
    *, actor: User | None, data: dict[str, Any], enterprise: Enterprise | None = None, role: str = ""
) -> Person:
    person = Person(**data)
    if person.nik == "":
        person.nik = None
    _validate_person(person)
    person = services.create(person, actor=actor, action="registry.person.created")
    if enterprise is not None and role:
        add_membership(actor=actor, enterprise=enterprise, person=person, role=role)
    return person


@transaction.atomic
def update_person(person: Person, *, actor: User | None, changes: dict[str, Any]) -> Person:
    services.require_visible(Person.objects, person, actor, NOT_YOURS)
    if changes.get("nik") == "":
        changes["nik"] = None
    fresh = Person.objects.select_for_update().get(pk=person.pk)
    # Gender and birth date may come from the NIK (see fill_from_nik), so they are audited when they change.
    return services.update(
        fresh,
        changes,
        actor=actor,
        action="registry.person.changed",
        prepare=_validate_person,
        derived=("gender", "birth_date"),
    )


@transaction.atomic
def add_membership(*, actor: User | None, enterprise: Enterprise, person: Person, role: str) -> Membership:
    services.require_visible(Enterprise.objects, enterprise, actor, NOT_YOURS)
    existing = Membership.objects.filter(enterprise=enterprise, person=person, role=role).first()
    if existing is not None:
        return existing
    return services.create(
        Membership(enterprise=enterprise, person=person, role=role), actor=actor, action="registry.membership.added"
    )


@transaction.atomic
def remove_membership(membership: Membership, *, actor: User | None) -> None:
    services.require_visible(Membership.objects, membership, actor, NOT_YOURS)
    audit.record(
        actor=actor,
        action="registry.membership.removed",
        instance=membership,
        changes={"role": [membership.role, None], "person": [str(membership.person_id), None]},
    )
    membership.delete()


# --- facilitations --------------------------------------------------------------------------------------------
def _validate_facilitation(facilitation: Facilitation) -> None:
    facilitation.full_clean()
    if facilitation.kind == FacilitationKind.OTHER and not facilitation.title:
        raise ValidationError({"title": _("Name the support when the kind is Other.")}, code="title_required")
    if facilitation.status == "granted" and not facilitation.granted_on:
        raise ValidationError({"granted_on": _("Give the date it was granted.")}, code="granted_on_required")


@transaction.atomic
def record_facilitation(*, actor: User | None, enterprise: Enterprise, data: dict[str, Any]) -> Facilitation:
    services.require_visible(Enterprise.objects, enterprise, actor, NOT_YOURS)
    facilitation = Facilitation(enterprise=enterprise, **data)
    _validate_facilitation(facilitation)
    return services.create(facilitation, actor=actor, action="registry.facilitation.recorded")


@transaction.atomic
def update_facilitation(facilitation: Facilitation, *, actor: User | None, changes: dict[str, Any]) -> Facilitation:
    services.require_visible(Facilitation.objects, facilitation, actor, NOT_YOURS)
    fresh = Facilitation.objects.select_for_update().get(pk=facilitation.pk)
    return services.update(
        fresh, changes, actor=actor, action="registry.facilitation.changed", prepare=_validate_facilitation
    )


# --- self-registration ----------------------------------------------------------------------------------------
@transaction.atomic
def submit_application(*, enterprise_data: dict[str, Any], person_data: dict[str, Any], email: str) -> Application:
    """A visitor registers an enterprise and themselves as its owner; staff review it later."""
    enterprise = Enterprise(**enterprise_data, status=EnterpriseStatus.APPLICANT)
    person = Person(**person_data, email=email)
    errors: dict[str, Any] = {}
    # Both halves are checked before refusing, so the applicant sees every mistake at once.
    try:
        _validate_enterprise(enterprise)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _validate_person(person)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    services.create(enterprise, actor=None, action="registry.enterprise.applied")
    services.create(person, actor=None, action="registry.person.created")
    add_membership(actor=None, enterprise=enterprise, person=person, role=MembershipRole.OWNER)
    application = Application.objects.create(enterprise=enterprise, applicant=person, email=email)
    audit.record(actor=None, action="registry.application.submitted", instance=application)
    return application


def _lock_pending(application: Application) -> Application:
    locked = Application.objects.select_for_update().select_related("enterprise", "applicant").get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This registration has already been decided."), code="already_decided")
    return locked


def _username_for(application: Application) -> str:
    base = "".join(ch for ch in application.email.split("@")[0].lower() if ch.isalnum())[:20] or "perajin"
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


@transaction.atomic
def approve_application(application: Application, *, actor: User) -> User:
    """Accept the enterprise into the registry and give the applicant a login, sent by email."""
    application = _lock_pending(application)
    services.update(
        application.enterprise,
        {"status": EnterpriseStatus.ACTIVE},
        actor=actor,
        action="registry.enterprise.approved",
    )
    login = User(
        username=_username_for(application),
        email=application.email,
        first_name=application.applicant.full_name[:150],
        role=Role.ARTISAN,
        enterprise=application.enterprise,
    )
    # No password is made up and sent: the applicant chooses one through a link that works once.
    login.set_unusable_password()
    login.save()
    audit.record(actor=actor, action="core.user.created", instance=login, changes={"role": [None, login.role]})
    services.update(
        application,
        {"status": ApplicationStatus.APPROVED, "decided_by": actor, "decided_at": timezone.now(), "login": login},
        actor=actor,
        action="registry.application.approved",
    )
    _send_set_password_link(application, login)
    return login


def _send_set_password_link(application: Application, login: User) -> None:
    """The approval e-mail: the user name and a link to choose a password (Django's reset token, valid for
    PASSWORD_RESET_TIMEOUT and spent once the password is set). It never carries a password."""
    link = site_url(
        reverse(
            "password-set",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(login.pk)),
                "token": default_token_generator.make_token(login),
            },
        )
    )
    with override("id"):
        subject = _("Your Canting login for %(name)s") % {"name": application.enterprise.name}
        body = _(
            "Your registration of %(name)s has been approved.\n\n"
            "Your user name is %(username)s. Choose your password here:\n%(link)s\n\n"
            "The link works for %(days)d days and only once. Then sign in at %(login)s"
        ) % {
            "name": application.enterprise.name,
            "username": login.username,
            "link": link,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "login": site_url(reverse("login")),
        }
    email = application.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))


@transaction.atomic
def reject_application(application: Application, *, actor: User, reason: str) -> Application:
    """Refuse a registration; the applicant reads the reason on their status page."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Write the reason the applicant will read.")}, code="reason_required")
    application = _lock_pending(application)
    services.update(
        application.enterprise,
        {"status": EnterpriseStatus.INACTIVE},
        actor=actor,
        action="registry.enterprise.rejected",
    )
    return services.update(
        application,
        {"status": ApplicationStatus.REJECTED, "reason": reason, "decided_by": actor, "decided_at": timezone.now()},
        actor=actor,
        action="registry.application.rejected",
    )


# --- checks for callers that validate before they write (the spreadsheet import) -----------------------------
def check_enterprise_rules(enterprise: Enterprise) -> None:
    """Every rule ``create_enterprise`` and ``update_enterprise`` apply, without writing anything."""
    _validate_enterprise(enterprise)


def check_person_rules(person: Person) -> None:
    """Every rule ``create_person`` and ``update_person`` apply, without writing anything.

    Like them, it fills gender and birth date from a valid NIK when they are empty.
    """
    _validate_person(person)
