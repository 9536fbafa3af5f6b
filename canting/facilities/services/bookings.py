"""Bookings of a centre's facilities: request, approve, reject, cancel, and record what was used and made.

The rules of every chosen facility are checked before anything is written (opening hours, closed days, length,
how far ahead, the enterprise's fair-use quota). Overlap is refused twice: a query finds an existing holding
booking and names it; a booking made at the same moment by someone else slips past that query, and then the
database itself refuses it (the exclusion constraint on PostgreSQL, the triggers on SQLite, migration 0002). That
refusal is turned into the same clear message and nothing is written.

Time spans. A facility open day and night (opening time equal to closing time) may be booked across midnight and
across days, in one reservation covering the whole span (every day it touches must be open). A facility with
opening hours is booked inside one opening window: from its opening to its closing time on one day, or, when it
closes after midnight (opens 18:00, closes 06:00), from the evening to the next morning. Several days of such a
room are several bookings, one per day; the refusal says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, DecimalField, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Greatest, Least
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.core.scope import require_staff
from canting.core.services import require_visible
from canting.facilities.models import (
    HOLDING,
    Booking,
    BookingState,
    ClosedDay,
    Facility,
    Quota,
    Reservation,
    Usage,
)
from canting.registry.models import Enterprise

OVERLAP_CONSTRAINT = "facilities_reservation_no_overlap"
DECIDABLE = (BookingState.REQUESTED,)
CANCELLABLE = (BookingState.REQUESTED, BookingState.APPROVED)
USAGE_STATES = (BookingState.APPROVED, BookingState.COMPLETED)
USAGE_FIELDS = (
    "pieces_tulis",
    "pieces_cap",
    "pieces_kombinasi",
    "pieces_tiruan",
    "wax_kg",
    "dye_kg",
    "water_litres",
    "notes",
)
STATE_FIELDS = ["state", "reason", "decided_by", "decided_at"]


# Showing times -----------------------------------------------------------------------------------------------


def moment(value: datetime.datetime) -> str:
    """A time as people read it: day and hour in the site's time zone."""
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def _day(value: datetime.date) -> str:
    return value.strftime("%d-%m-%Y")


