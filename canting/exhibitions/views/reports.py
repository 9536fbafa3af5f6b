"""An exhibition's report for the office: sales per exhibitor and day, totals, best sellers, visitors, leads and cost
per rupiah sold; as a page, a workbook (``?format=xlsx``) and a PDF."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View

from canting.core.documents import render_pdf
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.templatetags.canting import rupiah
from canting.core.xlsx import build_workbook, xlsx_response
from canting.exhibitions import selectors
from canting.exhibitions.models import Exhibition, PaymentMethod
from canting.registry.models import Technique

STAFF_ONLY = frozenset({STAFF})
DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"


def build(exhibition: Exhibition, user: Any) -> selectors.Report:
    return selectors.report(
        exhibition,
        user,
        technique_labels={code: str(label) for code, label in Technique.choices},
        payment_labels={code: str(label) for code, label in PaymentMethod.choices},
        other_label=_("Not from the catalogue"),
    )


def day_label(day: Any) -> str:
    return formats.date_format(day, "D j M")


def count(value: int | Decimal) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def ratio_text(value: Any) -> str:
    """Rupiah spent per rupiah sold, e.g. '0.42'; a dash when nothing was sold."""
    return "\u2013" if value is None else formats.number_format(value, 2, use_l10n=True)


def dates_text(exhibition: Exhibition) -> str:
    start, end = exhibition.starts_on, exhibition.ends_on
    return f"{formats.date_format(start, 'j F Y')} \u2013 {formats.date_format(end, 'j F Y')}"


class ExhibitionReportMixin(RoleRequiredMixin):
    """Finds the exhibition among those the staff member may see (404 otherwise) and gathers its report."""

    allowed_roles = STAFF_ONLY
    exhibition: Exhibition

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(
            Exhibition.objects.for_user(current_user(request)).select_related("area"), pk=kwargs["pk"]
        )

    def gather(self) -> selectors.Report:
        return build(self.exhibition, current_user(self.request))  # type: ignore[attr-defined]

    def stamp(self) -> str:
        return f"exhibition-{self.exhibition.pk}-report"


class ReportView(ExhibitionReportMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        figures = self.gather()
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"{self.stamp()}.xlsx", build_workbook(sheets(figures)))
        context = {
            "exhibition": self.exhibition,
            "report": figures,
            "dates": dates_text(self.exhibition),
            "top_motif": max((m.amount for m in figures.motifs), default=0) or 1,
        }
        return render(request, "exhibitions/reports/report.html", context)


class ReportPdfView(ExhibitionReportMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        data = document_data(self.gather())
        response = HttpResponse(render_pdf(DOCUMENTS / "report.typ", data), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.stamp()}.pdf"'
        return response


def sheets(report: selectors.Report) -> list[tuple[str, Sequence[str], Any]]:
    """The workbook: a summary, the exhibitor x day table (amounts), days, payments, motifs, techniques, leads."""
    ex = report.exhibition
    summary: list[list[Any]] = [
        [_("Exhibition"), ex.name],
        [_("Venue"), ex.venue],
        [_("First day"), ex.starts_on],
        [_("Last day"), ex.ends_on],
        [_("Pieces sold"), report.total.pieces],
        [_("Number of sales"), report.total.sales],
        [_("Total sales (Rp)"), report.total.amount],
        [_("Visitors"), report.visitors],
        [_("Buyer leads"), report.leads],
        [_("Budget (Rp)"), ex.budget],
        [_("Booth fees (Rp)"), report.booth_income],
        [_("Cost per rupiah sold"), report.cost_per_rupiah],
        [_("Cost per rupiah sold, net of booth fees"), report.net_cost_per_rupiah],
    ]
    grid_header = [_("Exhibitor"), _("Booth"), *(d.isoformat() for d in report.days), _("Total (Rp)"), _("Pieces")]
    grid: list[list[Any]] = [
        [r.name, ", ".join(r.booths), *(c.amount if c else 0 for c in r.cells), r.total.amount, r.total.pieces]
        for r in report.rows
    ]
    grid.append([_("Total"), "", *(f.amount for f in report.day_totals), report.total.amount, report.total.pieces])
    days = [[d.day, d.visitors, d.sales.sales, d.sales.pieces, d.sales.amount] for d in report.by_day]
    payments = [[label, f.sales, f.pieces, f.amount] for _code, label, f in report.by_payment]
    ranked_header = [_("Name"), _("Pieces"), _("Amount (Rp)")]
    return [
        (_("Summary"), [_("Figure"), _("Value")], summary),
        (_("Sales by exhibitor and day"), grid_header, grid),
        (_("Days"), [_("Day"), _("Visitors"), _("Sales"), _("Pieces"), _("Amount (Rp)")], days),
        (_("Payment methods"), [_("Payment"), _("Sales"), _("Pieces"), _("Amount (Rp)")], payments),
        (_("Motifs"), ranked_header, [[m.label, m.pieces, m.amount] for m in report.motifs]),
        (_("Techniques"), ranked_header, [[t.label, t.pieces, t.amount] for t in report.techniques]),
        (_("Leads by country"), [_("Country"), _("Leads")], [[name, n] for _c, name, n in report.leads_by_country]),
    ]


def document_data(report: selectors.Report) -> dict[str, Any]:
    """The PDF's data: every label translated and every number formatted here."""
    ex = report.exhibition
    top_motif = max((m.amount for m in report.motifs), default=0) or 1
    top_day = max((d.sales.amount for d in report.by_day), default=0) or 1
    return {
        "title": _("Exhibition report"),
        "name": ex.name,
        "facts": [
            [_("Venue"), ", ".join(part for part in (ex.venue, ex.address) if part)],
            [_("Dates"), dates_text(ex)],
            [_("Organiser"), ex.organiser],
        ],
        "generated": _("Generated on %(date)s") % {"date": formats.date_format(timezone.localdate(), "j F Y")},
        "totals_title": _("Totals"),
        "totals": [
            [_("Total sales"), rupiah(report.total.amount)],
            [_("Pieces sold"), count(report.total.pieces)],
            [_("Number of sales"), count(report.total.sales)],
            [_("Visitors"), count(report.visitors)],
            [_("Buyer leads"), count(report.leads)],
            [_("Budget"), rupiah(ex.budget)],
            [_("Booth fees"), rupiah(report.booth_income)],
            [_("Cost per rupiah sold"), ratio_text(report.cost_per_rupiah)],
            [_("Cost per rupiah sold, net of booth fees"), ratio_text(report.net_cost_per_rupiah)],
        ],
        "payments_title": _("By payment method"),
        "payments": [[label, count(f.sales), count(f.pieces), rupiah(f.amount)] for _c, label, f in report.by_payment],
        "payments_header": [_("Payment"), _("Sales"), _("Pieces"), _("Amount")],
        "days_title": _("Days"),
        "days_header": [_("Day"), _("Visitors"), _("Pieces"), _("Amount")],
        "days": [
            {
                "cells": [
                    day_label(d.day),
                    "\u2013" if d.visitors is None else count(d.visitors),
                    count(d.sales.pieces),
                    rupiah(d.sales.amount),
                ],
                "share": float(d.sales.amount / top_day),
            }
            for d in report.by_day
        ],
        "exhibitors_title": _("Sales per exhibitor and day"),
        "exhibitors_header": [_("Exhibitor"), *(day_label(d) for d in report.days), _("Total")],
        "exhibitors": [
            [r.name, *(count(c.amount) if c else "\u2013" for c in r.cells), rupiah(r.total.amount)]
            for r in report.rows
        ],
        "exhibitors_total": [_("Total"), *(count(f.amount) for f in report.day_totals), rupiah(report.total.amount)],
        "motifs_title": _("Best-selling motifs"),
        "motifs": [
            {"label": m.label, "value": rupiah(m.amount), "share": float(m.amount / top_motif)} for m in report.motifs
        ],
        "techniques_title": _("Sales by technique"),
        "techniques": [[t.label, count(t.pieces), rupiah(t.amount)] for t in report.techniques],
        "ranked_header": [_("Technique"), _("Pieces"), _("Amount")],
        "leads_title": _("Buyer leads by country"),
        "leads": [[name, count(n)] for _c, name, n in report.leads_by_country],
        "leads_header": [_("Country"), _("Leads")],
        "empty": _("Nothing recorded."),
        "amounts_note": _("Amounts in the table by day are in rupiah."),
    }
