"""The office's facility reports: utilisation per facility and month, use by enterprise, and production at the
centre from recorded usage; each filtered by centre, facility and a period of months, and exported as xlsx."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from canting.core.dates import add_months
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import build_workbook, xlsx_response
from canting.facilities import selectors
from canting.facilities.models import Facility, Reservation, Usage
from canting.registry.models import Centre

STAFF_ONLY = frozenset({STAFF})
DEFAULT_MONTHS = 6  # the period shown when none is chosen: the last six months, this one included


def parse_month(text: str) -> datetime.date | None:
    """'2025-03' -> 1 March 2025; None for anything else."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


class MonthField(forms.Field):
    widget = forms.TextInput(attrs={"type": "month", "class": "form-control"})
    default_error_messages = {"invalid": gettext_lazy("Enter a month as YYYY-MM.")}

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, ""):
            return None
        month = parse_month(str(value))
        if month is None or not 2000 <= month.year <= 2100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class ReportFilterForm(forms.Form):
    """Centre, facility and the period (from one month to another); filters that do not validate are left out."""

    centre = forms.ModelChoiceField(label=gettext_lazy("Centre"), queryset=Centre.objects.none(), required=False)
    facility = forms.ModelChoiceField(label=gettext_lazy("Facility"), queryset=Facility.objects.none(), required=False)
    start = MonthField(label=gettext_lazy("From month"), required=False)
    end = MonthField(label=gettext_lazy("To month"), required=False)

    def __init__(self, data: Any, *, user: Any, today: datetime.date) -> None:
        super().__init__(data if data is not None else {})
        self.today = today
        centre = cast(forms.ModelChoiceField, self.fields["centre"])  # type: ignore[type-arg]
        centre.queryset = Centre.objects.for_user(user).order_by("name")
        centre.empty_label = str(_("All centres"))
        facility = cast(forms.ModelChoiceField, self.fields["facility"])  # type: ignore[type-arg]
        facility.queryset = Facility.objects.for_user(user).order_by("name", "pk")
        facility.empty_label = str(_("All facilities"))

    def choice(self, name: str) -> Any:
        """The value chosen for a filter; None when it was left empty or is not valid."""
        self.is_valid()
        return self.cleaned_data.get(name)

    def months(self) -> list[datetime.date]:
        self.is_valid()
        this_month = self.today.replace(day=1)
        end = self.cleaned_data.get("end") or this_month
        start = self.cleaned_data.get("start") or add_months(end, -(DEFAULT_MONTHS - 1))
        if start > end:
            start, end = end, start
        return selectors.months_between(start, end)


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "M Y")


def period_text(months: Sequence[datetime.date]) -> str:
    if not months:
        return ""
    return f"{month_label(months[0])} \u2013 {month_label(months[-1])}"


def technique_labels() -> list[tuple[str, str]]:
    """Short column titles for the four techniques (the full labels are in ``registry.Technique``)."""
    return [("tulis", _("Batik tulis")), ("cap", _("Batik cap")), ("kombinasi", _("Batik kombinasi")),
            ("tiruan", _("Tiruan (printed)"))]  # fmt: skip


class ReportView(RoleRequiredMixin, View):
    """A staff report: reads the filters, shows a page, or with ``?format=xlsx`` the same figures as a workbook."""

    allowed_roles = STAFF_ONLY
    template_name: ClassVar[str]
    export_name: ClassVar[str]
    form: ReportFilterForm
    months: list[datetime.date]

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.form = ReportFilterForm(request.GET, user=current_user(request), today=timezone.localdate())
        self.months = self.form.months()

    def facilities(self) -> Any:
        return selectors.facilities_for(
            current_user(self.request), centre=self.form.choice("centre"), facility=self.form.choice("facility")
        )

    def figures(self) -> dict[str, Any]:
        raise NotImplementedError

    def sheets(self, figures: dict[str, Any]) -> list[tuple[str, Sequence[str], Any]]:
        raise NotImplementedError

    def query(self) -> str:
        params = self.request.GET.copy()
        params.pop("format", None)
        return params.urlencode()

    def get(self, request: HttpRequest) -> HttpResponse:
        figures = self.figures()
        if request.GET.get("format") == "xlsx":
            stamp = f"{self.months[0]:%Y-%m}_{self.months[-1]:%Y-%m}"
            return xlsx_response(f"{self.export_name}-{stamp}.xlsx", build_workbook(self.sheets(figures)))
        context = {
            "form": self.form,
            "months": self.months,
            "period": period_text(self.months),
            "query": self.query(),
            **figures,
        }
        return render(request, self.template_name, context)


