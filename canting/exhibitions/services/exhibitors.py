"""Enterprises at an exhibition: they apply (or staff invite them), staff select them, and give them a booth.

A booth never holds two exhibitors on overlapping days. The refusal comes twice: a query finds the assignment that
holds the booth and names it; an assignment made at the same moment slips past that query, and then the database
refuses it (the exclusion constraint on PostgreSQL, the triggers on SQLite, migration 0002). That refusal becomes
the same clear message, and the savepoint around the insert means nothing of the attempt is kept.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from canting.core import audit, public_cache, services
from canting.core.models import Role, User
from canting.exhibitions.models import Booth, BoothAssignment, Exhibition, Exhibitor, ExhibitorStatus
from canting.exhibitions.services.exhibitions import check_exhibition, check_staff
from canting.registry.models import Enterprise

DECIDABLE = (ExhibitorStatus.APPLIED, ExhibitorStatus.INVITED, ExhibitorStatus.SELECTED, ExhibitorStatus.REJECTED)
DECISIONS = (ExhibitorStatus.SELECTED, ExhibitorStatus.REJECTED)


def _days(first: datetime.date, last: datetime.date) -> str:
    """A span of days as people say it, in the reader's language: "6-10 Oct 2023", "30 Sep-2 Oct 2023"."""

    def say(day: datetime.date, pattern: str) -> str:
        return formats.date_format(day, pattern)

    if first == last:
        return say(first, "j M Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{say(first, 'j')}-{say(last, 'j M Y')}"
    if first.year == last.year:
        return f"{say(first, 'j M')}-{say(last, 'j M Y')}"
    return f"{say(first, 'j M Y')}-{say(last, 'j M Y')}"


def applications_open(exhibition: Exhibition, today: datetime.date | None = None) -> bool:
    """An exhibition takes applications until its deadline (or, with none, until it starts)."""
    today = today or timezone.localdate()
    last = exhibition.application_deadline or exhibition.starts_on - datetime.timedelta(days=1)
    return today <= last


def _locked(exhibitor: Exhibitor) -> Exhibitor:
    return (
        Exhibitor.objects.select_for_update(of=("self",))
        .select_related("exhibition", "enterprise")
        .get(pk=exhibitor.pk)
    )


def _change_status(exhibitor: Exhibitor, *, actor: User | None, status: str, note: str, action: str) -> Exhibitor:
    changes: dict[str, object] = {"status": status, "note": note}
    if actor is not None and actor.role == Role.STAFF:
        changes["decided_by"] = actor
    result = services.update(exhibitor, changes, actor=actor, action=action, note=note)
    transaction.on_commit(public_cache.bump_version)  # selected exhibitors are named on the public calendar
    return result


@transaction.atomic
def apply(actor: User | None, exhibition: Exhibition, enterprise: Enterprise) -> Exhibitor:
    """An artisan puts their own enterprise forward for an exhibition, once, before applications close."""
    if actor is not None and actor.role not in (Role.ARTISAN, Role.STAFF):
        raise ValidationError(_("Only artisans apply for exhibitions."), code="not_allowed")
    services.require_visible(Enterprise.objects, enterprise, actor, _("You can only apply for your own enterprise."))
    if not applications_open(exhibition):
        raise ValidationError(_("Applications for this exhibition have closed."), code="closed")
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()  # two clicks: one application
    if Exhibitor.objects.filter(exhibition=exhibition, enterprise=enterprise).exists():
        raise ValidationError(
            _("%(enterprise)s is already on this exhibition's list.") % {"enterprise": enterprise.name},
            code="already_listed",
        )
    return services.create(
        Exhibitor(exhibition=exhibition, enterprise=enterprise, status=ExhibitorStatus.APPLIED),
        actor=actor,
        action="exhibitions.exhibitor.applied",
    )


@transaction.atomic
def invite(actor: User | None, exhibition: Exhibition, enterprise: Enterprise) -> Exhibitor:
    """Staff ask an enterprise to exhibit; it then waits, like an application, for their decision."""
    check_exhibition(actor, exhibition)
    services.require_visible(
        Enterprise.objects, enterprise, actor, _("This enterprise belongs to another region's office.")
    )
    if Exhibitor.objects.filter(exhibition=exhibition, enterprise=enterprise).exists():
        raise ValidationError(
            _("%(enterprise)s is already on this exhibition's list.") % {"enterprise": enterprise.name},
            code="already_listed",
        )
    return services.create(
        Exhibitor(exhibition=exhibition, enterprise=enterprise, status=ExhibitorStatus.INVITED),
        actor=actor,
        action="exhibitions.exhibitor.invited",
    )


@transaction.atomic
def decide(actor: User | None, exhibitor: Exhibitor, status: str, note: str = "") -> Exhibitor:
    """Staff select an applicant or turn them down (with a note they will read). Turning down a selected
    exhibitor frees its booth."""
    check_staff(actor, _("Only office staff choose exhibitors."))
    check_exhibition(actor, exhibitor.exhibition)
    if status not in DECISIONS:
        raise ValidationError(_("Choose to select or not to select."), code="bad_decision")
    fresh = _locked(exhibitor)
    if fresh.status not in DECIDABLE:
        raise ValidationError(
            _("This exhibitor is %(status)s; there is nothing to decide.") % {"status": fresh.get_status_display()},
            code="bad_state",
        )
    if status == ExhibitorStatus.REJECTED:
        _free_booths(fresh, actor)
    action = (
        "exhibitions.exhibitor.selected" if status == ExhibitorStatus.SELECTED else "exhibitions.exhibitor.rejected"
    )
    return _change_status(fresh, actor=actor, status=status, note=(note or "").strip(), action=action)


@transaction.atomic
def withdraw(actor: User | None, exhibitor: Exhibitor, note: str = "") -> Exhibitor:
    """The enterprise (or staff for it) steps back; any booth it held is free again at once."""
    if actor is not None and actor.role not in (Role.ARTISAN, Role.STAFF):
        raise ValidationError(_("Only artisans and office staff withdraw an exhibitor."), code="not_allowed")
    services.require_visible(Exhibitor.objects, exhibitor, actor, _("This exhibitor is another enterprise."))
    fresh = _locked(exhibitor)
    if fresh.status in (ExhibitorStatus.WITHDRAWN, ExhibitorStatus.REJECTED):
        raise ValidationError(
            _("This exhibitor is %(status)s already.") % {"status": fresh.get_status_display()}, code="bad_state"
        )
    _free_booths(fresh, actor)
    return _change_status(
        fresh, actor=actor, status=ExhibitorStatus.WITHDRAWN, note=(note or "").strip(),
        action="exhibitions.exhibitor.withdrawn",
    )  # fmt: skip


def _free_booths(exhibitor: Exhibitor, actor: User | None) -> None:
    for assignment in BoothAssignment.objects.filter(exhibitor=exhibitor, active=True).select_related("booth"):
        assignment.active = False
        assignment.save(update_fields=["active"])
        audit.record(
            actor=actor,
            action="exhibitions.booth.freed",
            instance=exhibitor,
            changes={"booth": [assignment.booth.code, None]},
        )


def _taken_message(booth: Booth, starts_on: datetime.date, ends_on: datetime.date, exclude: int) -> str | None:
    taken = (
        BoothAssignment.objects.filter(booth=booth, active=True, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(exhibitor_id=exclude)
        .select_related("exhibitor__enterprise")
        .order_by("starts_on")
        .first()
    )
    if taken is None:
        return None
    return _taken_text(booth, taken)


def _taken_text(booth: Booth, taken: BoothAssignment | None) -> str:
    if taken is None:
        return _("Booth %(booth)s was just given to another exhibitor for these days.") % {"booth": booth.code}
    return _("Booth %(booth)s is already given to %(enterprise)s on %(days)s.") % {
        "booth": booth.code,
        "enterprise": taken.exhibitor.enterprise.name,
        "days": _days(taken.starts_on, taken.ends_on),
    }


def _check_assignment(exhibitor: Exhibitor, booth: Booth, starts_on: datetime.date, ends_on: datetime.date) -> None:
    exhibition = exhibitor.exhibition
    if exhibitor.status != ExhibitorStatus.SELECTED:
        raise ValidationError(_("Only a selected exhibitor is given a booth."), code="not_selected")
    if booth.exhibition_id != exhibition.pk:
        raise ValidationError({"booth": _("This booth belongs to another exhibition.")}, code="other_exhibition")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day cannot come before the first.")}, code="ends_before_start")
    if starts_on < exhibition.starts_on or ends_on > exhibition.ends_on:
        raise ValidationError(
            _("The exhibition runs on %(days)s; choose days within it.")
            % {"days": _days(exhibition.starts_on, exhibition.ends_on)},
            code="outside_exhibition",
        )


@transaction.atomic
def assign_booth(
    actor: User | None,
    exhibitor: Exhibitor,
    booth: Booth,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> BoothAssignment:
    """Give a selected exhibitor a booth for some days of the exhibition (by default all of them).

    An exhibitor holds one booth: a booth it held before is let go in the same transaction (moving an exhibitor
    never leaves it with two booths, nor with none when the new one is refused).
    """
    check_staff(actor, _("Only office staff give out booths."))
    check_exhibition(actor, exhibitor.exhibition)
    fresh = _locked(exhibitor)
    exhibition = fresh.exhibition
    starts_on = starts_on or exhibition.starts_on
    ends_on = ends_on or exhibition.ends_on
    _check_assignment(fresh, booth, starts_on, ends_on)
    # One assignment of a booth at a time: the second waits here and then sees the first in the query below. Without
    # the lock, two inserts checking the exclusion constraint against each other can deadlock on PostgreSQL.
    Booth.objects.select_for_update().filter(pk=booth.pk).first()
    message = _taken_message(booth, starts_on, ends_on, exclude=fresh.pk)
    if message:
        raise ValidationError(message, code="booth_taken")
    previous = list(BoothAssignment.objects.filter(exhibitor=fresh, active=True).select_related("booth"))
    try:
        with transaction.atomic():  # a savepoint: the database's refusal undoes only this attempt
            for old in previous:
                old.active = False
                old.save(update_fields=["active"])
            assignment = BoothAssignment.objects.create(
                booth=booth, exhibitor=fresh, starts_on=starts_on, ends_on=ends_on, assigned_by=actor
            )
    except IntegrityError as exc:
        taken = (
            BoothAssignment.objects.filter(booth=booth, active=True, starts_on__lte=ends_on, ends_on__gte=starts_on)
            .select_related("exhibitor__enterprise")
            .first()
        )
        raise ValidationError(_taken_text(booth, taken), code="booth_taken") from exc
    audit.record(
        actor=actor,
        action="exhibitions.booth.assigned",
        instance=fresh,
        changes={
            "booth": [", ".join(old.booth.code for old in previous) or None, booth.code],
            "days": [None, f"{starts_on.isoformat()}..{ends_on.isoformat()}"],
        },
    )
    return assignment
