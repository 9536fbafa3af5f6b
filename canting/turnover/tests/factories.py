"""factory_boy factories for turnover."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import ReportState, TurnoverReport


class TurnoverReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TurnoverReport

    enterprise = factory.SubFactory(EnterpriseFactory)
    month = factory.Sequence(lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1))
    state = ReportState.ACCEPTED
    domestic_sales = Decimal(10_000_000)
    export_sales = Decimal(0)
    pieces_tulis = 10
    pieces_cap = 20
    workers_men = 1
    workers_women = 3
