"""factory_boy factories for turnover."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from canting.core.models import User
from canting.core.testing import staff_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import Criterion, CriterionKind, Graduation, GraduationStatus, ReportState, TurnoverReport


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


# --- business class, readiness and graduation -------------------------------------------------------------------
def accepted_months(
    enterprise: object, last: datetime.date, sales: list[Decimal | int], **figures: object
) -> list[TurnoverReport]:
    """Accepted reports for ``len(sales)`` consecutive months ending with ``last``, one sales figure each (domestic
    sales; pass ``export_sales=...`` etc. for the same figure in every month)."""
    from canting.core.dates import add_months

    count = len(sales)
    return TurnoverReport.objects.bulk_create(
        TurnoverReport(
            enterprise=enterprise,
            month=add_months(last, i - count + 1),
            state=ReportState.ACCEPTED,
            domestic_sales=Decimal(amount),
            **{"workers_men": 1, "workers_women": 3, **figures},
        )
        for i, amount in enumerate(sales)
    )


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    code = factory.Sequence(lambda n: f"criterion-{n}")
    name_ind = factory.Sequence(lambda n: f"Kriteria {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    kind = CriterionKind.LEGALITY
    weight = 10
    position = factory.Sequence(lambda n: n)


class GraduationFactory(factory.django.DjangoModelFactory):
    """A graduation approved on 15 January 2025, monitored for 12 months."""

    class Meta:
        model = Graduation

    enterprise = factory.SubFactory(EnterpriseFactory)
    status = GraduationStatus.MONITORING
    score = 80
    criteria = factory.LazyFunction(lambda: [{"code": "legality", "name": "Legality", "weight": 15, "met": True}])
    approved_on = datetime.date(2025, 1, 15)
    approved_by = factory.LazyFunction(lambda: staff_user(f"officer{User.objects.count()}"))
    monitoring_months = 12
    monitoring_until = datetime.date(2026, 1, 15)
