"""factory_boy factories for the registry. Every NIK and NIB they make is well-formed and unique."""

from __future__ import annotations

import datetime

import factory

from canting.core.testing import VILLAGE
from canting.registry.models import (
    Application,
    Centre,
    Enterprise,
    Facilitation,
    FacilitationKind,
    FacilitationStatus,
    Membership,
    MembershipRole,
    Person,
)


def nik_for(n: int, gender: str = "P", district: str = "357602") -> str:
    """A valid NIK from Kota Mojokerto: born on day 1-28 of a month, serial n."""
    day = (n % 28) + 1 + (40 if gender == "P" else 0)
    return f"{district}{day:02d}{(n % 12) + 1:02d}{80 + n % 20:02d}{(n % 9999) + 1:04d}"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"Sentra Batik {n}")
    address = "Jl. Kedungsari"
    village_id = VILLAGE
    managing_office = "Diskopukmperindag Kota Mojokerto"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Batik Uji {n}")
    nib = factory.Sequence(lambda n: f"{9100000000000 + n}")
    address = "Jl. Majapahit 1"
    village_id = VILLAGE
    technique_tulis = True
    workers_men = 1
    workers_women = 2

    @factory.post_generation
    def registered_at(self, create: bool, extracted: datetime.datetime | None, **kwargs: object) -> None:
        """Registered in Canting long before any month a test reports on, unless the test says when."""
        if create:
            self.created_at = extracted or datetime.datetime(2015, 1, 5, 9, tzinfo=datetime.UTC)
            Enterprise.objects.filter(pk=self.pk).update(created_at=self.created_at)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Siti Uji {n}")
    gender = "P"
    nik = factory.LazyAttributeSequence(lambda o, n: nik_for(n, o.gender))
    birth_date = factory.LazyAttribute(
        lambda o: datetime.date(1900 + int(o.nik[10:12]), int(o.nik[8:10]), int(o.nik[6:8]) % 40 or 40)
    )
    phone = factory.Sequence(lambda n: f"+6281234{n:06d}")
    address = "Jl. Gajah Mada 2"
    village_id = VILLAGE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    enterprise = factory.SubFactory(EnterpriseFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.OWNER


class FacilitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitation

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = FacilitationKind.BATIKMARK
    status = FacilitationStatus.GRANTED
    granted_on = datetime.date(2024, 5, 1)
    expires_on = datetime.date(2027, 4, 30)
    year = 2024


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    enterprise = factory.SubFactory(EnterpriseFactory, status="applicant")
    applicant = factory.SubFactory(PersonFactory)
    email = factory.Sequence(lambda n: f"applicant{n}@example.id")
