"""The dashboard's figures: every KPI and chart series, aggregated in the database in a fixed number of queries.

Turnover, export, pieces and workers come from ``MonthlyTotal`` (accepted reports summed per centre, village and
month), so the national view reads a few hundred thousand summary rows instead of millions of reports. Everything
else is counted from its own table. A scope is a period (the year up to a month) and a place (an area code prefix
and optionally a centre); a staff user is further kept to their working area.

People certified: a person counts for an enterprise in scope when they are a member (owner, manager or worker) of
it; a certificate from a scan has no enrolment, so membership is the one tie every certificate holder has.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import BigIntegerField, Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from canting.certification.models import Certification
from canting.core.dates import add_months
from canting.core.scope import staff_places
from canting.registry.models import Enterprise, Membership
from canting.training.models import Certificate, Enrolment
from canting.turnover.models import FILED, PIECE_FIELDS, ClassRecord, MonthlyTotal, TurnoverReport, registered_by

if TYPE_CHECKING:
    from canting.core.models import User

TECHNIQUES = ("tulis", "cap", "kombinasi", "tiruan")
ZERO = Decimal(0)
MONEY = DecimalField(max_digits=20, decimal_places=0)
SERIES_MONTHS = 24


@dataclass(frozen=True)
class Scope:
    """What a dashboard view covers: the year up to ``month`` of ``year``, in an area and optionally a centre."""

    year: int  # the period ends with month `month` of `year`
    month: int  # 1..12
    area: str = ""  # Kemendagri code prefix, e.g. "35.76" (city) or "35.76.02" (kecamatan); "" = all
    centre_id: int | None = None

    @property
    def month_start(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def month_end(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def year_start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def previous_year_start(self) -> datetime.date:
        return datetime.date(self.year - 1, 1, 1)

    @property
    def previous_month_start(self) -> datetime.date:
        """Month M of the year before: the end of the comparison period."""
        return datetime.date(self.year - 1, self.month, 1)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part / whole * 100`` rounded half up to one place; None when the whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def place_filter(scope: Scope, user: User | None, *, village: str, centre: str) -> Q:
    """A Q keeping rows whose village (field path ``village``) and centre (``centre``) are in the scope chosen, and
    in what ``user`` may see (``canting.core.scope``: their area, and their centre when the account names one);
    nothing for anyone who is not staff. ``user`` None is the system (every place)."""
    q = Q(**{f"{village}__startswith": scope.area}) if scope.area else Q()
    if scope.centre_id is not None:
        q &= Q(**{centre: scope.centre_id})
    if user is not None:
        kept = staff_places(user, village=village, centre=centre)
        if kept is None:
            return Q(pk__in=[])
        q &= kept
    return q


def enterprises_in_scope(scope: Scope, user: User | None = None) -> QuerySet[Enterprise]:
    """Every enterprise in the scope's place (whatever its status)."""
    return Enterprise.objects.filter(place_filter(scope, user, village="village__code", centre="centre_id"))


def totals_in_scope(scope: Scope, user: User | None = None) -> QuerySet[MonthlyTotal]:
    return MonthlyTotal.objects.filter(place_filter(scope, user, village="village__code", centre="centre_id"))


def _in_scope(scope: Scope, user: User | None, prefix: str = "enterprise__") -> Q:
    return place_filter(scope, user, village=f"{prefix}village__code", centre=f"{prefix}centre_id")


def _money(expression: str | CombinedExpression, when: Q) -> Coalesce:
    return Coalesce(Sum(expression, filter=when), Value(ZERO), output_field=MONEY)


def _count(field: str, when: Q) -> Coalesce:
    return Coalesce(Sum(field, filter=when), Value(0), output_field=BigIntegerField())


def _turnover_figures(scope: Scope, user: User | None) -> dict[str, Any]:
    """One query over the monthly totals of the two years compared."""
    month = Q(month=scope.month_start)
    ytd = Q(month__gte=scope.year_start, month__lte=scope.month_start)
    previous = Q(month__gte=scope.previous_year_start, month__lte=scope.previous_month_start)
    sales = F("domestic_sales") + F("export_sales")
    row = (
        totals_in_scope(scope, user)
        .filter(month__gte=scope.previous_year_start, month__lte=scope.month_start)
        .aggregate(
            turnover_month=_money(sales, month),
            turnover_ytd=_money(sales, ytd),
            turnover_ytd_previous=_money(sales, previous),
            export_month=_money("export_sales", month),
            export_ytd=_money("export_sales", ytd),
            workers_men=_count("workers_men", month),
            workers_women=_count("workers_women", month),
            **{name: _count(name, ytd) for name in PIECE_FIELDS},
        )
    )
    by_technique = {technique: int(row[f"pieces_{technique}"]) for technique in TECHNIQUES}
    current, before = Decimal(row["turnover_ytd"]), Decimal(row["turnover_ytd_previous"])
    return {
        "turnover_month": Decimal(row["turnover_month"]),
        "turnover_ytd": current,
        "turnover_ytd_previous": before,
        "turnover_growth_pct": percent(current - before, before),
        "export_month": Decimal(row["export_month"]),
        "export_ytd": Decimal(row["export_ytd"]),
        "pieces_ytd": sum(by_technique.values()),
        "pieces_by_technique_ytd": by_technique,
        "workers_men": int(row["workers_men"]),
        "workers_women": int(row["workers_women"]),
    }


