"""The staff dashboard: KPI cards and charts for a period and place, the drill-down behind each number, and the
view exported as a workbook and as a PDF report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from canting.core.documents import render_pdf
from canting.core.lists import ListPaginator
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import build_workbook, xlsx_response
from canting.dashboard import report
from canting.dashboard.drill import DRILLS, MONEY, Drill, drill_rows, drill_summary
from canting.dashboard.exports import export_figures
from canting.dashboard.facilities import facility_figures
from canting.dashboard.forms import DashboardFilterForm
from canting.dashboard.selectors import TECHNIQUES, Scope

STAFF_ONLY = frozenset({STAFF})
CHART_VILLAGES = 20  # the largest kelurahan in the bar chart; the workbook lists them all
DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"


class ScopeMixin(RoleRequiredMixin):
    """Reads the filters of the query string; a filter that is not valid falls back to its default (last month, the
    staff's whole area, every centre)."""

    form: DashboardFilterForm
    scope: Scope

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        today = timezone.localdate()
        self.form = DashboardFilterForm(request.GET, user=current_user(request), today=today)
        self.scope = self.form.scope()

    def query(self) -> str:
        """The filters as a query string, carried to drill-downs and exports."""
        request: HttpRequest = self.request  # type: ignore[attr-defined]
        params = request.GET.copy()
        for key in ("page", "ordering", "format"):
            params.pop(key, None)
        return params.urlencode()

    def stamp(self) -> str:
        return f"{self.scope.year:04d}-{self.scope.month:02d}"


def chart_data(view: report.View) -> dict[str, Any]:
    """The charts' data for Chart.js, as plain numbers (formatted in the browser for the page's language)."""
    labels = [report.month_label(m) for m in view.series]
    return {
        "months": labels,
        "domestic": [float(m.domestic) for m in view.series],
        "export": [float(m.export) for m in view.series],
        "techniques": [
            {"label": report.technique_label(t), "data": [m.pieces[t] for m in view.series]} for t in TECHNIQUES
        ],
        "villages": [name for _code, name, _amount in view.villages[:CHART_VILLAGES]],
        "village_turnover": [float(amount) for _code, _name, amount in view.villages[:CHART_VILLAGES]],
        "labels": {"domestic": _("Domestic"), "export": _("Export"), "turnover": _("Turnover (Rp)")},
    }


class DashboardView(ScopeMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        view = report.gather(self.scope, current_user(request))
        context = {
            "form": self.form,
            "scope": self.scope,
            "describe": self.form.describe(),
            "k": view.kpis,
            "class_figures": [f for f in view.figures if f.drill == "classes"],
            "pieces_by_technique": [
                (report.technique_label(t), view.kpis["pieces_by_technique_ytd"][t]) for t in TECHNIQUES
            ],
            "villages": view.villages,
            "village_chart_height": 60 + 26 * min(len(view.villages), CHART_VILLAGES),
            "chart": chart_data(view),
            "query": self.query(),
            "facility_figures": facility_figures(self.scope, current_user(request)),
            "export_figures": export_figures(self.scope, current_user(request)),
        }
        return render(request, "dashboard/home.html", context)


class DrillDownView(ScopeMixin, View):
    allowed_roles = STAFF_ONLY
    paginate_by = 25
    drill: Drill

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        super().prepare(request, **kwargs)
        drill = DRILLS.get(kwargs["kpi"])
        if drill is None:
            raise Http404
        self.drill = drill

    def note(self, row: dict[str, Any]) -> str:
        note = row["note"] or ""
        choices = self.drill.note_choices
        return str(choices(note).label) if choices is not None and note in choices.values else note

    def get(self, request: HttpRequest, kpi: str) -> HttpResponse:
        user = current_user(request)
        rows = drill_rows(self.drill, self.scope, user, request.GET.get("ordering", ""))
        if request.GET.get("format") == "xlsx":
            return self.export(rows)
        count, total = drill_summary(self.drill, self.scope, user)
        page = ListPaginator(rows, self.paginate_by, count=count).get_page(request.GET.get("page"))
        for row in page.object_list:
            row["note_text"] = self.note(row)
        context = {
            "drill": self.drill,
            "money": self.drill.kind == MONEY,
            "form": self.form,
            "describe": self.form.describe(),
            "page_obj": page,
            "object_list": page.object_list,
            "total": page.paginator.count,
            "sum": total,
            "query": self.query(),
        }
        return render(request, "dashboard/drill.html", context)

    def export(self, rows: Any) -> HttpResponse:
        header = [_("Enterprise"), _("Kelurahan"), str(self.drill.part_label)]
        if self.drill.note_label:
            header.append(str(self.drill.note_label))
        lines = (
            [r["ename"], r["village_name"], r["part"], *([self.note(r)] if self.drill.note_label else [])]
            for r in rows.iterator(chunk_size=500)
        )
        content = build_workbook([(str(self.drill.title), header, lines)])
        return xlsx_response(f"dashboard-{self.drill.slug}-{self.stamp()}.xlsx", content)


class WorkbookView(ScopeMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        view = report.gather(self.scope, current_user(request))
        content = report.workbook(view, self.form.describe())
        return xlsx_response(f"dashboard-{self.stamp()}.xlsx", content)


class PdfReportView(ScopeMixin, View):
    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        user = current_user(request)
        view = report.gather(self.scope, user)
        office = user.area.name if user.area is not None else _("All areas")
        data = report.document_data(view, self.form.describe(), str(office))
        response = HttpResponse(render_pdf(DOCUMENTS / "dashboard_report.typ", data), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="dashboard-{self.stamp()}.pdf"'
        return response
