"""The office's report on one session: who took part (by gender, enterprise and status), how many came, and how
many earned the competency; as a page, a workbook and a PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View

from canting.core.documents import render_pdf
from canting.core.permissions import STAFF, RoleRequiredMixin
from canting.core.xlsx import build_workbook, xlsx_response
from canting.training.models import TrainingSession
from canting.training.selectors import SessionReport, session_report
from canting.training.views.attendance import DOCUMENTS, header, pdf_response

STAFF_ONLY = frozenset({STAFF})


def percent(value: float | None) -> str:
    return "\u2013" if value is None else f"{number_format(round(value * 100, 1), 1)} %"


class ReportMixin:
    session: TrainingSession

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.session = get_object_or_404(
            TrainingSession.objects.for_user(request.user).select_related("programme", "scheme"), pk=kwargs["pk"]
        )


def figures(report: SessionReport) -> list[tuple[str, Any]]:
    """The headline figures, label and value, in the order every format shows them."""
    return [
        (_("Participants holding a seat"), report.seated),
        (_("Attendance rate"), percent(report.attendance_rate)),
        (_("Assessed"), report.assessed),
        (_("Earned the scheme"), report.earned),
        (_("Competency pass rate"), percent(report.pass_rate)),
    ]


def enterprise_rows(report: SessionReport) -> list[tuple[str, int]]:
    return [(name or _("No enterprise"), n) for name, n in report.by_enterprise]


def workbook(report: SessionReport) -> bytes:
    count = _("Participants")
    return build_workbook(
        [
            (_("Summary"), [_("Figure"), _("Value")], figures(report)),
            (_("By status"), [_("Status"), count], report.by_status),
            (_("By gender"), [_("Gender"), count], report.by_gender),
            (
                _("By enterprise"),
                [_("Enterprise"), count],
                [(n or _("No enterprise"), c) for n, c in report.by_enterprise],
            ),
        ]
    )


class SessionReportView(ReportMixin, RoleRequiredMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = session_report(self.session)
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"training-session-{self.session.pk}.xlsx", workbook(report))
        context = {"session": self.session, "report": report, "figures": figures(report)}
        return render(request, "training/session_report.html", context)


class SessionReportPdfView(ReportMixin, RoleRequiredMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = session_report(self.session)
        data = {
            **header(self.session),
            "title": _("Training session report"),
            "figures": [[label, str(value)] for label, value in figures(report)],
            "tables": [
                {"title": _("By status"), "rows": [[label, str(n)] for label, n in report.by_status]},
                {"title": _("By gender"), "rows": [[label, str(n)] for label, n in report.by_gender]},
                {
                    "title": _("By enterprise"),
                    "rows": [[name or _("No enterprise"), str(n)] for name, n in report.by_enterprise],
                },
            ],
        }
        return pdf_response(render_pdf(DOCUMENTS / "session_report.typ", data), f"session-report-{self.session.pk}.pdf")
