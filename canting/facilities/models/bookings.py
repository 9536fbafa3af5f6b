"""Bookings of a centre's facilities, the time each holds on each facility, and what was used and made."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped, user_link
from canting.facilities.querysets import BookingQuerySet, ReservationQuerySet, UsageQuerySet


class BookingState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


# The states in which a booking holds its time: nobody else may book it.
HOLDING = (BookingState.REQUESTED, BookingState.APPROVED, BookingState.COMPLETED)


class Booking(TimeStamped):
    """One enterprise's booking of one or several facilities together, for one stretch of time (may span days)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    state = models.CharField(
        _("state"), max_length=10, choices=BookingState.choices, default=BookingState.REQUESTED, db_index=True
    )
    purpose = models.CharField(_("purpose"), max_length=250, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, max_length=2000, help_text=_("Why it was rejected or cancelled.")
    )
    requested_by = user_link(_("requested by"))
    on_behalf = models.BooleanField(_("booked by staff on the enterprise's behalf"), default=False)
    decided_by = user_link(_("approved or rejected by"))
    decided_at = models.DateTimeField(_("approved or rejected"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="facilities_booking_ends_after_start",
                violation_error_message=_("A booking must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at).total_seconds() / 3600).quantize(Decimal("0.01"))


class Reservation(models.Model):
    """The time a booking holds on one facility.

    Two holding reservations of one facility never overlap: the database refuses it (an exclusion constraint on
    PostgreSQL, a trigger on SQLite; see migration 0002), whatever happens at the same moment.
    """

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="reservations"
    )
    facility = models.ForeignKey(
        "facilities.Facility", verbose_name=_("facility"), on_delete=models.PROTECT, related_name="reservations"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    holds = models.BooleanField(_("holds the time"), default=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["starts_at", "facility"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "facility"], name="facilities_reservation_once"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="facilities_reservation_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["facility", "starts_at", "ends_at"], name="facilities_reservation_time")]

    def __str__(self) -> str:
        return f"{self.facility_id} · {self.starts_at:%Y-%m-%d %H:%M}"


def amount(verbose_name: object) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,  # type: ignore[arg-type]
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1_000_000))],
    )


class Usage(TimeStamped):
    """What a completed booking used and made: pieces by technique, wax and dye, water treated by the IPAL."""

    booking = models.OneToOneField(Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="usage")
    pieces_tulis = models.PositiveIntegerField(
        _("pieces of batik tulis"), default=0, validators=[MaxValueValidator(100_000)]
    )
    pieces_cap = models.PositiveIntegerField(
        _("pieces of batik cap"), default=0, validators=[MaxValueValidator(100_000)]
    )
    pieces_kombinasi = models.PositiveIntegerField(
        _("pieces of batik kombinasi"), default=0, validators=[MaxValueValidator(100_000)]
    )
    pieces_tiruan = models.PositiveIntegerField(
        _("pieces of printed (tiruan) cloth"), default=0, validators=[MaxValueValidator(100_000)]
    )
    wax_kg = amount(_("wax used (kg)"))
    dye_kg = amount(_("dye used (kg)"))
    water_litres = models.PositiveIntegerField(
        _("water treated by the IPAL (litres)"), default=0, validators=[MaxValueValidator(10_000_000)]
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    recorded_by = user_link(_("recorded by"))

    objects = UsageQuerySet.as_manager()

    class Meta:
        verbose_name = _("usage")
        verbose_name_plural = _("usage records")

    def __str__(self) -> str:
        return f"{self.booking}"


class CalendarFeed(models.Model):
    """The secret address of an enterprise's iCalendar feed: calendar apps cannot sign in, so the token is the key."""

    enterprise = models.OneToOneField(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.enterprise)
