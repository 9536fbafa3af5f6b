"""Personal data on the subject's request (UU PDP): everything held about a person, and erasing it everywhere.

Both read ``canting.core.personal.HOLDERS``, the one list of the fields that hold personal data: the person's
record, their login, their registration, contacts elsewhere with their e-mail or phone, the sign-in records of their
login, and the copies that describe or stage them (the audit trail, import previews).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from canting.core import audit, public_cache
from canting.core.models import AuditEvent, User
from canting.core.personal import ERASED, HOLDERS, Holder, Holds, Role, Traces, holders
from canting.registry.models import Enterprise, ImportBatch, ImportStatus, Person

ERASED_NAME = ERASED
SUBJECT = HOLDERS["registry.person"]
STRONG = (Holds.NIK, Holds.PHONE, Holds.EMAIL)  # enough on their own to say a contact record is the person's


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _field(instance: models.Model, name: str) -> models.Field[Any, Any]:
    field = instance._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is not a field of its own")  # the lists name concrete fields; a test checks them
    return field


def _fields(instance: models.Model, entry: Holder) -> dict[str, Any]:
    names = [*entry.fields, *entry.also_exported]
    return {name: _plain(getattr(instance, _field(instance, name).attname)) for name in names}


def logins_of(person: Person) -> QuerySet[User]:
    """The logins that belong to the person: made when their registration was approved, or carrying their e-mail."""
    emails = {e.lower() for e in [person.email, *person.applications.values_list("email", flat=True)] if e}
    found = Q(registration__applicant=person)
    for email in emails:
        found |= Q(email__iexact=email)
    # A subquery rather than DISTINCT, so the caller may lock the rows (PostgreSQL refuses FOR UPDATE with DISTINCT).
    return User.objects.filter(pk__in=User.objects.filter(found).values("pk")).order_by("pk")


def traces_of(person: Person, logins: list[User]) -> Traces:
    names = {person.full_name}
    for login in logins:
        names |= {login.first_name, login.last_name, f"{login.first_name} {login.last_name}".strip()}
    emails = {person.email, *person.applications.values_list("email", flat=True), *(u.email for u in logins)}
    return Traces(
        names=sorted(n for n in names if n and n != ERASED),
        niks=[person.nik] if person.nik else [],
        phones=[person.phone] if person.phone else [],
        emails=sorted({e.lower() for e in emails if e}),
        birth_dates=[person.birth_date] if person.birth_date else [],
    )


def _contacts(traces: Traces) -> list[tuple[str, models.Model, Holder]]:
    """Records elsewhere (a buyer's contact, an exhibition lead) that carry the person's NIK, phone or e-mail."""
    strong = Traces(niks=traces.niks, phones=traces.phones, emails=traces.emails)
    hints = strong.hints(typed=True)
    found = []
    for model, entry in holders(Role.CONTACT):
        names = [name for name, holds in entry.fields.items() if holds in STRONG]
        if not names or not hints:
            continue
        query = Q()
        for name in names:
            for hint in hints:
                query |= Q(**{f"{name}__icontains": hint})
        for record in model._default_manager.filter(query).order_by("pk"):
            matched = [name for name in names if strong.found_in(getattr(record, name))]
            if not matched:
                continue
            # Unless the whole record is theirs, only the matching fields are (an enterprise's published contact).
            theirs = entry if entry.whole_record else Holder(entry.role, {n: entry.fields[n] for n in matched})
            found.append((model._meta.label_lower, record, theirs))
    return found


def personal_data(person: Person) -> dict[str, Any]:
    """Everything held about a person, for a subject access request."""
    logins = list(logins_of(person))
    data = _fields(person, SUBJECT)
    return {
        **data,
        "gender": person.gender,
        "roles": [
            {"enterprise": m.enterprise.name, "role": m.role, "since": m.created_at.date().isoformat()}
            for m in person.memberships.select_related("enterprise")
        ],
        "registrations": [
            {
                "enterprise": a.enterprise.name,
                "status": a.status,
                "sent": a.created_at.date().isoformat(),
                **_fields(a, HOLDERS["registry.application"]),
            }
            for a in person.applications.select_related("enterprise")
        ],
        "logins": [_fields(login, HOLDERS["core.user"]) for login in logins],
        "contacts": [
            {"record": label, "id": record.pk, **_fields(record, entry)}
            for label, record, entry in _contacts(traces_of(person, logins))
        ],
        "recorded_changes": [
            {"at": e.at.isoformat(), "action": e.action} for e in audit.history(person).order_by("at")
        ],
    }


# --- erasure ---------------------------------------------------------------------------------------------------
def _blank(instance: models.Model, entry: Holder, traces: Traces, *, keep: tuple[Holds, ...] = ()) -> list[str]:
    """Blank every listed field of ``instance`` (a name reads ERASED; free text loses only the identifiers)."""
    changed = []
    for name, holds in entry.fields.items():
        if holds in keep:
            continue
        field = _field(instance, name)
        attname = field.attname
        if holds == Holds.TEXT:
            value = traces.scrub(getattr(instance, attname), with_birth_date=True)
        elif holds == Holds.NAME and not field.blank:
            value = ERASED[: getattr(field, "max_length", None) or len(ERASED)]
        else:
            value = None if field.null else ""
        if getattr(instance, attname) != value:
            setattr(instance, attname, value)
            changed.append(name)
    return changed


def _erase_logins(logins: list[User], traces: Traces, actor: User) -> dict[str, str]:
    """Each login is switched off for good and loses its name and e-mail; returns old user name -> new."""
    renamed = {}
    for login in logins:
        old = login.username
        _blank(login, HOLDERS["core.user"], traces, keep=(Holds.USERNAME,))
        login.username = f"dihapus-{login.pk}"
        login.is_active = False
        login.set_unusable_password()
        login.save()
        Token.objects.filter(user=login).delete()
        renamed[old] = login.username
        audit.record(actor=actor, action="core.user.erased", instance=login, changes={"is_active": [True, False]})
    return renamed


def _scrub_login_traces(traces: Traces, renamed: dict[str, str]) -> None:
    """Sign-in records (the login throttle's) keep the user name typed: their login's old name becomes its new one,
    and anything else of theirs typed there (the e-mail, say) is replaced."""
    usernames = Traces(usernames=list(renamed))
    hints = traces.hints(typed=True) + list(renamed)
    if not hints:
        return
    for model, entry in holders(Role.LOGIN_TRACE):
        names = list(entry.fields)
        found = Q(*(Q(**{f"{name}__icontains": hint}) for name in names for hint in hints), _connector=Q.OR)
        changed = []
        for record in model._default_manager.filter(found).order_by("pk"):
            before = {name: getattr(record, name) for name in names}
            for name, holds in entry.fields.items():
                value = renamed.get(before[name], before[name]) if holds == Holds.USERNAME else before[name]
                setattr(record, name, traces.scrub(usernames.scrub(value)))
            if any(getattr(record, name) != before[name] for name in names):
                changed.append(record)
        model._default_manager.bulk_update(changed, names)


def _scrub_trail(traces: Traces, about: set[tuple[str, str]], renamed: dict[str, str]) -> None:
    """Audit entries and admin log entries that name the person lose those words.

    Entries ``about`` the person's own records (their person, memberships, registrations, logins) lose the birth
    date as well, and the person's own entries lose every personal field they recorded.
    """
    hints = traces.hints() + list(renamed)
    logins = Traces(usernames=list(renamed))
    nothing = Q(pk=None)
    for model, entry in holders(Role.TRAIL):
        texts = list(entry.fields)
        named = Q(*(Q(**{f"{t}__icontains": h}) for t in texts for h in hints), _connector=Q.OR) if hints else nothing
        scoped = nothing
        if model is AuditEvent:
            for object_type, object_id in about:
                scoped |= Q(object_type=object_type, object_id=object_id)
        changed = []
        for record in model._default_manager.filter(named | scoped).order_by("pk"):
            key = (getattr(record, "object_type", ""), getattr(record, "object_id", ""))
            own = model is AuditEvent and key[0] == "registry.person" and key in about
            related = model is AuditEvent and key in about
            before = {name: getattr(record, name) for name in texts}
            login = related and key[0] == "core.user"
            if login:
                record.object_repr = renamed.get(before["object_repr"], before["object_repr"])  # type: ignore[attr-defined]
            for name in texts:
                value = getattr(record, name)
                if own and name == "changes":
                    value = {field: item for field, item in value.items() if field not in SUBJECT.fields}
                value = traces.scrub(value, with_birth_date=related)
                setattr(record, name, logins.scrub(value) if login else value)
            if own:
                record.object_repr = ERASED  # type: ignore[attr-defined]
            if any(getattr(record, name) != before[name] for name in texts):
                changed.append(record)
        model._default_manager.bulk_update(changed, texts)


def _scrub_imports(traces: Traces, actor: User) -> None:
    """Import previews keep the uploaded rows until they are applied: a row with the person leaves the preview,
    which then cannot be applied (it would register them again), and other rows' messages lose their name.

    An upload still waiting to be checked holds the file itself, which cannot be searched like rows: it is dropped,
    and the officer is asked to upload it again.
    """
    from canting.registry.importing.actions import rows_with_errors  # the import builds on this module

    for batch in ImportBatch.objects.select_for_update().order_by("pk"):
        if batch.source is not None:
            batch.source, batch.status = None, ImportStatus.REFUSED
            message = _("The file was removed before it was checked: a person's data was erased at their request.")
            batch.summary = {**batch.summary, "refused": [message]}
            batch.save(update_fields=["source", "status", "summary", "updated_at"])
            audit.record(
                actor=actor,
                action="registry.import.rows_erased",
                instance=batch,
                changes={"file_removed": [None, True]},
            )
            continue
        removed: list[tuple[str, int]] = []
        for sheet, content in (batch.rows or {}).items():
            kept = []
            for row in content.get("rows", []):
                if traces.found_in(row.get("cells")) or traces.found_in(row.get("values")):
                    removed.append((sheet, row["row"]))
                else:
                    kept.append(row)
            content["rows"] = kept
        errors = [e for e in batch.errors if (e.get("sheet"), e.get("row")) not in removed]
        errors = traces.scrub(errors)
        message = _("This row was removed: the person's data was erased at their request. Upload the file again.")
        errors += [{"sheet": sheet, "row": row, "column": "", "message": message} for sheet, row in removed]
        if removed or errors != batch.errors:
            batch.errors = errors
            if batch.summary:
                batch.summary = {**batch.summary, "errors": len(errors), "rows_with_errors": rows_with_errors(errors)}
            batch.save(update_fields=["rows", "errors", "summary", "updated_at"])
            audit.record(
                actor=actor,
                action="registry.import.rows_erased",
                instance=batch,
                changes={"rows_removed": [None, len(removed)]},
            )


@transaction.atomic
def erase_person(person: Person, *, actor: User, reason: str) -> Person:
    """Erase a person's identifying data on their request, wherever it is held; their roles stay, so the counts the
    programme reports (workers by gender) do not change."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError(
            {"reason": _("Write why the data is erased (the request it answers).")}, code="reason_required"
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.full_name == ERASED_NAME:
        raise ValidationError(_("This person's data has already been erased."), code="already_erased")
    logins = list(logins_of(person).select_for_update())
    traces = traces_of(person, logins)
    applications = list(person.applications.select_for_update())
    about = {
        ("registry.person", str(person.pk)),
        *(("registry.membership", str(pk)) for pk in person.memberships.values_list("pk", flat=True)),
        *(("registry.application", str(a.pk)) for a in applications),
        *(("core.user", str(u.pk)) for u in logins),
    }
    renamed = _erase_logins(logins, traces, actor)
    _scrub_login_traces(traces, renamed)
    for application in applications:
        application.save(update_fields=[*_blank(application, HOLDERS["registry.application"], traces), "updated_at"])
    for _label, record, entry in _contacts(traces):
        record.save(update_fields=_blank(record, entry, traces))
        if isinstance(record, Enterprise):
            transaction.on_commit(public_cache.bump_version)  # the showcase shows the enterprise's contacts
    _scrub_imports(traces, actor)
    _blank(person, SUBJECT, traces)
    person.save(update_fields=[*SUBJECT.fields, "updated_at"])
    _scrub_trail(traces, about, renamed)
    audit.record(
        actor=actor,
        action="registry.person.erased",
        instance=person,
        note=traces.scrub(reason, with_birth_date=True),
    )
    return person
