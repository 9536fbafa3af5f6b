"""factory_boy factories for facilities."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from canting.facilities.models import Booking, BookingState, Facility, FacilityKind, Reservation
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Ruang batik tulis {n}")
    kind = FacilityKind.ROOM
    capacity = 12
    opens_at = datetime.time(8, 0)
    closes_at = datetime.time(16, 0)
    closed_weekdays = factory.LazyFunction(list)  # open every day unless a test says otherwise
    needs_approval = True


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking of one facility (``facility``), with its reservation."""

    class Meta:
        model = Booking
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(EnterpriseFactory)
    starts_at = factory.LazyFunction(lambda: at(timezone.localdate() + datetime.timedelta(days=3), 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    state = BookingState.APPROVED

    @factory.post_generation
    def facility(self, create: bool, extracted: Facility | None, **kwargs: object) -> None:
        if not create:
            return
        Reservation.objects.create(
            booking=self,
            facility=extracted or FacilityFactory(),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            holds=self.state in ("requested", "approved", "completed"),
        )
