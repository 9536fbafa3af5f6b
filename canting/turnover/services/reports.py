"""Every write to monthly turnover reports: filing (a draft, then submitted), staff's decision (accepted, or
returned with a reason), bulk acceptance, and the reminders that chase the enterprises that have not reported.

A report moves draft -> submitted -> accepted, or submitted/accepted -> returned -> (edited) -> submitted again.
The enterprise edits only in the EDITABLE states. Entering or leaving "accepted" refreshes the monthly totals the
dashboards read and re-assesses the enterprise's business class.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from canting.core import services
from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.core.scope import require_staff
from canting.core.site import site_url
from canting.registry.models import Enterprise
from canting.turnover.models import (
    EDITABLE,
    FIGURE_FIELDS,
    FILED,
    ReportReminder,
    ReportState,
    TurnoverReport,
    registered_by,
)
from canting.turnover.services import classes, readiness, totals

log = logging.getLogger(__name__)

# What the enterprise (or staff on its behalf) fills in; everything else is set by the transitions.
INPUT_FIELDS = (*FIGURE_FIELDS, "material_costs", "notes")


# --- months ---------------------------------------------------------------------------------------------------
def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the month before ``today``'s: the month an enterprise reports now."""
    return add_months(month_start(today or timezone.localdate()), -1)


