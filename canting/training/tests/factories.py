"""factory_boy factories for training: programmes, sessions, units, schemes, enrolments and certificates."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from canting.core import codes
from canting.registry.tests.factories import PersonFactory
from canting.training.models import (
    Certificate,
    CertificateKind,
    CompetencyScheme,
    CompetencyUnit,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeKind,
    TrainingSession,
)


class CompetencyUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C.14BTK01.{n:03d}.1")
    title = factory.Sequence(lambda n: f"Menggunakan canting cap {n}")


class CompetencySchemeFactory(factory.django.DjangoModelFactory):
    """A scheme of two units (pass ``units=[...]`` for others)."""

    class Meta:
        model = CompetencyScheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Skema Batik Cap {n}")
    issuer = "LSP BBKB"

    @factory.post_generation
    def units(self, create: bool, extracted: list[CompetencyUnit] | None, **kwargs: Any) -> None:
        if create:
            self.units.set(extracted if extracted is not None else [CompetencyUnitFactory(), CompetencyUnitFactory()])


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Pelatihan Teknis Produksi {n}")
    kind = ProgrammeKind.TECHNICAL
    organiser = "Diskopukmperindag Kota Mojokerto"
    partner = "BBSPJIKB Yogyakarta"
    funding_source = "APBD Kota Mojokerto"
    year = 2026
    area_id = "35.76"


class SessionFactory(factory.django.DjangoModelFactory):
    """A three-day session with 30 seats, open for applications."""

    class Meta:
        model = TrainingSession

    programme = factory.SubFactory(ProgrammeFactory)
    starts_on = datetime.date(2026, 12, 7)
    ends_on = datetime.date(2026, 12, 9)
    venue = "Ruang pelatihan, Sentra IKM Batik Maja Bharama Wastra"
    city = "Kota Mojokerto"
    quota = 30


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A registered participant (pass ``status=...`` for others)."""

    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    status = EnrolmentStatus.REGISTERED
    applied_at = factory.LazyFunction(lambda: datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))
    door_code = factory.LazyFunction(codes.new_code)


class CertificateFactory(factory.django.DjangoModelFactory):
    """A valid certificate of competency recorded from the LSP that issued it, three years from its issue date."""

    class Meta:
        model = Certificate

    kind = CertificateKind.COMPETENCY
    number = factory.Sequence(lambda n: f"LSP-BBKB/2026/{n:05d}")
    code = factory.LazyFunction(codes.new_code)
    person = factory.SubFactory(PersonFactory)
    title = "Skema Batik Cap"
    issuer = "LSP BBKB"
    issuer_licence = "BNSP-LSP-1485-ID"
    external = True
    issued_on = datetime.date(2026, 7, 14)
    expires_on = datetime.date(2029, 7, 14)
