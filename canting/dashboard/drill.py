"""Drill-downs: for each KPI, the enterprises behind the number and each one's part of it.

Each drill is a query over the KPI's own rows, one row per enterprise (per class record for classes) with ``eid``,
``ename``, ``village_name``, ``part`` and ``note``; the parts add up to the KPI. Turnover, export, pieces and workers
are read from the enterprises' totals (``EnterpriseTotal``: one row per enterprise and month, with the year's running
sums), as the dashboard reads the monthly totals, so a national drill-down reads one row per enterprise instead of
every report of the year. Counts of enterprises (holders, due reports) give each one a part of 1; people trained or
certified give the enterprise's distinct people (a person of two enterprises counts in both, while the KPI counts
them once).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Min,
    Q,
    QuerySet,
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
from canting.turnover.models import FILED, ClassRecord, EnterpriseTotal, ReportState, TurnoverReport

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
    # How many rows and the sum of their parts, when it can be read more directly than from ``rows``.
    summary: Callable[[Scope, User | None], tuple[int, Any]] | None = None


def _by_enterprise(queryset: QuerySet[Any], prefix: str = "enterprise__") -> QuerySet[Any]:
    return queryset.values(
        eid=F(f"{prefix}id"), ename=F(f"{prefix}name"), village_name=F(f"{prefix}village__name")
    ).order_by()


def _totals(scope: Scope, user: User | None, month: datetime.date) -> QuerySet[EnterpriseTotal]:
    """The enterprises' totals of ``month`` in the scope: one row per enterprise."""
    return EnterpriseTotal.objects.filter(_in_scope(scope, user), month=month)


def _month(scope: Scope) -> datetime.date:
    return scope.month_start


def _previous(scope: Scope) -> datetime.date:
    """Month M of the year before: its running sums are the same period last year."""
    return scope.previous_month_start


def _total_rows(field: str, month: Callable[[Scope], datetime.date]) -> Callable[..., QuerySet[Any]]:
    """Rows whose part is one figure of the enterprises' totals of a month (the month's, or the year's so far)."""

    def rows(scope: Scope, user: User | None) -> QuerySet[Any]:
        totals = _totals(scope, user, month(scope)).filter(**{f"{field}__gt": 0})
        return _by_enterprise(totals).annotate(part=F(field), note=Value(""))

    return rows


def _total_summary(field: str, month: Callable[[Scope], datetime.date]) -> Callable[..., tuple[int, Any]]:
    """The rows and their sum straight from the totals (no enterprise or village names to join)."""

    def summary(scope: Scope, user: User | None) -> tuple[int, Any]:
        totals = _totals(scope, user, month(scope)).filter(**{f"{field}__gt": 0})
        row = totals.aggregate(rows=Count("pk"), total=Sum(field))
        return int(row["rows"] or 0), row["total"] or 0

    return summary


def _figure(slug: str, title: Promise, part_label: Promise, kind: str, field: str, month: Callable[..., Any]) -> Drill:
    return Drill(slug, title, part_label, kind, _total_rows(field, month), summary=_total_summary(field, month))


def _workers(scope: Scope, user: User | None) -> QuerySet[Any]:
    totals = _totals(scope, user, scope.month_start).filter(Q(workers_men__gt=0) | Q(workers_women__gt=0))
    note = Concat(_text(F("workers_men")), Value(" / "), _text(F("workers_women")), output_field=CharField())
    return _by_enterprise(totals).annotate(part=F("workers_men") + F("workers_women"), note=note)


def _text(expression: Any) -> Cast:
    return Cast(expression, output_field=CharField())


def _compliance(scope: Scope, user: User | None) -> QuerySet[Any]:
    """Every active enterprise with its report of the month, if any (one join, not a look-up per enterprise)."""
    report = FilteredRelation("turnover_reports", condition=Q(turnover_reports__month=scope.month_start))
    return (
        enterprises_in_scope(scope, user)
        .filter(status="active")
        .annotate(month_report=report)
        .values(eid=F("pk"), ename=F("name"), village_name=F("village__name"))
        .annotate(
            part=Case(
                When(month_report__state__in=FILED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            note=F("month_report__state"),
        )
    )


def _compliance_summary(scope: Scope, user: User | None) -> tuple[int, int]:
    active = enterprises_in_scope(scope, user).filter(status="active")
    filed = TurnoverReport.objects.filter(
        enterprise__in=active.values("pk"), month=scope.month_start, state__in=FILED
    ).count()
    return active.count(), filed


def _workers_summary(scope: Scope, user: User | None) -> tuple[int, int]:
    totals = _totals(scope, user, scope.month_start).filter(Q(workers_men__gt=0) | Q(workers_women__gt=0))
    row = totals.aggregate(rows=Count("pk"), total=Sum(F("workers_men") + F("workers_women")))
    return int(row["rows"] or 0), int(row["total"] or 0)


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
        _figure("turnover-month", _("Turnover in the month"), _("Turnover (Rp)"), MONEY, "sales", _month),
        _figure("turnover-ytd", _("Turnover, year to date"), _("Turnover (Rp)"), MONEY, "sales_ytd", _month),
        _figure(
            "turnover-previous", _("Turnover, same period last year"), _("Turnover (Rp)"), MONEY, "sales_ytd", _previous
        ),
        _figure("export-month", _("Export in the month"), _("Export (Rp)"), MONEY, "export_sales", _month),
        _figure("export-ytd", _("Export, year to date"), _("Export (Rp)"), MONEY, "export_ytd", _month),
        _figure("pieces", _("Pieces produced, year to date"), _("Pieces"), COUNT, "pieces_ytd", _month),
        Drill(
            "workers",
            _("Workforce in the month"),
            _("Workers"),
            COUNT,
            _workers,
            note_label=_("Men / women"),
            summary=_workers_summary,
        ),
        Drill(
            "compliance",
            _("Reporting compliance"),
            _("Filed"),
            COUNT,
            _compliance,
            note_label=_("Report state"),
            note_choices=ReportState,
            keep_zero=True,
            summary=_compliance_summary,
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


def drill_summary(drill: Drill, scope: Scope, user: User | None) -> tuple[int, Any]:
    """How many rows the drill has and the sum of their parts, in one query."""
    if drill.summary is not None:
        return drill.summary(scope, user)
    row = drill.rows(scope, user).aggregate(rows=Count("*"), total=Sum("part"))
    return int(row["rows"] or 0), row["total"] or 0


def drill_total(drill: Drill, scope: Scope, user: User | None) -> Any:
    """The sum of the parts (for a count, the number the KPI shows when each enterprise counts once)."""
    return drill_summary(drill, scope, user)[1]
