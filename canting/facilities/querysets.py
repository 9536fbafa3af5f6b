"""Who may see what in facilities.

- facilities: every signed-in user sees the facilities of the centres they may see (staff: their area's; an
  artisan: every centre's, to book); visitors none;
- bookings, their reservations and usage: staff see those of their area's enterprises; an artisan their own
  enterprise's in full. Others' bookings reach an artisan only as "booked" time on the calendars, through
  ``Reservation.objects.busy()``, which carries no enterprise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from canting.core.scope import signed_in, staff_places
from canting.registry.querysets import EnterpriseOwnedQuerySet

if TYPE_CHECKING:
    from canting.core.models import User


class FacilityQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> FacilityQuerySet:
        if not signed_in(user):
            return self.none()
        places = staff_places(user, village="centre__village__code", centre="centre_id")
        return self.filter(places) if places is not None else self.all()

    def bookable(self) -> FacilityQuerySet:
        return self.filter(active=True)


class BookingQuerySet(EnterpriseOwnedQuerySet):
    def holding(self) -> BookingQuerySet:
        return self.filter(state__in=("requested", "approved", "completed"))


class ReservationQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "booking__enterprise"

    def busy(self) -> ReservationQuerySet:
        """Time taken on facilities, for calendars: whoever holds it (pages show others' only as "booked")."""
        return self.filter(holds=True)

    def overlapping(self, starts_at: Any, ends_at: Any) -> ReservationQuerySet:
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class UsageQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "booking__enterprise"