def parse_month(text: str | None) -> datetime.date | None:
    """'2025-03' -> 1 March 2025; None for anything else."""
    try:
        year, month = (int(part) for part in (text or "").strip().split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return None


def month_label(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


# --- who may do what ------------------------------------------------------------------------------------------
def check_filer(actor: User | None, enterprise: Enterprise) -> None:
    """Staff file for the enterprises of their area, an artisan for their own enterprise (None is the system)."""
    if actor is None:
        return
    if actor.role not in (Role.STAFF, Role.ARTISAN):
        raise ValidationError(_("Only the enterprise or office staff file turnover reports."), code="not_filer")
    services.require_visible(Enterprise.objects, enterprise, actor, _("You may not report for this enterprise."))


def check_officer(actor: User | None, report: TurnoverReport) -> None:
    """Only office staff of the enterprise's area accept or return a report (None is the system)."""
    if actor is None:
        return
    require_staff(actor, _("Only office staff accept or return turnover reports."))
    services.require_visible(TurnoverReport.objects, report, actor, _("This enterprise is outside your working area."))


def _lock(report: TurnoverReport) -> TurnoverReport:
    return TurnoverReport.objects.select_for_update().select_related("enterprise").get(pk=report.pk)


def _filer_fields(actor: User | None) -> dict[str, Any]:
    return {"filed_by": actor, "on_behalf": actor is not None and actor.role == Role.STAFF}


def _figures(data: dict[str, Any]) -> dict[str, Any]:
    """Only the figures a filer may set; an empty rupiah or count means zero (material costs may stay empty)."""
    figures = {name: data[name] for name in INPUT_FIELDS if name in data}
    for name in FIGURE_FIELDS:
        if name in figures and figures[name] in (None, ""):
            figures[name] = 0
    if "notes" in figures:
        figures["notes"] = (figures["notes"] or "").strip()
    return figures


# --- filing ---------------------------------------------------------------------------------------------------
@transaction.atomic
def create_report(
    *,
    actor: User | None,
    enterprise: Enterprise,
    month: datetime.date,
    data: dict[str, Any],
    submit: bool = False,
) -> TurnoverReport:
    """Start an enterprise's report for a month (a draft, or submitted at once). One report per month: a second
    is refused with the database's own rule."""
    check_filer(actor, enterprise)
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise ValidationError(
            {"month": ValidationError(_("A month in the future cannot be reported yet."), code="future_month")}
        )
    report = TurnoverReport(enterprise=enterprise, month=month, state=ReportState.DRAFT, **_figures(data))
    for name, value in _filer_fields(actor).items():
        setattr(report, name, value)
    try:
        with transaction.atomic():
            report = services.create(report, actor=actor, action="turnover.report.created")
    except IntegrityError as exc:
        # Two requests filed the same month at the same moment: the database kept the first.
        raise ValidationError(_("This enterprise already has a report for this month."), code="duplicate") from exc
    if submit:
        report = _submit(report, actor)
    return report


@transaction.atomic
def update_report(
    report: TurnoverReport, *, actor: User | None, data: dict[str, Any], submit: bool = False
) -> TurnoverReport:
    """Change the figures of a draft or returned report (and submit it, when asked)."""
    check_filer(actor, report.enterprise)
    fresh = _lock(report)
    if fresh.state not in EDITABLE:
        raise ValidationError(
            _("A %(state)s report can no longer be changed.") % {"state": fresh.get_state_display().lower()},
            code="not_editable",
        )
    fresh = services.update(fresh, _figures(data), actor=actor, action="turnover.report.changed")
    if submit:
        fresh = _submit(fresh, actor)
    return fresh


def _submit(report: TurnoverReport, actor: User | None) -> TurnoverReport:
    if report.state not in EDITABLE:
        raise ValidationError(_("Only a draft or returned report can be submitted."), code="not_editable")
    readiness.inputs_changed([report.enterprise_id])  # a filed month counts in the reporting criterion
    return services.update(
        report,
        {"state": ReportState.SUBMITTED, "submitted_at": timezone.now(), **_filer_fields(actor)},
        actor=actor,
        action="turnover.report.submitted",
    )


@transaction.atomic
def submit_report(report: TurnoverReport, *, actor: User | None) -> TurnoverReport:
    """Hand a draft (or a corrected returned report) to the office."""
    check_filer(actor, report.enterprise)
    return _submit(_lock(report), actor)


# --- the office's decision ------------------------------------------------------------------------------------
def _after_acceptance_changed(reports: Iterable[TurnoverReport], actor: User | None) -> None:
    """Refresh the totals of each place and month once, then re-assess each enterprise once."""
    places: dict[tuple[Any, Any, datetime.date], TurnoverReport] = {}
    enterprises: dict[int, Enterprise] = {}
    for report in reports:
        places[(report.enterprise.village_id, report.enterprise.centre_id, report.month)] = report
        enterprises[report.enterprise_id] = report.enterprise
    for report in places.values():
        totals.refresh_for(report)
    for enterprise in enterprises.values():
        classes.assess(enterprise, actor=actor)
    readiness.inputs_changed(list(enterprises))  # accepted sales count in the turnover growth criterion


def _accept(report: TurnoverReport, actor: User | None) -> TurnoverReport:
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted report can be accepted; %(report)s is %(state)s.")
            % {"report": report, "state": report.get_state_display().lower()},
            code="not_submitted",
        )
    return services.update(
        report,
        {"state": ReportState.ACCEPTED, "decided_at": timezone.now(), "decided_by": actor},
        actor=actor,
        action="turnover.report.accepted",
    )


@transaction.atomic
def accept_report(report: TurnoverReport, *, actor: User | None) -> TurnoverReport:
    """Accept a submitted report: its figures now count in the totals and the business class."""
    check_officer(actor, report)
    fresh = _accept(_lock(report), actor)
    _after_acceptance_changed([fresh], actor)
    return fresh


@transaction.atomic
def bulk_accept(reports: Sequence[TurnoverReport] | QuerySet[TurnoverReport], *, actor: User | None) -> int:
    """Accept every report given, or none: one that is not submitted (or not the officer's) refuses them all."""
    require_staff(actor, _("Only office staff accept or return turnover reports."))
    pks = sorted({r.pk for r in reports})
    if not pks:
        raise ValidationError(_("Choose at least one submitted report."), code="none_chosen")
    visible = TurnoverReport.objects.for_user(actor) if actor is not None else TurnoverReport.objects.all()
    locked = list(visible.filter(pk__in=pks).select_for_update().select_related("enterprise").order_by("pk"))
    if len(locked) != len(pks):
        raise ValidationError(_("Some of the chosen reports are outside your working area."), code="outside_area")
    accepted = [_accept(report, actor) for report in locked]
    _after_acceptance_changed(accepted, actor)
    return len(accepted)


@transaction.atomic
def return_report(report: TurnoverReport, *, actor: User | None, reason: str) -> TurnoverReport:
    """Send a submitted (or accepted) report back to the enterprise for correction, always with the reason; the
    enterprise's artisans are told by e-mail."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Write why the report goes back to the enterprise."), code="reason_required")}
        )
    check_officer(actor, report)
    fresh = _lock(report)
    was_accepted = fresh.state == ReportState.ACCEPTED
    if fresh.state not in FILED:
        raise ValidationError(
            _("Only a submitted or accepted report can be returned; this one is %(state)s.")
            % {"state": fresh.get_state_display().lower()},
            code="not_filed",
        )
    fresh = services.update(
        fresh,
        {
            "state": ReportState.RETURNED,
            "return_reason": reason,
            "decided_at": timezone.now(),
            "decided_by": actor,
        },
        actor=actor,
        action="turnover.report.returned",
        note=reason,
    )
    if was_accepted:
        _after_acceptance_changed([fresh], actor)
    else:
        readiness.inputs_changed([fresh.enterprise_id])  # no longer a filed month
    pk = fresh.pk
    transaction.on_commit(
        lambda: notify_returned(TurnoverReport.objects.select_related("enterprise").get(pk=pk)), robust=True
    )
    return fresh


# --- e-mail ---------------------------------------------------------------------------------------------------
def artisan_emails(enterprise: Enterprise) -> list[str]:
    """The login e-mails of the enterprise's active artisans, each once."""
    emails = (
        User.objects.filter(role=Role.ARTISAN, enterprise=enterprise, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))


def notify_returned(report: TurnoverReport) -> int:
    """Tell the enterprise's artisans, in the office's language, that a report came back and why."""
    recipients = artisan_emails(report.enterprise)
    if not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "enterprise": report.enterprise,
            "month": report.month,
            "url": site_url(reverse("turnover:report-detail", args=[report.pk])),
        }
        subject = _("Turnover report for %(month)s returned for correction") % {"month": month_label(report.month)}
        body = render_to_string("turnover/emails/returned.txt", context)
    EmailMessage(subject, body, None, recipients).send()
    return len(recipients)


