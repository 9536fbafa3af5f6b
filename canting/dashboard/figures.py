"""The public figures: the centre's headline numbers in aggregate only, never an enterprise's or a person's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from canting.certification.models import Certification
from canting.core.dates import add_months
from canting.registry.models import Enterprise
from canting.training.models import Certificate, Enrolment
from canting.turnover.models import PIECE_FIELDS, MonthlyTotal

YEARS = 5


@dataclass(frozen=True)
class YearFigures:
    year: int
    pieces: int
    turnover: Decimal
    months: int  # months with accepted reports counted (the current year is partial)


@dataclass(frozen=True)
class PublicFigures:
    enterprises: int
    workers_men: int
    workers_women: int
    pieces_last_12_months: int
    years: list[YearFigures]
    batikmark_holders: int
    sni_holders: int
    people_trained: int
    people_certified: int
    period_start: datetime.date
    period_end: datetime.date


def public_figures(today: datetime.date) -> PublicFigures:
    """Headline numbers of the whole deployment as of ``today`` (six queries)."""
    this_month = today.replace(day=1)
    first, last = add_months(this_month, -12), add_months(this_month, -1)
    pieces = sum((F(name) for name in PIECE_FIELDS[1:]), F(PIECE_FIELDS[0]))
    registry = Enterprise.objects.registered().aggregate(
        n=Count("pk"), men=Sum("workers_men"), women=Sum("workers_women")
    )
    last_12 = MonthlyTotal.objects.filter(month__gte=first, month__lte=last).aggregate(n=Sum(pieces))["n"] or 0
    years = (
        MonthlyTotal.objects.filter(month__gte=datetime.date(today.year - YEARS + 1, 1, 1), month__lt=this_month)
        .values(year=ExtractYear("month"))
        .annotate(
            pieces=Sum(pieces),
            turnover=Sum(F("domestic_sales") + F("export_sales")),
            months=Count("month", distinct=True),
        )
        .order_by("year")
    )
    holders = Certification.objects.filter(status="active", issued_on__lte=today, expires_on__gte=today).aggregate(
        batikmark=Count("enterprise_id", distinct=True, filter=Q(scheme__startswith="batikmark_")),
        sni=Count("enterprise_id", distinct=True, filter=Q(scheme="sni")),
    )
    trained = Enrolment.objects.filter(status__in=("attended", "completed"), session__ends_on__lte=today).aggregate(
        n=Count("person_id", distinct=True)
    )["n"]
    certified = (
        Certificate.objects.filter(kind="competency", issued_on__lte=today)
        .exclude(status="revoked")
        .aggregate(n=Count("person_id", distinct=True))["n"]
    )
    return PublicFigures(
        enterprises=registry["n"],
        workers_men=registry["men"] or 0,
        workers_women=registry["women"] or 0,
        pieces_last_12_months=int(last_12),
        years=[
            YearFigures(row["year"], int(row["pieces"] or 0), Decimal(row["turnover"] or 0), row["months"])
            for row in years
        ],
        batikmark_holders=holders["batikmark"],
        sni_holders=holders["sni"],
        people_trained=trained,
        people_certified=certified,
        period_start=first,
        period_end=last,
    )
