"""Calendars of one facility and of the whole centre (month and week), and the enterprise's iCalendar feed.

An artisan sees their own bookings in full and everyone else's only as "booked": others' time is read through
``Reservation.objects.busy()`` without the enterprise, so no name can reach the page.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from icalendar import Calendar, Event

from canting.core.dates import add_months
from canting.core.permissions import ARTISAN, EVERYONE, STAFF, RoleRequiredMixin, current_user, role_of
from canting.core.site import site_url
from canting.facilities import calendar as grid
from canting.facilities.models import HOLDING, Booking, BookingState, CalendarFeed, Facility, Reservation
from canting.facilities.services import facilities as services
from canting.registry.models import Centre, Enterprise

READERS = frozenset({STAFF, ARTISAN})
FEED_PAST_DAYS = 90
FEED_CANCELLED_DAYS = 30  # a cancelled or refused booking stays in the feed this long, marked CANCELLED


def booking_url(facility: Facility, start: datetime.datetime) -> str:
    """The booking form, opened on a facility and a start (local time, as a datetime-local field reads it)."""
    local = timezone.localtime(start).strftime("%Y-%m-%dT%H:%M")
    return reverse("facilities:booking-create") + "?" + urlencode({"facility": facility.pk, "start": local})


def calendar_url(name: str, view: str, day: datetime.date, **extra: Any) -> str:
    args = [extra.pop("pk")] if "pk" in extra else []
    return reverse(f"facilities:{name}", args=args) + "?" + urlencode({"view": view, "date": day.isoformat(), **extra})


class CalendarMixin(RoleRequiredMixin):
    """The month or week asked for (``?view=month|week&date=YYYY-MM-DD``) and the reader's enterprise."""

    allowed_roles = READERS
    request: HttpRequest

    def read_period(self, request: HttpRequest) -> None:
        self.view = "week" if request.GET.get("view") == "week" else "month"
        self.day = grid.parse_day(request.GET.get("date"), timezone.localdate())
        self.is_staff = role_of(request.user) == STAFF
        self.mine: int | None = None if self.is_staff else current_user(request).enterprise_id

    def period(self) -> dict[str, Any]:
        if self.view == "month":
            first = self.day.replace(day=1)
            return {"days": grid.month_days(first), "prev": add_months(first, -1), "next": add_months(first, 1)}
        days = grid.week_days(self.day)
        return {"days": days, "prev": days[0] - grid.DAY * 7, "next": days[0] + grid.DAY * 7}

    def week_reservations(self, facilities: list[Facility], days: list[datetime.date]) -> list[dict[str, Any]]:
        """The week's booked time on these facilities, with only what the reader may know of each."""
        lo = grid.window(datetime.time(0), datetime.time(0), days[0])[0]
        hi = grid.window(datetime.time(0), datetime.time(0), days[-1])[1]
        busy = Reservation.objects.busy().filter(facility__in=facilities).overlapping(lo, hi)
        if self.is_staff:
            rows = busy.values(
                "facility_id", "starts_at", "ends_at", "booking_id", "booking__state", "booking__enterprise__name"
            )
            return [
                {**r, "label": r["booking__enterprise__name"], "state": r["booking__state"], "mine": False}
                for r in rows
            ]
        own = Enterprise.objects.filter(pk=self.mine or 0).values_list("name", flat=True).first() or ""
        found = []
        for r in busy.values(
            "facility_id", "starts_at", "ends_at", "booking_id", "booking__enterprise_id", "booking__state"
        ):
            if r["booking__enterprise_id"] == self.mine:
                found.append({**r, "label": own, "state": r["booking__state"], "mine": True})
            else:  # someone else's: only that the time is taken
                found.append(
                    {
                        "facility_id": r["facility_id"],
                        "starts_at": r["starts_at"],
                        "ends_at": r["ends_at"],
                        "label": _("booked"),
                    }
                )
        return found


