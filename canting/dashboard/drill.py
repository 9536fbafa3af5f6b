"""Drill-downs: for each KPI, the enterprises behind the number and each one's part of it.

Each drill is a grouped query over the KPI's own rows, one row per enterprise (per class record for classes) with
``eid``, ``ename``, ``village_name``, ``part`` and ``note``; the parts add up to the KPI (the turnover parts are read
from the accepted reports themselves, so they also check the monthly totals). Counts of enterprises (holders, due
reports) give each one a part of 1; people trained or certified give the enterprise's distinct people (a person of
two enterprises counts in both, while the KPI counts them once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canting.certification.models import Certification
from canting.dashboard.selectors import (
    Scope,
    _in_scope,
    certified_certificates,
    enterprises_in_scope,
    trained_enrolments,
)
from canting.registry.models import Membership
from canting.turnover.models import FILED, PIECE_FIELDS, ClassRecord, ReportState, TurnoverReport

if TYPE_CHECKING:
    from canting.core.models import User

MONEY, COUNT = "money", "count"


@dataclass(frozen=True)
class Drill:
    slug: str
    title: Promise
    part_label: Promise
    kind: str  # MONEY or COUNT: how the part is shown
    rows: Callable[[Scope, User | None], QuerySet[Any]]
    note_label: Promise | None = None
    note_choices: type[TextChoices] | None = None  # the notes are values of these choices
    keep_zero: bool = False  # list rows whose part is 0 (the enterprises that have not reported)


def _by_enterprise(queryset: QuerySet[Any], prefix: str = "enterprise__") -> QuerySet[Any]:
    return queryset.values(
        eid=F(f"{prefix}id"), ename=F(f"{prefix}name"), village_name=F(f"{prefix}village__name")
    ).order_by()


def _accepted(scope: Scope, user: User | None, **period: Any) -> QuerySet[TurnoverReport]:
    return TurnoverReport.objects.filter(_in_scope(scope, user), state=ReportState.ACCEPTED, **period)


def _month(scope: Scope) -> dict[str, Any]:
    return {"month": scope.month_start}


def _ytd(scope: Scope) -> dict[str, Any]:
    return {"month__gte": scope.year_start, "month__lte": scope.month_start}


def _previous(scope: Scope) -> dict[str, Any]:
    return {"month__gte": scope.previous_year_start, "month__lte": scope.previous_month_start}


def _sales_rows(expression: Any, period: Callable[[Scope], dict[str, Any]]) -> Callable[..., QuerySet[Any]]:
    def rows(scope: Scope, user: User | None) -> QuerySet[Any]:
        reports = _accepted(scope, user, **period(scope))
        return _by_enterprise(reports).annotate(part=Sum(expression), note=Value("")).filter(part__gt=0)

    return rows


SALES = F("domestic_sales") + F("export_sales")
EXPORT = F("export_sales")
PIECES = F(PIECE_FIELDS[0]) + F(PIECE_FIELDS[1]) + F(PIECE_FIELDS[2]) + F(PIECE_FIELDS[3])


def _text(expression: Any) -> Cast:
    return Cast(expression, output_field=CharField())


def _workers(scope: Scope, user: User | None) -> QuerySet[Any]:
    reports = _accepted(scope, user, month=scope.month_start)
    note = Concat(_text(Sum("workers_men")), Value(" / "), _text(Sum("workers_women")), output_field=CharField())
    return (
        _by_enterprise(reports).annotate(part=Sum(F("workers_men") + F("workers_women")), note=note).filter(part__gt=0)
    )


def _compliance(scope: Scope, user: User | None) -> QuerySet[Any]:
    reports = TurnoverReport.objects.filter(enterprise=OuterRef("pk"), month=scope.month_start)
    return (
        enterprises_in_scope(scope, user)
        .filter(status="active")
        .values(eid=F("pk"), ename=F("name"), village_name=F("village__name"))
        .annotate(
            part=Case(
                When(Exists(reports.filter(state__in=FILED)), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            note=Subquery(reports.values("state")[:1]),
        )
    )


def _class_rows(records: QuerySet[ClassRecord], *parts: Any) -> QuerySet[Any]:
    """One row per class record (an enterprise has one current record per scheme)."""
    return _by_enterprise(records).annotate(
        part=Value(1, output_field=IntegerField()),
        note=Concat(F("scheme__code"), Value(": "), *parts, output_field=CharField()),
    )


def _classes(scope: Scope, user: User | None) -> QuerySet[Any]:
    return _class_rows(ClassRecord.objects.filter(_in_scope(scope, user), current=True), F("business_class"))


def _moves(scope: Scope, user: User | None) -> QuerySet[Any]:
    records = ClassRecord.objects.filter(
        _in_scope(scope, user), moved_up=True, assessed_on__gte=scope.year_start, assessed_on__lte=scope.month_end
    )
    return _class_rows(records, F("previous_class"), Value(" \u2192 "), F("business_class"))


def _holders(condition: Q) -> Callable[..., QuerySet[Any]]:
    def rows(scope: Scope, user: User | None) -> QuerySet[Any]:
        certifications = Certification.objects.filter(
            condition,
            _in_scope(scope, user),
            status="active",
            issued_on__lte=scope.month_end,
            expires_on__gte=scope.month_end,
        )
        return _by_enterprise(certifications).annotate(part=Count("enterprise_id", distinct=True), note=Min("number"))

    return rows


def _trained(scope: Scope, user: User | None) -> QuerySet[Any]:
    return _by_enterprise(trained_enrolments(scope, user)).annotate(
        part=Count("person_id", distinct=True), note=Value("")
    )


def _certified(scope: Scope, user: User | None) -> QuerySet[Any]:
    holders = certified_certificates(scope, user).values("person_id")
    members = Membership.objects.filter(_in_scope(scope, user), person_id__in=holders)
    return _by_enterprise(members).annotate(part=Count("person_id", distinct=True), note=Value(""))


DRILLS: dict[str, Drill] = {
    d.slug: d
    for d in (
        Drill("turnover-month", _("Turnover in the month"), _("Turnover (Rp)"), MONEY, _sales_rows(SALES, _month)),
        Drill("turnover-ytd", _("Turnover, year to date"), _("Turnover (Rp)"), MONEY, _sales_rows(SALES, _ytd)),
        Drill(
            "turnover-previous",
            _("Turnover, same period last year"),
            _("Turnover (Rp)"),
            MONEY,
            _sales_rows(SALES, _previous),
        ),
        Drill("export-month", _("Export in the month"), _("Export (Rp)"), MONEY, _sales_rows(EXPORT, _month)),
        Drill("export-ytd", _("Export, year to date"), _("Export (Rp)"), MONEY, _sales_rows(EXPORT, _ytd)),
        Drill("pieces", _("Pieces produced, year to date"), _("Pieces"), COUNT, _sales_rows(PIECES, _ytd)),
        Drill("workers", _("Workforce in the month"), _("Workers"), COUNT, _workers, note_label=_("Men / women")),
        Drill(
            "compliance",
            _("Reporting compliance"),
            _("Filed"),
            COUNT,
            _compliance,
            note_label=_("Report state"),
            note_choices=ReportState,
            keep_zero=True,
        ),
        Drill("classes", _("Enterprises by class"), _("Current classes"), COUNT, _classes, note_label=_("Class")),
        Drill("class-moves", _("Class moves (naik kelas), year to date"), _("Moves"), COUNT, _moves, _("Move")),
        Drill(
            "batikmark",
            _("Batikmark holders"),
            _("Holder"),
            COUNT,
            _holders(Q(scheme__startswith="batikmark_")),
            _("Certificate"),
        ),
        Drill("sni", _("SNI holders"), _("Holder"), COUNT, _holders(Q(scheme="sni")), _("Certificate")),
        Drill("trained", _("People trained, year to date"), _("People"), COUNT, _trained),
        Drill("certified", _("People certified, year to date"), _("People"), COUNT, _certified),
    )
}
ORDERINGS = {"name": ("ename", "eid"), "village": ("village_name", "ename"), "part": ("part", "ename")}


def drill_rows(drill: Drill, scope: Scope, user: User | None, ordering: str = "") -> QuerySet[Any]:
    """The drill's rows, sorted by ``ordering`` (name, village or part, ``-`` for descending; part descending by
    default)."""
    key = ordering.removeprefix("-")
    fields = ORDERINGS.get(key, ORDERINGS["part"])
    descending = ordering.startswith("-") if key in ORDERINGS else True
    order = [f"-{fields[0]}" if descending else fields[0], *fields[1:]]
    return drill.rows(scope, user).order_by(*order)


def drill_total(drill: Drill, scope: Scope, user: User | None) -> Any:
    """The sum of the parts (for a count, the number the KPI shows when each enterprise counts once)."""
    return drill.rows(scope, user).aggregate(total=Sum("part"))["total"] or 0
