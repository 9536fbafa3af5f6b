"""What one dashboard view shows, gathered once and laid out for the page, the workbook and the PDF alike."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from canting.core.templatetags.canting import rupiah
from canting.core.xlsx import build_workbook
from canting.dashboard.selectors import (
    TECHNIQUES,
    MonthFigures,
    Scope,
    kpis,
    monthly_series,
    turnover_by_village,
)
from canting.registry.models import Technique
from canting.turnover.models import BusinessClass, ClassScheme

if TYPE_CHECKING:
    from canting.core.models import User

MONEY, COUNT, PERCENT = "money", "count", "percent"


@dataclass(frozen=True)
class Figure:
    """One line of the KPI table: a label, a value of a kind (money, count, percent) and its drill-down."""

    label: str
    value: Any
    kind: str
    drill: str = ""
    group: str = ""


@dataclass
class View:
    scope: Scope
    kpis: dict[str, Any]
    series: list[MonthFigures]
    villages: list[tuple[str, str, Decimal]]
    schemes: dict[str, str]

    @property
    def figures(self) -> list[Figure]:
        return figures(self)


def gather(scope: Scope, user: User | None) -> View:
    """Everything one view shows: the KPIs, the 24-month series, turnover by kelurahan (ten queries)."""
    schemes = dict(ClassScheme.objects.order_by("basis", "code").values_list("code", "name"))
    return View(scope, kpis(scope, user), monthly_series(scope, user), turnover_by_village(scope, user), schemes)


def technique_label(code: str) -> str:
    return str(Technique(code).label)


def class_label(code: str) -> str:
    return str(BusinessClass(code).label) if code in BusinessClass.values else code


def figures(view: View) -> list[Figure]:
    k = view.kpis
    turnover, workforce, classes, people = _("Turnover"), _("Workforce"), _("Business class"), _("Quality and skills")
    rows = [
        Figure(_("Turnover in the month"), k["turnover_month"], MONEY, "turnover-month", turnover),
        Figure(_("Turnover, year to date"), k["turnover_ytd"], MONEY, "turnover-ytd", turnover),
        Figure(_("Turnover, same period last year"), k["turnover_ytd_previous"], MONEY, "turnover-previous", turnover),
        Figure(_("Growth against last year"), k["turnover_growth_pct"], PERCENT, "", turnover),
        Figure(_("Export in the month"), k["export_month"], MONEY, "export-month", turnover),
        Figure(_("Export, year to date"), k["export_ytd"], MONEY, "export-ytd", turnover),
        Figure(_("Pieces produced, year to date"), k["pieces_ytd"], COUNT, "pieces", workforce),
    ]
    rows += [
        Figure(technique_label(t), k["pieces_by_technique_ytd"][t], COUNT, "pieces", workforce) for t in TECHNIQUES
    ]
    rows += [
        Figure(_("Workers, men"), k["workers_men"], COUNT, "workers", workforce),
        Figure(_("Workers, women"), k["workers_women"], COUNT, "workers", workforce),
        Figure(_("Reports due for the month"), k["reports_due"], COUNT, "compliance", workforce),
        Figure(_("Reports filed for the month"), k["reports_filed"], COUNT, "compliance", workforce),
        Figure(_("Reporting compliance"), k["compliance_pct"], PERCENT, "compliance", workforce),
    ]
    for code, counts in k["enterprises_by_class"].items():
        scheme = view.schemes.get(code, code)
        rows += [
            Figure(f"{scheme}: {class_label(c)}", n, COUNT, "classes", classes)
            for c, n in sorted(counts.items(), key=lambda item: BusinessClass.values.index(item[0]))
        ]
    rows += [
        Figure(_("Class moves (naik kelas), year to date"), k["class_moves_ytd"], COUNT, "class-moves", classes),
        Figure(_("Batikmark holders"), k["batikmark_holders"], COUNT, "batikmark", people),
        Figure(_("SNI holders"), k["sni_holders"], COUNT, "sni", people),
        Figure(_("People trained, year to date"), k["people_trained_ytd"], COUNT, "trained", people),
        Figure(_("People certified, year to date"), k["people_certified_ytd"], COUNT, "certified", people),
    ]
    return rows


def show(value: Any, kind: str) -> str:
    """A figure as text for the reader's locale (documents; the page uses the template filters)."""
    if value is None:
        return "\u2013"
    if kind == MONEY:
        return rupiah(value)
    if kind == PERCENT:
        return formats.number_format(value, 1, use_l10n=True) + " %"
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def month_label(figures: MonthFigures) -> str:
    return formats.date_format(figures.month, "M Y")


def workbook(view: View, describe: dict[str, str]) -> bytes:
    header = [_("Figure"), _("Value"), _("Group")]
    kpi_rows: list[list[Any]] = [
        [_("Period"), describe["period"], ""],
        [_("Area"), describe["place"], ""],
    ]
    kpi_rows += [[f.label, f.value, f.group] for f in view.figures]
    series = [[m.month, m.domestic, m.export, m.turnover, *(m.pieces[t] for t in TECHNIQUES)] for m in view.series]
    series_header = [_("Month"), _("Domestic sales (Rp)"), _("Export sales (Rp)"), _("Turnover (Rp)")]
    series_header += [technique_label(t) for t in TECHNIQUES]
    techniques = [[technique_label(t), view.kpis["pieces_by_technique_ytd"][t]] for t in TECHNIQUES]
    villages = [[code, name, amount] for code, name, amount in view.villages]
    return build_workbook(
        [
            (_("KPIs"), header, kpi_rows),
            (_("Monthly series"), series_header, series),
            (_("By technique"), [_("Technique"), _("Pieces, year to date")], techniques),
            (_("By kelurahan"), [_("Code"), _("Kelurahan"), _("Turnover, year to date (Rp)")], villages),
        ]
    )


def document_data(view: View, describe: dict[str, str], office: str) -> dict[str, Any]:
    """The PDF report's data: every label already translated and every number already formatted."""
    peak = max((m.turnover for m in view.series), default=Decimal(0)) or Decimal(1)
    top_village = max((row[2] for row in view.villages), default=Decimal(0)) or Decimal(1)
    pieces = view.kpis["pieces_by_technique_ytd"]
    top_pieces = max(pieces.values(), default=0) or 1
    return {
        "title": _("Batik small industry: key figures"),
        "office": office,
        "period_label": _("Period"),
        "period": describe["period"],
        "place_label": _("Area"),
        "place": describe["place"],
        "generated": _("Generated on %(date)s") % {"date": formats.date_format(timezone.localdate(), "j F Y")},
        "kpi_title": _("Key figures"),
        "kpis": [[f.group, f.label, show(f.value, f.kind)] for f in view.figures],
        "series_title": _("Monthly turnover, last 24 months (Rp)"),
        "series_header": [_("Month"), _("Domestic"), _("Export"), _("Turnover")],
        "series": [
            {
                "label": month_label(m),
                "cells": [show(m.domestic, MONEY), show(m.export, MONEY), show(m.turnover, MONEY)],
                "share": float(m.turnover / peak),
            }
            for m in view.series
        ],
        "technique_title": _("Pieces produced by technique, year to date"),
        "techniques": [
            {"label": technique_label(t), "value": show(pieces[t], COUNT), "share": pieces[t] / top_pieces}
            for t in TECHNIQUES
        ],
        "village_title": _("Turnover by kelurahan, year to date"),
        "villages": [
            {"label": name, "value": show(amount, MONEY), "share": float(amount / top_village)}
            for _code, name, amount in view.villages
        ],
        "empty": _("No accepted reports in this period."),
    }