# --- reminders ------------------------------------------------------------------------------------------------
def reminder_day(month: datetime.date) -> int:
    """The day of ``month`` from which late enterprises are reminded (the setting, at most the month's last day)."""
    last = calendar.monthrange(month.year, month.month)[1]
    return min(max(int(settings.TURNOVER_REMINDER_DAY), 1), last)


def filed_for(month: datetime.date) -> Exists:
    """True for an enterprise (the outer row) that has filed its report for ``month``."""
    return Exists(TurnoverReport.objects.filter(enterprise=OuterRef("pk"), month=month, state__in=FILED))


def late_enterprises(month: datetime.date, queryset: QuerySet[Enterprise] | None = None) -> QuerySet[Enterprise]:
    """Active enterprises registered by the end of ``month`` without a submitted or accepted report for it."""
    base = queryset if queryset is not None else Enterprise.objects.all()
    return base.filter(registered_by(month), status="active").exclude(filed_for(month))


@transaction.atomic
def _remind(enterprise: Enterprise, month: datetime.date, recipients: list[str]) -> bool:
    """Record and send one enterprise's reminder; False when another run already reminded it."""
    try:
        with transaction.atomic():
            ReportReminder.objects.create(enterprise=enterprise, month=month, recipients=len(recipients))
    except IntegrityError:
        return False
    with override(settings.LANGUAGE_CODE):
        context = {
            "enterprise": enterprise,
            "month": month,
            "url": site_url(reverse("turnover:report-create", args=[enterprise.pk]) + f"?month={month_label(month)}"),
        }
        subject = _("Please report your turnover for %(month)s") % {"month": month_label(month)}
        body = render_to_string("turnover/emails/reminder.txt", context)
    # Sent inside the transaction: a mail server that refuses leaves no record, so the next run tries again.
    EmailMessage(subject, body, None, recipients).send()
    return True


def send_reminders(today: datetime.date | None = None) -> int:
    """On or after the reminder day, remind each active enterprise that has not filed last month's report, once
    per enterprise and month. Enterprises without an artisan e-mail are left to the late list. How many."""
    today = today or timezone.localdate()
    if today.day < reminder_day(today):
        return 0
    month = last_month(today)
    reminded = ReportReminder.objects.filter(enterprise=OuterRef("pk"), month=month)
    due = late_enterprises(month).exclude(Exists(reminded)).order_by("pk")
    count = 0
    for enterprise in due.iterator(chunk_size=500):
        recipients = artisan_emails(enterprise)
        if not recipients:
            continue
        try:
            count += _remind(enterprise, month, recipients)
        except Exception:  # one bad address must not stop the others: logged, retried on the next run
            log.exception("Turnover reminder to enterprise %s failed", enterprise.pk)
    return count
