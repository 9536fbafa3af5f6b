"""The grids of the calendars: which days of a month are free, partly or fully booked or closed, and the booked
blocks and free hours of a week.

Booked time is summed in the database: one grouped query per set of opening hours, whatever the bookings
(reservations never overlap on one facility, so the sum of their overlaps with a day's opening hours is the
booked part of that day). Only a week's blocks are read row by row, to be drawn.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DateTimeField, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from canting.facilities.models import ClosedDay, Facility, Reservation

FREE, PARTLY, FULL, CLOSED = "free", "partly", "full", "closed"
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def parse_day(value: str | None, default: datetime.date) -> datetime.date:
    """The ``date`` of a calendar's address; anything unreadable is today."""
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def month_days(day: datetime.date) -> list[datetime.date]:
    """The days of the weeks (Monday first) that hold ``day``'s month: 28 to 42 days."""
    first = day.replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    start = first - datetime.timedelta(days=first.weekday())
    end = next_month + datetime.timedelta(days=(7 - next_month.weekday()) % 7)
    return [start + datetime.timedelta(days=i) for i in range((end - start).days)]


def week_days(day: datetime.date) -> list[datetime.date]:
    start = day - datetime.timedelta(days=day.weekday())
    return [start + datetime.timedelta(days=i) for i in range(7)]


def window(opens_at: datetime.time, closes_at: datetime.time, day: datetime.date) -> tuple[datetime.datetime, ...]:
    """The opening hours of a day as aware datetimes: all day when the times are equal, past midnight when the
    facility closes before it opens."""
    if opens_at == closes_at:
        opens_at = closes_at = datetime.time(0, 0)
    start = timezone.make_aware(datetime.datetime.combine(day, opens_at))
    end_day = day if closes_at > opens_at else day + DAY
    return start, timezone.make_aware(datetime.datetime.combine(end_day, closes_at))


@dataclass
class DayCell:
    """One facility (or, on the centre's month, every facility) on one day."""

    day: datetime.date
    status: str = FREE
    booked_minutes: int = 0
    open_minutes: int = 0
    mine: int = 0
    in_month: bool = True
    past: bool = False
    today: bool = False
    start: datetime.datetime | None = None  # when a booking made from this cell would start; None: not bookable
    free_count: int = 0  # the centre's month: facilities with time free that day
    open_count: int = 0
    url: str = ""  # where tapping the cell leads

    @property
    def free_hours(self) -> float:
        return round(max(self.open_minutes - self.booked_minutes, 0) / 60, 1)

    @property
    def booked_hours(self) -> float:
        return round(self.booked_minutes / 60, 1)


def _closed_days(centre_ids: Iterable[int], first: datetime.date, last: datetime.date) -> set[tuple[str, int, Any]]:
    """(``"c"``, centre) or (``"f"``, facility) with the day, for every closure in the range."""
    found: set[tuple[str, int, Any]] = set()
    rows = ClosedDay.objects.filter(centre__in=list(centre_ids), day__range=(first, last)).values_list(
        "centre_id", "facility_id", "day"
    )
    for centre_id, facility_id, day in rows:
        found.add(("f", facility_id, day) if facility_id else ("c", centre_id, day))
    return found


