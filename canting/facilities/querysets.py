"""Who may see what in facilities.

- facilities: every signed-in user sees the facilities of the centres they may see (staff: their area's; an
  artisan: every centre's, to book); visitors none;
- bookings, their reservations and usage: staff see those of their area's enterprises; an artisan their own
  enterprise's in full. Others' bookings reach an artisan only as "booked" time on the calendars, through
  ``Reservation.objects.busy()``, which carries no enterprise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from canting.core.models import Role

if TYPE_CHECKING:
    from canting.core.models import User


def _signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class FacilityQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> FacilityQuerySet:
        if not _signed_in(user):
            return self.none()
        if user.role == Role.STAFF and user.area_id:
            return self.filter(centre__village__code__startswith=user.area_id)
        return self.all()

    def bookable(self) -> FacilityQuerySet:
        return self.filter(active=True)


class BookingQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> BookingQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(enterprise__in=enterprise.objects.for_user(user))

    def holding(self) -> BookingQuerySet:
        return self.filter(state__in=("requested", "approved", "completed"))


class ReservationQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ReservationQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(booking__enterprise__in=enterprise.objects.for_user(user))

    def busy(self) -> ReservationQuerySet:
        """Time taken on facilities, for calendars: whoever holds it (pages show others' only as "booked")."""
        return self.filter(holds=True)

    def overlapping(self, starts_at: Any, ends_at: Any) -> ReservationQuerySet:
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class UsageQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> UsageQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(booking__enterprise__in=enterprise.objects.for_user(user))