def _compliance(scope: Scope, user: User | None) -> dict[str, Any]:
    due = enterprises_in_scope(scope, user).filter(registered_by(scope.month_start), status="active").count()
    # An enterprise has at most one report a month, so counting reports counts enterprises; a join from the
    # month's reports (read from the index) is far cheaper than asking, per enterprise, whether it filed.
    filed = TurnoverReport.objects.filter(
        _in_scope(scope, user),
        registered_by(scope.month_start, "enterprise__"),
        enterprise__status="active",
        month=scope.month_start,
        state__in=FILED,
    ).count()
    return {"reports_due": due, "reports_filed": filed, "compliance_pct": percent(filed, due)}


def _classes(scope: Scope, user: User | None) -> dict[str, Any]:
    rows = (
        ClassRecord.objects.filter(_in_scope(scope, user), current=True)
        .values("scheme__code", "business_class")
        .annotate(n=Count("pk"))
        .order_by("scheme__code", "business_class")
    )
    by_class: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["n"]:
            by_class.setdefault(row["scheme__code"], {})[row["business_class"]] = row["n"]
    moves = ClassRecord.objects.filter(
        _in_scope(scope, user), moved_up=True, assessed_on__gte=scope.year_start, assessed_on__lte=scope.month_end
    ).count()
    return {"enterprises_by_class": by_class, "class_moves_ytd": moves}


def _holders(scope: Scope, user: User | None) -> dict[str, int]:
    row = Certification.objects.filter(
        _in_scope(scope, user), status="active", issued_on__lte=scope.month_end, expires_on__gte=scope.month_end
    ).aggregate(
        batikmark=Count("enterprise_id", distinct=True, filter=Q(scheme__startswith="batikmark_")),
        sni=Count("enterprise_id", distinct=True, filter=Q(scheme="sni")),
    )
    return {"batikmark_holders": row["batikmark"], "sni_holders": row["sni"]}


def trained_enrolments(scope: Scope, user: User | None) -> QuerySet[Any]:
    return Enrolment.objects.filter(
        _in_scope(scope, user),
        enterprise__isnull=False,
        status__in=("attended", "completed"),
        session__ends_on__gte=scope.year_start,
        session__ends_on__lte=scope.month_end,
    )


def certified_certificates(scope: Scope, user: User | None) -> QuerySet[Any]:
    members = Membership.objects.filter(_in_scope(scope, user), person=OuterRef("person_id"))
    return Certificate.objects.filter(
        Exists(members),
        kind="competency",
        issued_on__gte=scope.year_start,
        issued_on__lte=scope.month_end,
    ).exclude(status="revoked")


def _people(scope: Scope, user: User | None) -> dict[str, int]:
    trained = trained_enrolments(scope, user).aggregate(n=Count("person_id", distinct=True))["n"]
    certified = certified_certificates(scope, user).aggregate(n=Count("person_id", distinct=True))["n"]
    return {"people_trained_ytd": trained, "people_certified_ytd": certified}


def kpis(scope: Scope, user: User | None = None) -> dict[str, Any]:
    """Every KPI of the scope, in eight queries whatever the data size (the benchmark compares these keys)."""
    return {
        **_turnover_figures(scope, user),
        **_compliance(scope, user),
        **_classes(scope, user),
        **_holders(scope, user),
        **_people(scope, user),
    }


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date
    domestic: Decimal
    export: Decimal
    pieces: dict[str, int]

    @property
    def turnover(self) -> Decimal:
        return self.domestic + self.export


def monthly_series(scope: Scope, user: User | None = None, months: int = SERIES_MONTHS) -> list[MonthFigures]:
    """Turnover (domestic, export) and pieces by technique for each of the ``months`` months ending with M; months
    without accepted reports are zeros. One query."""
    first = add_months(scope.month_start, -(months - 1))
    rows: dict[datetime.date, dict[str, Any]] = {
        row["month"]: dict(row)
        for row in totals_in_scope(scope, user)
        .filter(month__gte=first, month__lte=scope.month_start)
        .values("month")
        .annotate(
            domestic=Sum("domestic_sales"), export=Sum("export_sales"), **{name: Sum(name) for name in PIECE_FIELDS}
        )
        .order_by("month")
    }
    series = []
    for i in range(months):
        month = add_months(first, i)
        row = rows.get(month, {})
        series.append(
            MonthFigures(
                month=month,
                domestic=Decimal(row.get("domestic") or 0),
                export=Decimal(row.get("export") or 0),
                pieces={t: int(row.get(f"pieces_{t}") or 0) for t in TECHNIQUES},
            )
        )
    return series


def turnover_by_village(scope: Scope, user: User | None = None) -> list[tuple[str, str, Decimal]]:
    """(village code, kelurahan name, turnover year to date), largest first. One query."""
    rows = (
        totals_in_scope(scope, user)
        .filter(month__gte=scope.year_start, month__lte=scope.month_start)
        .values("village_id", "village__name")
        .annotate(turnover=Sum(F("domestic_sales") + F("export_sales")))
        .order_by("-turnover", "village__name")
    )
    return [(row["village_id"], row["village__name"], Decimal(row["turnover"] or 0)) for row in rows]