def booked_minutes(
    facilities: Sequence[Facility], days: Sequence[datetime.date], mine: int | None = None
) -> dict[tuple[int, datetime.date], tuple[int, int]]:
    """For every facility and day: minutes booked within its opening hours, and how many of those bookings are
    enterprise ``mine``'s. One query per distinct set of opening hours."""
    groups: dict[tuple[datetime.time, datetime.time], list[int]] = defaultdict(list)
    for facility in facilities:
        groups[(facility.opens_at, facility.closes_at)].append(facility.pk)
    found: dict[tuple[int, datetime.date], tuple[int, int]] = {}
    for (opens_at, closes_at), ids in groups.items():
        windows = [window(opens_at, closes_at, day) for day in days]
        sums: dict[str, Any] = {}
        for i, (lo, hi) in enumerate(windows):
            overlap = Q(starts_at__lt=hi, ends_at__gt=lo)
            part = ExpressionWrapper(
                Least(F("ends_at"), Value(hi, output_field=DateTimeField()))
                - Greatest(F("starts_at"), Value(lo, output_field=DateTimeField())),
                output_field=DurationField(),
            )
            sums[f"m{i}"] = Sum(part, filter=overlap)
            if mine is not None:
                sums[f"o{i}"] = Count("id", filter=overlap & Q(booking__enterprise_id=mine))
        rows = (
            Reservation.objects.busy()
            .filter(facility__in=ids, starts_at__lt=windows[-1][1], ends_at__gt=windows[0][0])
            .order_by()
            .values("facility")
            .annotate(**sums)
        )
        for row in rows:
            for i, day in enumerate(days):
                total = row[f"m{i}"]
                minutes = int(total.total_seconds() // 60) if total else 0
                found[(row["facility"], day)] = (minutes, row.get(f"o{i}") or 0)
    return found


def _start_for(lo: datetime.datetime, hi: datetime.datetime, now: datetime.datetime) -> datetime.datetime | None:
    """The first whole hour a booking could start in a window, or None when the window is over."""
    if hi <= now:
        return None
    if lo >= now:
        return lo
    start = lo + HOUR * (int((now - lo) / HOUR) + 1)
    return start if start < hi else None


def facility_days(
    facilities: Sequence[Facility], days: Sequence[datetime.date], mine: int | None = None, month: int | None = None
) -> dict[int, list[DayCell]]:
    """Each facility's days with their state: closed (a closed weekday or a closed day of the facility or of the
    whole centre), fully booked, partly booked, or free."""
    booked = booked_minutes(facilities, days, mine)
    closed = _closed_days({f.centre_id for f in facilities}, days[0], days[-1])
    now = timezone.now()
    today = timezone.localdate()
    grid: dict[int, list[DayCell]] = {}
    for facility in facilities:
        cells = []
        for day in days:
            lo, hi = window(facility.opens_at, facility.closes_at, day)
            minutes, own = booked.get((facility.pk, day), (0, 0))
            cell = DayCell(
                day=day,
                booked_minutes=minutes,
                open_minutes=int((hi - lo).total_seconds() // 60),
                mine=own,
                in_month=month is None or day.month == month,
                past=day < today,
                today=day == today,
            )
            if (
                day.weekday() in (facility.closed_weekdays or [])
                or ("c", facility.centre_id, day) in closed
                or ("f", facility.pk, day) in closed
            ):
                cell.status = CLOSED
            elif minutes >= cell.open_minutes:
                cell.status = FULL
            elif minutes:
                cell.status = PARTLY
            if cell.status != CLOSED and cell.status != FULL and facility.active:
                cell.start = _start_for(lo, hi, now)
            cells.append(cell)
        grid[facility.pk] = cells
    return grid


def centre_days(grid: dict[int, list[DayCell]], days: Sequence[datetime.date], month: int) -> list[DayCell]:
    """The centre's month: per day, how many facilities are open and how many still have time free."""
    today = timezone.localdate()
    cells = []
    for i, day in enumerate(days):
        column = [cells_of[i] for cells_of in grid.values()]
        opened = [c for c in column if c.status != CLOSED]
        free = [c for c in opened if c.status != FULL]
        cell = DayCell(
            day=day,
            in_month=day.month == month,
            past=day < today,
            today=day == today,
            open_count=len(opened),
            free_count=len(free),
            mine=sum(c.mine for c in column),
            booked_minutes=sum(c.booked_minutes for c in opened),
            open_minutes=sum(c.open_minutes for c in opened),
        )
        if not opened:
            cell.status = CLOSED
        elif not free:
            cell.status = FULL
        elif any(c.booked_minutes for c in opened):
            cell.status = PARTLY
        cells.append(cell)
    return cells


def weeks(cells: Sequence[DayCell]) -> list[list[DayCell]]:
    return [list(cells[i : i + 7]) for i in range(0, len(cells), 7)]


@dataclass
class Block:
    """A booked stretch of one day's column: where it sits (percent of the column) and what it may say."""

    top: float
    height: float
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str = ""
    booking_id: int | None = None
    mine: bool = False
    state: str = ""


@dataclass
class Slot:
    starts_at: datetime.datetime
    free: bool
    bookable: bool
    url: str = ""


@dataclass
class WeekColumn:
    cell: DayCell
    slots: list[Slot] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def hour_rows(facility: Facility) -> list[datetime.time]:
    """The hours down the side of a facility's week."""
    lo, hi = window(facility.opens_at, facility.closes_at, datetime.date(2000, 1, 3))
    count = int((hi - lo) / HOUR) + (1 if (hi - lo) % HOUR else 0)
    return [timezone.localtime(lo + HOUR * i).time() for i in range(count)]


def facility_week(facility: Facility, days: Sequence[datetime.date], reservations: Iterable[Any]) -> list[WeekColumn]:
    """A facility's week: each day's free hours (bookable when in the future) and booked blocks.

    ``reservations`` are dicts with ``starts_at``, ``ends_at`` and what the reader may see: ``label``,
    ``booking_id``, ``mine``, ``state``.
    """
    found = list(reservations)
    cells = facility_days([facility], days)[facility.pk]
    now = timezone.now()
    columns = []
    for cell in cells:
        lo, hi = window(facility.opens_at, facility.closes_at, cell.day)
        length = (hi - lo).total_seconds()
        column = WeekColumn(cell=cell)
        for r in found:
            start, end = max(r["starts_at"], lo), min(r["ends_at"], hi)
            if start >= end:
                continue
            column.blocks.append(
                Block(
                    top=round((start - lo).total_seconds() / length * 100, 3),
                    height=round((end - start).total_seconds() / length * 100, 3),
                    starts_at=r["starts_at"],
                    ends_at=r["ends_at"],
                    label=r.get("label", ""),
                    booking_id=r.get("booking_id"),
                    mine=bool(r.get("mine")),
                    state=r.get("state", ""),
                )
            )
        slot = lo
        while slot < hi:
            slot_end = min(slot + HOUR, hi)
            taken = any(r["starts_at"] < slot_end and r["ends_at"] > slot for r in found)
            free = not taken and cell.status != CLOSED
            column.slots.append(Slot(starts_at=slot, free=free, bookable=free and slot >= now and facility.active))
            slot = slot_end
        columns.append(column)
    return columns