class UtilisationReportView(ReportView):
    template_name = "facilities/reports/utilisation.html"
    export_name = "utilisation"

    def figures(self) -> dict[str, Any]:
        cells = selectors.utilisation(self.facilities(), self.months)
        rows: list[dict[str, Any]] = []
        for cell in cells:
            if not rows or rows[-1]["facility"].pk != cell.facility.pk:
                rows.append({"facility": cell.facility, "cells": [], "booked": Decimal(0), "open": Decimal(0)})
            row = rows[-1]
            row["cells"].append(cell)
            row["booked"] += cell.booked_hours
            row["open"] += cell.opening_hours
        for row in rows:
            row["percent"] = selectors.percent(row["booked"], row["open"])
        return {"rows": rows, "cells": cells}

    def sheets(self, figures: dict[str, Any]) -> list[tuple[str, Sequence[str], Any]]:
        header = [_("Centre"), _("Facility"), _("Month"), _("Booked hours"), _("Opening hours"), _("Utilisation (%)")]
        lines = (
            [c.facility.centre.name, c.facility.name, c.month.strftime("%Y-%m"), c.booked_hours, c.opening_hours,
             c.percent]
            for c in figures["cells"]
        )  # fmt: skip
        return [(_("Utilisation"), header, lines)]


class EnterpriseReportView(ReportView):
    template_name = "facilities/reports/enterprises.html"
    export_name = "facility-use-by-enterprise"

    def figures(self) -> dict[str, Any]:
        reservations = Reservation.objects.for_user(current_user(self.request)).filter(facility__in=self.facilities())
        uses = selectors.enterprise_use(reservations, self.months)
        totals: dict[int, dict[str, Any]] = {}
        for use in uses:
            total = totals.setdefault(
                use.enterprise_id,
                {"enterprise": use.enterprise, "hours": Decimal(0), "bookings": 0, "cancellations": 0},
            )
            total["hours"] += use.booked_hours
            total["bookings"] += use.bookings
            total["cancellations"] += use.cancellations
        # One line per enterprise and facility, one cell per month (None when nothing happened that month).
        lines: dict[tuple[int, int], dict[str, Any]] = {}
        column = {month: i for i, month in enumerate(self.months)}
        for use in uses:
            line = lines.setdefault(
                (use.enterprise_id, use.facility_id),
                {"enterprise_id": use.enterprise_id, "enterprise": use.enterprise, "facility": use.facility,
                 "cells": [None] * len(self.months)},
            )  # fmt: skip
            line["cells"][column[use.month]] = use
        return {"uses": uses, "lines": list(lines.values()), "totals": list(totals.values())}

    def sheets(self, figures: dict[str, Any]) -> list[tuple[str, Sequence[str], Any]]:
        header = [_("Enterprise"), _("Facility"), _("Month"), _("Booked hours"), _("Bookings"), _("Cancellations")]
        lines = (
            [u.enterprise, u.facility, u.month.strftime("%Y-%m"), u.booked_hours, u.bookings, u.cancellations]
            for u in figures["uses"]
        )
        return [(_("Use by enterprise"), header, lines)]


class ProductionReportView(ReportView):
    template_name = "facilities/reports/production.html"
    export_name = "production"

    def figures(self) -> dict[str, Any]:
        usage = selectors.usage_at(Usage.objects.for_user(current_user(self.request)), self.facilities())
        months = selectors.production(usage, self.months)
        total = selectors.Production(
            month=self.months[0],
            pieces={code: sum(m.pieces[code] for m in months) for code, _label in technique_labels()},
            wax_kg=sum((m.wax_kg for m in months), Decimal(0)),
            dye_kg=sum((m.dye_kg for m in months), Decimal(0)),
            water_litres=sum(m.water_litres for m in months),
        )
        return {"production": months, "total": total, "techniques": technique_labels()}

    def sheets(self, figures: dict[str, Any]) -> list[tuple[str, Sequence[str], Any]]:
        techniques = figures["techniques"]
        header = [
            _("Month"), *(label for _code, label in techniques), _("Pieces in all"), _("Wax (kg)"), _("Dye (kg)"),
            _("Water treated (litres)"),
        ]  # fmt: skip
        lines = (
            [m.month.strftime("%Y-%m"), *(m.pieces[code] for code, _label in techniques), m.total_pieces, m.wax_kg,
             m.dye_kg, m.water_litres]
            for m in figures["production"]
        )  # fmt: skip
        return [(_("Production"), header, lines)]
