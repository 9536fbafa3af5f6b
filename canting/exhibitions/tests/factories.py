"""factory_boy factories for exhibitions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from canting.core.testing import VILLAGE
from canting.exhibitions.models import Booth, Exhibition, Exhibitor, ExhibitorStatus, Sale
from canting.registry.tests.factories import EnterpriseFactory


class ExhibitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibition

    name = factory.Sequence(lambda n: f"Pameran Batik {n}")
    name_ind = factory.SelfAttribute("name")
    kind = "local"
    organiser = "Diskopukmperindag Kota Mojokerto"
    venue = "Sunrise Mall"
    area_id = "35.76"
    starts_on = datetime.date(2023, 10, 6)
    ends_on = datetime.date(2023, 10, 10)


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    exhibition = factory.SubFactory(ExhibitionFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    price = Decimal(500_000)


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    exhibition = factory.SubFactory(ExhibitionFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    status = ExhibitorStatus.SELECTED


class SaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sale

    exhibitor = factory.SubFactory(ExhibitorFactory)
    day = factory.LazyAttribute(lambda o: o.exhibitor.exhibition.starts_on)
    description = "Kain batik tulis"
    quantity = 1
    amount = Decimal(750_000)


__all__ = ["VILLAGE", "BoothFactory", "ExhibitionFactory", "ExhibitorFactory", "SaleFactory"]
