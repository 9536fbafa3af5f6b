"""What the artisan's home says about turnover: last month's report is due, or a report came back for correction."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canting.core.home import Notice
from canting.registry.models import Enterprise
from canting.turnover.models import ReportState, TurnoverReport
from canting.turnover.services import reports as services


def turnover_notices(user: Any, enterprise: Enterprise) -> list[Notice]:
    """Reports returned for correction (each with its link), and last month's report when it is late."""
    last = services.last_month()
    reports = TurnoverReport.objects.for_user(user).filter(enterprise=enterprise)
    relevant = list(reports.filter(Q(state=ReportState.RETURNED) | Q(month=last)).order_by("month"))
    notices = [
        Notice(
            text=_("Your turnover report for %(month)s was returned for correction: %(reason)s")
            % {"month": date_format(report.month, "YEAR_MONTH_FORMAT"), "reason": report.return_reason},
            url=reverse("turnover:report-edit", args=[report.pk]),
            link_text=_("Correct the report"),
            level="danger",
        )
        for report in relevant
        if report.state == ReportState.RETURNED
    ]
    last_report = next((report for report in relevant if report.month == last), None)
    if last_report is not None and last_report.state == ReportState.RETURNED:
        return notices  # already said above
    if services.late_enterprises(last, Enterprise.objects.filter(pk=enterprise.pk)).exists():
        url = (
            reverse("turnover:report-edit", args=[last_report.pk])
            if last_report is not None
            else reverse("turnover:report-create", args=[enterprise.pk]) + f"?month={services.month_label(last)}"
        )
        notices.append(
            Notice(
                text=_("Your turnover report for %(month)s is due.")
                % {"month": date_format(last, "YEAR_MONTH_FORMAT")},
                url=url,
                link_text=_("Report the turnover"),
            )
        )
    return notices
