"""Date arithmetic the apps share."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# The day the demo's story was written. Dates that must keep their distance from today (certificates still valid, a
# training still to come) are written as of that day and moved by ``as_of_today``; the programme's history (the 2023
# trainings and exhibition) stays on its real dates.
WRITTEN_ON = datetime.date(2026, 12, 7)


def as_of_today(year: int, month: int, day: int) -> datetime.date:
    """A date of the demo's story, moved by the days since it was written, so the demo loaded on any day shows what
    it showed then: the same certificates valid, the same session open for applications."""
    return datetime.date(year, month, day) + (timezone.localdate() - WRITTEN_ON)