def _hhmm(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


# The rules of one facility -----------------------------------------------------------------------------------


def _closed_reason(facility: Facility, day: datetime.date, closed_days: Mapping[datetime.date, str]) -> str | None:
    if day.weekday() in (facility.closed_weekdays or []):
        return _("%(facility)s is closed on %(weekday)s (%(day)s).") % {
            "facility": facility.name,
            "weekday": formats.date_format(day, "l"),
            "day": _day(day),
        }
    if day in closed_days:
        return _("%(facility)s is closed on %(day)s: %(reason)s.") % {
            "facility": facility.name,
            "day": _day(day),
            "reason": closed_days[day],
        }
    return None


def _closed_days(facility: Facility, first: datetime.date, last: datetime.date) -> dict[datetime.date, str]:
    """The centre's and the facility's closed days between two days, with their reasons."""
    rows = ClosedDay.objects.filter(
        Q(centre_id=facility.centre_id, facility__isnull=True) | Q(facility=facility), day__gte=first, day__lte=last
    ).values_list("day", "reason")
    return dict(rows)


def _opening_window(facility: Facility, starts_at: datetime.datetime, ends_at: datetime.datetime) -> datetime.date:
    """The day whose opening window holds the whole booking; refused when none does."""
    local_start = timezone.localtime(starts_at)
    overnight = facility.closes_at <= facility.opens_at
    for day in (local_start.date() - datetime.timedelta(days=1), local_start.date()):
        opens = _aware(day, facility.opens_at)
        closes = _aware(day + datetime.timedelta(days=1 if overnight else 0), facility.closes_at)
        if opens <= starts_at and ends_at <= closes:
            return day
    hours = {"facility": facility.name, "opens": _hhmm(facility.opens_at), "closes": _hhmm(facility.closes_at)}
    if ends_at - starts_at > datetime.timedelta(days=1) or (
        not overnight and timezone.localtime(ends_at).date() > local_start.date()
    ):
        raise ValidationError(
            _(
                "%(facility)s is open from %(opens)s to %(closes)s, so a booking cannot run past closing time. "
                "For several days, make one booking for each day."
            )
            % hours,
            code="outside_hours",
        )
    raise ValidationError(
        _("%(facility)s is open from %(opens)s to %(closes)s; choose a time inside its opening hours.") % hours,
        code="outside_hours",
    )


def _check_open(facility: Facility, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if facility.open_all_day:
        first = timezone.localtime(starts_at).date()
        last = timezone.localtime(ends_at - datetime.timedelta(microseconds=1)).date()
        days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    else:
        days = [_opening_window(facility, starts_at, ends_at)]
    closed = _closed_days(facility, days[0], days[-1])
    for day in days:
        reason = _closed_reason(facility, day, closed)
        if reason:
            raise ValidationError(reason, code="closed")


def _check_length(facility: Facility, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < facility.min_minutes:
        raise ValidationError(
            _("%(facility)s is booked for at least %(minutes)d minutes.")
            % {"facility": facility.name, "minutes": facility.min_minutes},
            code="too_short",
        )
    if minutes > facility.max_minutes:
        raise ValidationError(
            _("%(facility)s is booked for at most %(minutes)d minutes at a time.")
            % {"facility": facility.name, "minutes": facility.max_minutes},
            code="too_long",
        )


def _check_ahead(facility: Facility, starts_at: datetime.datetime, now: datetime.datetime) -> None:
    last_day = timezone.localtime(now).date() + datetime.timedelta(days=facility.max_days_ahead)
    if timezone.localtime(starts_at).date() > last_day:
        raise ValidationError(
            _("%(facility)s can be booked at most %(days)d days ahead, until %(day)s.")
            % {"facility": facility.name, "days": facility.max_days_ahead, "day": _day(last_day)},
            code="too_far_ahead",
        )


def quota_of(facility: Facility, enterprise: Enterprise) -> int | None:
    """Hours a month the enterprise may book the facility: its own quota, else the facility's default, else none."""
    return (
        Quota.objects.filter(Q(enterprise=enterprise) | Q(enterprise__isnull=True), facility=facility)
        .order_by(F("enterprise_id").asc(nulls_last=True))
        .values_list("hours_per_month", flat=True)
        .first()
    )


def booked_hours(
    facility: Facility, enterprise: Enterprise, month_start: datetime.datetime, month_end: datetime.datetime
) -> Decimal:
    """Hours the enterprise holds on the facility inside one month (the part of each booking within it)."""
    start = Value(month_start, output_field=DateTimeField())
    end = Value(month_end, output_field=DateTimeField())
    inside = ExpressionWrapper(Least(F("ends_at"), end) - Greatest(F("starts_at"), start), output_field=DurationField())
    total = (
        Reservation.objects.filter(facility=facility, holds=True, booking__enterprise=enterprise)
        .overlapping(month_start, month_end)
        .aggregate(total=Sum(inside))["total"]
    )
    seconds = total.total_seconds() if total else 0
    return Decimal(seconds / 3600).quantize(Decimal("0.01"))


def _months(
    starts_at: datetime.datetime, ends_at: datetime.datetime
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The calendar months (in the site's time zone) a span touches, each as [start, end)."""
    first = timezone.localtime(starts_at).date().replace(day=1)
    months: list[tuple[datetime.datetime, datetime.datetime]] = []
    while True:
        month_start = _aware(first, datetime.time(0))
        if month_start >= ends_at:
            return months
        following = add_months(first, 1)
        months.append((month_start, _aware(following, datetime.time(0))))
        first = following


def _check_quota(
    facility: Facility, enterprise: Enterprise, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> None:
    quota = quota_of(facility, enterprise)
    if quota is None:
        return
    for month_start, month_end in _months(starts_at, ends_at):
        held = booked_hours(facility, enterprise, month_start, month_end)
        wanted = Decimal((min(ends_at, month_end) - max(starts_at, month_start)).total_seconds() / 3600)
        if held + wanted > quota:
            raise ValidationError(
                _(
                    "The fair-use quota of %(facility)s is %(quota)d hours a month; %(enterprise)s already holds "
                    "%(held)s hours in %(month)s, so this booking of %(wanted)s hours does not fit."
                )
                % {
                    "facility": facility.name,
                    "quota": quota,
                    "enterprise": enterprise.name,
                    "held": formats.number_format(held.normalize()),
                    "month": formats.date_format(timezone.localtime(month_start).date(), "YEAR_MONTH_FORMAT"),
                    "wanted": formats.number_format(wanted.quantize(Decimal("0.01")).normalize()),
                },
                code="quota",
            )


def _overlap_message(facility: Facility, starts_at: datetime.datetime, ends_at: datetime.datetime) -> str | None:
    taken = (
        Reservation.objects.busy()
        .filter(facility=facility)
        .overlapping(starts_at, ends_at)
        .order_by("starts_at")
        .values_list("starts_at", "ends_at")
        .first()
    )
    if taken is None:
        return None
    return _("%(facility)s is already booked from %(start)s to %(end)s.") % {
        "facility": facility.name,
        "start": moment(taken[0]),
        "end": moment(taken[1]),
    }


def check_facility(
    facility: Facility,
    enterprise: Enterprise,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> None:
    """Every rule of one facility for one booking; the first broken one is refused with its reason."""
    now = now or timezone.now()
    if not facility.active:
        raise ValidationError(
            _("%(facility)s cannot be booked at the moment.") % {"facility": facility.name}, code="inactive"
        )
    if starts_at <= now:
        raise ValidationError(_("A booking must start in the future."), code="past")
    _check_ahead(facility, starts_at, now)
    _check_open(facility, starts_at, ends_at)
    _check_length(facility, starts_at, ends_at)
    message = _overlap_message(facility, starts_at, ends_at)
    if message:
        raise ValidationError(message, code="overlap")
    _check_quota(facility, enterprise, starts_at, ends_at)


# Who may act -------------------------------------------------------------------------------------------------


def _require_booker(actor: User | None, enterprise: Enterprise) -> None:
    if actor is not None and actor.role not in (Role.STAFF, Role.ARTISAN):
        raise ValidationError(_("Only office staff and artisans book facilities."), code="not_allowed")
    require_visible(Enterprise.objects, enterprise, actor, _("You can only book for your own enterprise."))


def _locked(booking: Booking, actor: User | None) -> Booking:
    require_visible(Booking.objects, booking, actor, _("This booking belongs to another enterprise."))
    return Booking.objects.select_for_update(of=("self",)).select_related("enterprise").get(pk=booking.pk)


def allowed_actions(booking: Booking, user: Any, now: datetime.datetime | None = None) -> set[str]:
    """What the user may do with a booking they can see: approve, reject, cancel, usage (for the buttons)."""
    now = now or timezone.now()
    role = getattr(user, "role", None)
    if role not in (Role.STAFF, Role.ARTISAN):
        return set()
    actions = set()
    if role == Role.STAFF and booking.state in DECIDABLE:
        actions |= {"approve", "reject"}
    if booking.state in CANCELLABLE and now < booking.ends_at:
        actions.add("cancel")
    if booking.state in USAGE_STATES and now >= booking.starts_at:
        actions.add("usage")
    return actions


# The services ------------------------------------------------------------------------------------------------


@transaction.atomic
def request_booking(
    actor: User | None,
    enterprise: Enterprise,
    facilities: Iterable[Facility],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str = "",
) -> Booking:
    """Book one or several facilities of one centre together, for one enterprise, for one span of time.

    Approved at once when no chosen facility needs approval, otherwise requested. Staff book on the enterprise's
    behalf. The enterprise row is locked first, so two bookings of one enterprise cannot both slip under its quota.
    """
    _require_booker(actor, enterprise)
    chosen = sorted({f.pk: f for f in facilities}.values(), key=lambda f: f.pk)
    if not chosen:
        raise ValidationError({"facilities": _("Choose at least one facility.")}, code="no_facility")
    if ends_at <= starts_at:
        raise ValidationError(_("A booking must end after it starts."), code="ends_before_start")
    if len({f.centre_id for f in chosen}) > 1:
        raise ValidationError(
            {"facilities": _("Book the facilities of one centre together; make a booking per centre.")},
            code="several_centres",
        )
    if actor is not None:
        visible = set(
            Facility.objects.for_user(actor).filter(pk__in=[f.pk for f in chosen]).values_list("pk", flat=True)
        )
        for facility in chosen:
            if facility.pk not in visible:
                raise ValidationError(
                    _("%(facility)s belongs to another area's centre.") % {"facility": facility.name},
                    code="outside_area",
                )
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    # One booking of a facility at a time, locked in one order (by id): the next request waits and then finds the
    # first in its overlap query. Without the locks, inserts checking the exclusion constraint against each other can
    # deadlock on PostgreSQL instead of one of them being refused.
    list(Facility.objects.select_for_update().filter(pk__in=[f.pk for f in chosen]).order_by("pk"))
    now = timezone.now()
    for facility in chosen:
        check_facility(facility, enterprise, starts_at, ends_at, now)
    on_behalf = actor is not None and actor.role == Role.STAFF
    needs_approval = any(f.needs_approval for f in chosen)
    booking = Booking(
        enterprise=enterprise,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose.strip(),
        requested_by=actor,
        on_behalf=on_behalf,
        state=BookingState.REQUESTED if needs_approval else BookingState.APPROVED,
    )
    if not needs_approval:
        booking.decided_at = now
    booking.full_clean()
    booking.save()
    _reserve(booking, chosen)
    fields = ["enterprise", "starts_at", "ends_at", "state", "purpose", "on_behalf"]
    audit.record(
        actor=actor,
        action="facilities.booking.requested",
        instance=booking,
        changes=audit.diff({}, audit.snapshot(booking, fields)),
        note=", ".join(f.name for f in chosen),
    )
    return booking


def _reserve(booking: Booking, facilities: list[Facility]) -> None:
    """One reservation a facility; the database refuses one that overlaps a booking made a moment ago."""
    for facility in facilities:
        try:
            with transaction.atomic():
                Reservation.objects.create(
                    booking=booking, facility=facility, starts_at=booking.starts_at, ends_at=booking.ends_at
                )
        except IntegrityError as exc:
            if OVERLAP_CONSTRAINT not in str(exc):
                raise
            message = _overlap_message(facility, booking.starts_at, booking.ends_at) or _(
                "%(facility)s was booked by someone else a moment ago for this time."
            ) % {"facility": facility.name}
            raise ValidationError(message, code="overlap") from None


def _change_state(
    booking: Booking, *, actor: User | None, state: str, action: str, reason: str = "", decided: bool = False
) -> Booking:
    before = audit.snapshot(booking, STATE_FIELDS)
    booking.state = state
    if reason:
        booking.reason = reason
    if decided:
        booking.decided_by = actor
        booking.decided_at = timezone.now()
    booking.save(update_fields=[*STATE_FIELDS, "updated_at"])
    if state not in HOLDING:
        booking.reservations.update(holds=False)
    audit.record(
        actor=actor,
        action=action,
        instance=booking,
        changes=audit.diff(before, audit.snapshot(booking, STATE_FIELDS)),
        note=reason,
    )
    return booking


def _refuse_state(booking: Booking, message: str) -> ValidationError:
    """``message`` names the booking's state as %(state)s."""
    return ValidationError(message % {"state": booking.get_state_display().lower()}, code="wrong_state")


@transaction.atomic
def approve(booking: Booking, *, actor: User | None) -> Booking:
    """Staff approve a requested booking."""
    require_staff(actor, _("Only office staff approve bookings."))
    fresh = _locked(booking, actor)
    if fresh.state not in DECIDABLE:
        raise _refuse_state(fresh, _("This booking is %(state)s; only a requested booking can be approved."))
    return _change_state(
        fresh, actor=actor, state=BookingState.APPROVED, action="facilities.booking.approved", decided=True
    )


@transaction.atomic
def reject(booking: Booking, *, actor: User | None, reason: str) -> Booking:
    """Staff refuse a requested booking, saying why; its time is free again."""
    require_staff(actor, _("Only office staff reject bookings."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the booking is rejected.")}, code="reason_required")
    fresh = _locked(booking, actor)
    if fresh.state not in DECIDABLE:
        raise _refuse_state(fresh, _("This booking is %(state)s; only a requested booking can be rejected."))
    return _change_state(
        fresh,
        actor=actor,
        state=BookingState.REJECTED,
        action="facilities.booking.rejected",
        reason=reason,
        decided=True,
    )


@transaction.atomic
def cancel(booking: Booking, *, actor: User | None, reason: str = "") -> Booking:
    """The enterprise (reason optional) or staff (reason required) call a booking off before it ends."""
    if actor is not None and actor.role not in (Role.STAFF, Role.ARTISAN):
        raise ValidationError(_("Only office staff and artisans cancel bookings."), code="not_allowed")
    reason = (reason or "").strip()
    if actor is not None and actor.role == Role.STAFF and not reason:
        raise ValidationError(
            {"reason": _("Say why the booking is cancelled: the enterprise will read it.")}, code="reason_required"
        )
    fresh = _locked(booking, actor)
    if fresh.state not in CANCELLABLE:
        raise _refuse_state(fresh, _("This booking is %(state)s and can no longer be cancelled."))
    if timezone.now() >= fresh.ends_at:
        raise ValidationError(_("This booking has already ended and can no longer be cancelled."), code="ended")
    return _change_state(
        fresh, actor=actor, state=BookingState.CANCELLED, action="facilities.booking.cancelled", reason=reason
    )


def _as_stored(usage: Usage, name: str, value: Any) -> Any:
    """Decimals with the places the column keeps, so that an unchanged amount is not audited as a change."""
    field = usage._meta.get_field(name)
    if isinstance(field, DecimalField) and value is not None and value != "":
        return Decimal(value).quantize(Decimal(1).scaleb(-(field.decimal_places or 0)))
    return value


@transaction.atomic
def record_usage(booking: Booking, *, actor: User | None, data: Mapping[str, Any]) -> Usage:
    """What a booking used and made, once it has started; the booking is then completed. Recording again corrects."""
    if actor is not None and actor.role not in (Role.STAFF, Role.ARTISAN):
        raise ValidationError(_("Only office staff and artisans record usage."), code="not_allowed")
    fresh = _locked(booking, actor)
    if fresh.state not in USAGE_STATES:
        if fresh.state == BookingState.REQUESTED:
            raise ValidationError(_("This booking has not been approved yet."), code="not_approved")
        raise _refuse_state(fresh, _("This booking is %(state)s; no usage can be recorded for it."))
    if timezone.now() < fresh.starts_at:
        raise ValidationError(
            _("Usage is recorded once the booking has started, from %(start)s.") % {"start": moment(fresh.starts_at)},
            code="not_started",
        )
    usage = Usage.objects.filter(booking=fresh).first()
    fields = [name for name in USAGE_FIELDS if name in data]
    before = audit.snapshot(usage, fields) if usage else {}
    if usage is None:
        usage = Usage(booking=fresh)
    for name in fields:
        setattr(usage, name, _as_stored(usage, name, data[name]))
    usage.recorded_by = actor
    usage.full_clean()
    usage.save()
    audit.record(
        actor=actor,
        action="facilities.usage.recorded",
        instance=usage,
        changes=audit.diff(before, audit.snapshot(usage, fields)),
    )
    if fresh.state != BookingState.COMPLETED:
        _change_state(fresh, actor=actor, state=BookingState.COMPLETED, action="facilities.booking.completed")
    return usage
