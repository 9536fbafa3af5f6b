"""The centre's facility figures: utilisation per facility and month, use by enterprise, and production from
recorded usage.

Decisions, written once:

- **Booked hours** are the hours of reservations whose booking is *approved* or *completed*. A *requested*
  booking holds its time (nobody else may take it) but has not been granted, and may still be rejected: counting
  it would report as used a room that may stay empty. Cancelled and rejected bookings never count.
- A reservation is **clipped to the month**: a booking from 30 March 20:00 to 1 April 04:00 gives 4 hours to March
  and 4 to April. Hours are counted whole, in the site's time zone: a booking that holds a room overnight holds it
  for those hours too, so a room held outside its opening hours can pass 100 %.
- **Opening hours** of a month: hours a day (closing minus opening; 24 for a facility open day and night, whose
  opening and closing times are equal) times the open days: every day of the month but the facility's closed
  weekdays and the closed days of its centre (a ClosedDay without facility) or of the facility itself. This is a
  calendar computed from the facility's rules, not rows.
- **Production** is what completed bookings recorded as used and made, in the month their booking starts.

Every sum runs in the database: one row per facility (or per enterprise and facility) with one aggregate per month.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from canting.core.dates import add_months
from canting.facilities.models import BookingState, ClosedDay, Facility, Reservation, Usage

if TYPE_CHECKING:
    from canting.core.models import User

BOOKED = (BookingState.APPROVED, BookingState.COMPLETED)
PIECES = ("pieces_tulis", "pieces_cap", "pieces_kombinasi", "pieces_tiruan")
MAX_MONTHS = 36  # the longest period a report covers: one aggregate per month and figure in one query
HOUR = Decimal(3600)
ZERO = Decimal(0)


# --- months -------------------------------------------------------------------------------------------------------
def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """First days of the months from ``first``'s to ``last``'s, both included (at most MAX_MONTHS)."""
    start, end = first.replace(day=1), last.replace(day=1)
    months: list[datetime.date] = []
    while start <= end and len(months) < MAX_MONTHS:
        months.append(start)
        start = add_months(start, 1)
    return months


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month as aware datetimes in the site's time zone: [first day 00:00, next month's first day 00:00)."""
    start = timezone.make_aware(datetime.datetime.combine(month.replace(day=1), datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(add_months(month.replace(day=1), 1), datetime.time()))
    return start, end


def hours(duration: datetime.timedelta | None) -> Decimal:
    if not duration:
        return ZERO
    return (Decimal(duration.total_seconds()) / HOUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole * 100`` to one place; None when nothing was open."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _overlaps(month: datetime.date, prefix: str = "") -> Q:
    start, end = month_bounds(month)
    return Q(**{f"{prefix}starts_at__lt": end, f"{prefix}ends_at__gt": start})


def _clipped(month: datetime.date) -> ExpressionWrapper:
    """The part of a reservation inside the month, as a duration."""
    start, end = month_bounds(month)
    return ExpressionWrapper(
        Least(F("ends_at"), Value(end)) - Greatest(F("starts_at"), Value(start)), output_field=DurationField()
    )


def _booked_hours(months: Sequence[datetime.date]) -> dict[str, Any]:
    """One aggregate per month: the booked hours inside it."""
    booked = Q(booking__state__in=BOOKED)
    return {f"h{i}": Sum(_clipped(m), filter=booked & _overlaps(m)) for i, m in enumerate(months)}


# --- opening hours ------------------------------------------------------------------------------------------------
def hours_a_day(facility: Facility) -> Decimal:
    """Hours a facility is open on an open day; 24 when it opens and closes at the same time (day and night)."""
    opens = facility.opens_at.hour * 60 + facility.opens_at.minute
    closes = facility.closes_at.hour * 60 + facility.closes_at.minute
    minutes = (closes - opens) % (24 * 60) or 24 * 60
    return Decimal(minutes) / 60


def closed_days(facilities: Sequence[Facility], first: datetime.date, last: datetime.date) -> dict[int, set[Any]]:
    """For each facility, the days in [first, last] its centre or the facility itself is closed. One query."""
    rows = ClosedDay.objects.filter(
        Q(facility__isnull=True, centre__in={f.centre_id for f in facilities}) | Q(facility__in=facilities),
        day__gte=first,
        day__lte=last,
    ).values_list("centre_id", "facility_id", "day")
    by_centre: dict[int, set[datetime.date]] = {}
    by_facility: dict[int, set[datetime.date]] = {}
    for centre_id, facility_id, day in rows:
        if facility_id is None:
            by_centre.setdefault(centre_id, set()).add(day)
        else:
            by_facility.setdefault(facility_id, set()).add(day)
    return {f.pk: by_centre.get(f.centre_id, set()) | by_facility.get(f.pk, set()) for f in facilities}


def opening_hours(facility: Facility, month: datetime.date, closed: set[Any]) -> Decimal:
    """Hours the facility is open in the month: hours a day times the days not closed."""
    days = calendar.monthrange(month.year, month.month)[1]
    weekdays = set(facility.closed_weekdays or [])
    open_days = 0
    for d in range(1, days + 1):
        day = month.replace(day=d)
        if day.weekday() not in weekdays and day not in closed:
            open_days += 1
    return hours_a_day(facility) * open_days


# --- utilisation --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Utilisation:
    """One facility in one month."""

    facility: Facility
    month: datetime.date
    booked_hours: Decimal
    opening_hours: Decimal

    @property
    def percent(self) -> Decimal | None:
        return percent(self.booked_hours, self.opening_hours)


def facilities_for(user: User | Any, centre: Any = None, facility: Any = None) -> QuerySet[Facility]:
    found = Facility.objects.for_user(user).select_related("centre")
    if centre is not None:
        found = found.filter(centre=centre)
    if facility is not None:
        found = found.filter(pk=facility.pk)
    return found.order_by("centre__name", "name", "pk")


def utilisation(facilities: QuerySet[Facility], months: Sequence[datetime.date]) -> list[Utilisation]:
    """Booked hours against opening hours per facility and month, facility by facility, month by month.
    Three queries: the facilities, their booked hours (one sum per month), their closed days."""
    found = list(facilities)
    if not found or not months:
        return []
    first, _ = month_bounds(months[0])
    _, end = month_bounds(months[-1])
    sums: dict[int, dict[str, Any]] = {
        row["facility_id"]: dict(row)
        for row in Reservation.objects.filter(
            facility__in=found, booking__state__in=BOOKED, starts_at__lt=end, ends_at__gt=first
        )
        .values("facility_id")
        .annotate(**_booked_hours(months))
        .order_by()
    }
    last_day = add_months(months[-1], 1) - datetime.timedelta(days=1)
    closed = closed_days(found, months[0], last_day)
    rows: list[Utilisation] = []
    for f in found:
        row = sums.get(f.pk, {})
        for i, month in enumerate(months):
            rows.append(Utilisation(f, month, hours(row.get(f"h{i}")), opening_hours(f, month, closed[f.pk])))
    return rows


# --- use by enterprise --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EnterpriseUse:
    """One enterprise's use of one facility in one month."""

    enterprise: str
    enterprise_id: int
    facility: str
    facility_id: int
    month: datetime.date
    booked_hours: Decimal
    bookings: int
    cancellations: int


def enterprise_use(reservations: QuerySet[Reservation], months: Sequence[datetime.date]) -> list[EnterpriseUse]:
    """Per enterprise, facility and month: hours booked (approved or completed), how many such bookings, and how
    many were cancelled. A booking counts in every month it touches. One query; months without any are left out."""
    if not months:
        return []
    counts: dict[str, Any] = {}
    for i, m in enumerate(months):
        counts[f"b{i}"] = Count("booking", distinct=True, filter=Q(booking__state__in=BOOKED) & _overlaps(m))
        counts[f"c{i}"] = Count(
            "booking", distinct=True, filter=Q(booking__state=BookingState.CANCELLED) & _overlaps(m)
        )
    first, _ = month_bounds(months[0])
    _, end = month_bounds(months[-1])
    rows = (
        reservations.filter(starts_at__lt=end, ends_at__gt=first)
        .values("booking__enterprise_id", "booking__enterprise__name", "facility_id", "facility__name")
        .annotate(**_booked_hours(months), **counts)
        .order_by("booking__enterprise__name", "booking__enterprise_id", "facility__name", "facility_id")
    )
    found: list[EnterpriseUse] = []
    for values in rows:
        row: dict[str, Any] = dict(values)
        for i, month in enumerate(months):
            use = EnterpriseUse(
                enterprise=row["booking__enterprise__name"],
                enterprise_id=row["booking__enterprise_id"],
                facility=row["facility__name"],
                facility_id=row["facility_id"],
                month=month,
                booked_hours=hours(row[f"h{i}"]),
                bookings=row[f"b{i}"],
                cancellations=row[f"c{i}"],
            )
            if use.booked_hours or use.bookings or use.cancellations:
                found.append(use)
    return found


# --- production ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Production:
    """What the centre's completed bookings recorded in one month."""

    month: datetime.date
    pieces: dict[str, int] = field(default_factory=dict)
    wax_kg: Decimal = ZERO
    dye_kg: Decimal = ZERO
    water_litres: int = 0

    @property
    def total_pieces(self) -> int:
        return sum(self.pieces.values())


def usage_at(usage: QuerySet[Usage], facilities: QuerySet[Facility]) -> QuerySet[Usage]:
    """Usage of completed bookings that held one of ``facilities`` (a booking of several counts once)."""
    held = Reservation.objects.filter(booking=OuterRef("booking"), facility__in=facilities)
    return usage.filter(Exists(held), booking__state=BookingState.COMPLETED)


def production(usage: QuerySet[Usage], months: Sequence[datetime.date]) -> list[Production]:
    """Pieces by technique, wax, dye and water treated per month, by the month the booking starts. One query."""
    if not months:
        return []
    sums: dict[str, Any] = {}
    for i, m in enumerate(months):
        start, end = month_bounds(m)
        when = Q(booking__starts_at__gte=start, booking__starts_at__lt=end)
        for name in (*PIECES, "wax_kg", "dye_kg", "water_litres"):
            sums[f"{name}_{i}"] = Sum(name, filter=when)
    first, _ = month_bounds(months[0])
    _, end = month_bounds(months[-1])
    row = usage.filter(booking__starts_at__gte=first, booking__starts_at__lt=end).aggregate(**sums)
    return [
        Production(
            month=m,
            pieces={name.removeprefix("pieces_"): int(row[f"{name}_{i}"] or 0) for name in PIECES},
            wax_kg=Decimal(row[f"wax_kg_{i}"] or 0),
            dye_kg=Decimal(row[f"dye_kg_{i}"] or 0),
            water_litres=int(row[f"water_litres_{i}"] or 0),
        )
        for i, m in enumerate(months)
    ]


def pieces_of(usage: QuerySet[Usage]) -> dict[str, int]:
    """Pieces by technique (tulis, cap, kombinasi, tiruan) summed over ``usage``. One query."""
    row = usage.aggregate(**{name: Sum(name) for name in PIECES})
    return {name.removeprefix("pieces_"): int(row[name] or 0) for name in PIECES}


def production_between(usage: QuerySet[Usage], first: datetime.date, last: datetime.date) -> Production:
    """Everything recorded by bookings starting from ``first``'s month to ``last``'s, summed. One query."""
    start, _ = month_bounds(first)
    _, end = month_bounds(last)
    row = usage.filter(booking__starts_at__gte=start, booking__starts_at__lt=end).aggregate(
        **{name: Sum(name) for name in (*PIECES, "wax_kg", "dye_kg", "water_litres")}
    )
    return Production(
        month=first.replace(day=1),
        pieces={name.removeprefix("pieces_"): int(row[name] or 0) for name in PIECES},
        wax_kg=Decimal(row["wax_kg"] or 0),
        dye_kg=Decimal(row["dye_kg"] or 0),
        water_litres=int(row["water_litres"] or 0),
    )