class FacilityCalendarView(CalendarMixin, TemplateView):
    template_name = "facilities/calendar/facility.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.facility = get_object_or_404(
            Facility.objects.for_user(request.user).select_related("centre"), pk=kwargs["pk"]
        )
        self.read_period(request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        facility = self.facility
        period = self.period()
        days = period["days"]
        context: dict[str, Any] = {
            **super().get_context_data(**kwargs),
            "facility": facility,
            "view": self.view,
            "day": self.day,
            "week_start": days[0],
            "is_staff": self.is_staff,
            "prev_url": calendar_url("facility-calendar", self.view, period["prev"], pk=facility.pk),
            "next_url": calendar_url("facility-calendar", self.view, period["next"], pk=facility.pk),
            "today_url": calendar_url("facility-calendar", self.view, timezone.localdate(), pk=facility.pk),
            "month_url": calendar_url("facility-calendar", "month", self.day, pk=facility.pk),
            "week_url": calendar_url("facility-calendar", "week", self.day, pk=facility.pk),
        }
        if self.view == "month":
            cells = grid.facility_days([facility], days, self.mine, self.day.month)[facility.pk]
            for cell in cells:
                if cell.status == grid.FREE and cell.start:
                    cell.url = booking_url(facility, cell.start)
                elif cell.status != grid.CLOSED:
                    cell.url = calendar_url("facility-calendar", "week", cell.day, pk=facility.pk)
            context["weeks"] = grid.weeks(cells)
            context["days"] = days[:7]
        else:
            columns = grid.facility_week(facility, days, self.week_reservations([facility], days))
            for column in columns:
                for slot in column.slots:
                    slot.url = booking_url(facility, slot.starts_at) if slot.bookable else ""
            context["columns"] = columns
            context["hours"] = grid.hour_rows(facility)
        return context


class CentreCalendarView(CalendarMixin, TemplateView):
    """Every facility of one centre: per day how many are free (month), or a row per facility (week)."""

    template_name = "facilities/calendar/centre.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.read_period(request)
        visible = Facility.objects.for_user(request.user).bookable()
        self.centres = list(Centre.objects.filter(facilities__in=visible).distinct().order_by("name"))
        chosen = request.GET.get("centre")
        self.centre = next((c for c in self.centres if str(c.pk) == chosen), None)
        if self.centre is None and self.mine is not None:
            home = Enterprise.objects.filter(pk=self.mine).values_list("centre_id", flat=True).first()
            self.centre = next((c for c in self.centres if c.pk == home), None)
        if self.centre is None and self.centres:
            self.centre = self.centres[0]
        self.facilities: list[Facility] = (
            list(visible.filter(centre=self.centre).order_by("name")) if self.centre else []
        )

    def link(self, view: str, day: datetime.date) -> str:
        extra = {"centre": self.centre.pk} if self.centre else {}
        return calendar_url("centre-calendar", view, day, **extra)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        period = self.period()
        days = period["days"]
        context: dict[str, Any] = {
            **super().get_context_data(**kwargs),
            "centre": self.centre,
            "centres": self.centres,
            "facilities": self.facilities,
            "view": self.view,
            "day": self.day,
            "week_start": days[0],
            "is_staff": self.is_staff,
            "prev_url": self.link(self.view, period["prev"]),
            "next_url": self.link(self.view, period["next"]),
            "today_url": self.link(self.view, timezone.localdate()),
            "month_url": self.link("month", self.day),
            "week_url": self.link("week", self.day),
            "days": days[:7],
        }
        if not self.facilities:
            return context
        if self.view == "month":
            per_facility = grid.facility_days(self.facilities, days, self.mine, self.day.month)
            cells = grid.centre_days(per_facility, days, self.day.month)
            for cell in cells:
                if cell.status != grid.CLOSED:
                    cell.url = self.link("week", cell.day)
            context["weeks"] = grid.weeks(cells)
        else:
            per_facility = grid.facility_days(self.facilities, days, self.mine)
            rows = []
            for facility in self.facilities:
                cells = per_facility[facility.pk]
                for cell in cells:
                    if cell.status == grid.FREE and cell.start:
                        cell.url = booking_url(facility, cell.start)
                    elif cell.status == grid.PARTLY:
                        cell.url = calendar_url("facility-calendar", "week", cell.day, pk=facility.pk)
                rows.append((facility, cells))
            context["rows"] = rows
        return context


class FeedLinkView(RoleRequiredMixin, TemplateView):
    """An artisan's secret address of their enterprise's bookings, for a phone's or computer's calendar app."""

    allowed_roles = frozenset({ARTISAN})
    template_name = "facilities/calendar/feed.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        user = current_user(request)
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(user), pk=user.enterprise_id)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        feed = services.calendar_feed(actor=current_user(self.request), enterprise=self.enterprise)
        address = site_url(reverse("facilities:ical-feed", args=[feed.token]))
        return {
            **super().get_context_data(**kwargs),
            "enterprise": self.enterprise,
            "address": address,
            "webcal": "webcal://" + address.split("://", 1)[1],
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.reset_feed(actor=current_user(request), enterprise=self.enterprise)
        messages.success(request, _("The feed has a new address. The old one no longer works."))
        return redirect("facilities:my-feed")


def feed_bookings(feed: CalendarFeed) -> QuerySet[Booking]:
    """What the feed holds: the enterprise's bookings from 90 days back on, and those recently cancelled or refused."""
    now = timezone.now()
    recent = now - datetime.timedelta(days=FEED_CANCELLED_DAYS)
    return (
        Booking.objects.filter(
            enterprise=feed.enterprise_id, ends_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS)
        )
        .filter(Q(state__in=HOLDING) | Q(updated_at__gte=recent))
        .prefetch_related(Prefetch("reservations", queryset=Reservation.objects.select_related("facility__centre")))
        .order_by("starts_at", "id")
    )


STATUS: dict[str, str] = {
    BookingState.REQUESTED: "TENTATIVE",
    BookingState.APPROVED: "CONFIRMED",
    BookingState.COMPLETED: "CONFIRMED",
    BookingState.REJECTED: "CANCELLED",
    BookingState.CANCELLED: "CANCELLED",
}


class CalendarFeedView(RoleRequiredMixin, View):
    """The iCalendar feed: calendar apps cannot sign in, so whoever has the secret address may read it."""

    allowed_roles = EVERYONE

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        feed = CalendarFeed.objects.select_related("enterprise").filter(token=token).first()
        if feed is None or not token:
            raise Http404
        cal = Calendar()
        cal.add("prodid", "-//Canting//Facilities//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", _("Bookings of %(enterprise)s") % {"enterprise": feed.enterprise.name})
        utc = datetime.UTC
        for booking in feed_bookings(feed):
            reservations = list(booking.reservations.all())
            names = ", ".join(r.facility.name for r in reservations)
            event = Event()
            event.add("uid", f"booking-{booking.pk}@canting")
            event.add("dtstamp", booking.updated_at.astimezone(utc))
            event.add("dtstart", booking.starts_at.astimezone(utc))
            event.add("dtend", booking.ends_at.astimezone(utc))
            event.add("summary", names or _("Booking"))
            event.add("status", STATUS.get(booking.state, "TENTATIVE"))
            if reservations:
                event.add("location", reservations[0].facility.centre.name)
            description = [booking.get_state_display()]
            if booking.purpose:
                description.append(booking.purpose)
            if booking.reason:
                description.append(booking.reason)
            event.add("description", "\n".join(str(d) for d in description))
            event.add("url", site_url(reverse("facilities:booking-detail", args=[booking.pk])))
            cal.add_component(event)
        response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="canting.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response
