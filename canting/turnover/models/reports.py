"""Monthly turnover (omset) reports, the reminders that chase them, and the monthly totals the dashboard reads."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.dates import add_months
from canting.core.models import Area, TimeStamped, user_link
from canting.turnover.querysets import MonthlyTotalQuerySet, ReminderQuerySet, TurnoverReportQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Far above any small industry's month: keeps typing slips (an extra three zeros) out.
RUPIAH_MAX = Decimal("999999999999")
PIECES_MAX = 1_000_000
WORKERS_MAX = 100_000


def rupiah_field(verbose_name: StrOrPromise, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(RUPIAH_MAX)],
        **kwargs,  # type: ignore[arg-type]
    )


def count_field(verbose_name: StrOrPromise, maximum: int) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(verbose_name, default=0, validators=[MaxValueValidator(maximum)])


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted")


# The states in which the enterprise has done its part for the month (reporting compliance counts these).
FILED = (ReportState.SUBMITTED, ReportState.ACCEPTED)
# The states the enterprise (or staff on its behalf) may still edit.
EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)


def registered_by(month: datetime.date, prefix: str = "") -> models.Q:
    """Enterprises (through ``prefix``) that owe a report for ``month``: registered in Canting before it ended.

    One registered, or imported, later is not late for it, and does not lower the month's compliance.
    """
    ends = timezone.make_aware(datetime.datetime.combine(add_months(month.replace(day=1), 1), datetime.time()))
    return models.Q(**{f"{prefix}created_at__lt": ends})


# Pieces produced, one field per technique, in the registry's technique order.
PIECE_FIELDS = ("pieces_tulis", "pieces_cap", "pieces_kombinasi", "pieces_tiruan")
# The figures a month holds, summed by the monthly totals and the dashboard.
FIGURE_FIELDS = ("domestic_sales", "export_sales", *PIECE_FIELDS, "workers_men", "workers_women")


class TurnoverReport(TimeStamped):
    """One enterprise's figures for one calendar month: what it sold at home and abroad, made and employed."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="turnover_reports"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    domestic_sales = rupiah_field(_("domestic sales (Rp)"), default=Decimal(0))
    export_sales = rupiah_field(_("export sales (Rp)"), default=Decimal(0))
    pieces_tulis = count_field(_("pieces of batik tulis"), PIECES_MAX)
    pieces_cap = count_field(_("pieces of batik cap"), PIECES_MAX)
    pieces_kombinasi = count_field(_("pieces of batik kombinasi"), PIECES_MAX)
    pieces_tiruan = count_field(_("pieces of printed (tiruan) cloth"), PIECES_MAX)
    workers_men = count_field(_("workers, men"), WORKERS_MAX)
    workers_women = count_field(_("workers, women"), WORKERS_MAX)
    material_costs = rupiah_field(_("material costs (Rp)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    return_reason = models.TextField(_("reason for return"), blank=True, max_length=2000)
    filed_by = user_link(_("filed by"))
    on_behalf = models.BooleanField(
        _("filed by staff on the enterprise's behalf"), default=False, help_text=_("Set when an officer filed it.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("accepted or returned"), null=True, blank=True)
    decided_by = user_link(_("accepted or returned by"))

    objects = TurnoverReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("turnover report")
        verbose_name_plural = _("turnover reports")
        ordering = ["-month", "enterprise__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "month"],
                name="turnover_report_one_per_month",
                violation_error_message=_("This enterprise already has a report for this month."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="turnover_report_month_first_day",
                violation_error_message=_("A report's month is stored as the first day of that month."),
            ),
        ]
        # The enterprise in the index lets "who filed this month" be answered from the index alone, without reading
        # the reports themselves (at national scale: 30 ms instead of 600 ms for 60,000 reports of a month); the id
        # carried in it (PostgreSQL) lets the staff list find a page of reports by month and name the same way.
        indexes = [
            models.Index(fields=["month", "state", "enterprise"], include=["id"], name="turnover_report_month_state")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.month:%Y-%m}"

    @property
    def total_sales(self) -> Decimal:
        return (self.domestic_sales or Decimal(0)) + (self.export_sales or Decimal(0))

    @property
    def total_pieces(self) -> int:
        return sum(getattr(self, name) or 0 for name in PIECE_FIELDS)

    @property
    def total_workers(self) -> int:
        return (self.workers_men or 0) + (self.workers_women or 0)


class ReportReminder(models.Model):
    """A reminder sent to an enterprise about a month it has not reported: at most one per enterprise and month."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [models.UniqueConstraint(fields=["enterprise", "month"], name="turnover_reminder_once")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.month:%Y-%m}"


class MonthlyTotal(models.Model):
    """Accepted figures summed per centre, village and month: what the dashboards read at national scale.

    Kept by ``canting.turnover.services.totals``: refreshed for one village and month whenever a report is
    accepted or leaves the accepted state, and rebuilt whole by the daily task (enterprises may move).
    """

    centre = models.ForeignKey(
        "registry.Centre", verbose_name=_("centre"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    reports = models.PositiveIntegerField(_("accepted reports"), default=0)
    domestic_sales = models.DecimalField(_("domestic sales (Rp)"), max_digits=20, decimal_places=0, default=0)
    export_sales = models.DecimalField(_("export sales (Rp)"), max_digits=20, decimal_places=0, default=0)
    pieces_tulis = models.BigIntegerField(_("pieces of batik tulis"), default=0)
    pieces_cap = models.BigIntegerField(_("pieces of batik cap"), default=0)
    pieces_kombinasi = models.BigIntegerField(_("pieces of batik kombinasi"), default=0)
    pieces_tiruan = models.BigIntegerField(_("pieces of printed (tiruan) cloth"), default=0)
    workers_men = models.BigIntegerField(_("workers, men"), default=0)
    workers_women = models.BigIntegerField(_("workers, women"), default=0)

    objects = MonthlyTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly total")
        verbose_name_plural = _("monthly totals")
        constraints = [
            models.UniqueConstraint(
                Coalesce("centre", models.Value(0)), "village", "month", name="turnover_total_one_per_place_month"
            ),
        ]
        indexes = [models.Index(fields=["month", "village"], name="turnover_total_month_village")]

    def __str__(self) -> str:
        return f"{self.village_id} · {self.month:%Y-%m}"


class EnterpriseTotal(models.Model):
    """One enterprise's accepted figures of a month, with the year's running sums up to that month: what the
    dashboard's drill-downs read, one row per enterprise whatever the period.

    A row exists for every month from the enterprise's first accepted report of a year to that year's December
    (months without an accepted report carry zeros and the sums so far), so the year to date up to any month is
    one row. Kept by ``canting.turnover.services.totals`` with the monthly totals.
    """

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))
    sales = models.DecimalField(_("sales in the month (Rp)"), max_digits=20, decimal_places=0, default=0)
    export_sales = models.DecimalField(_("export sales in the month (Rp)"), max_digits=20, decimal_places=0, default=0)
    pieces = models.BigIntegerField(_("pieces in the month"), default=0)
    workers_men = models.BigIntegerField(_("workers, men"), default=0)
    workers_women = models.BigIntegerField(_("workers, women"), default=0)
    sales_ytd = models.DecimalField(_("sales, year to date (Rp)"), max_digits=20, decimal_places=0, default=0)
    export_ytd = models.DecimalField(_("export sales, year to date (Rp)"), max_digits=20, decimal_places=0, default=0)
    pieces_ytd = models.BigIntegerField(_("pieces, year to date"), default=0)

    class Meta:
        verbose_name = _("enterprise total")
        verbose_name_plural = _("enterprise totals")
        constraints = [models.UniqueConstraint(fields=["enterprise", "month"], name="turnover_enterprise_total_once")]
        indexes = [models.Index(fields=["month", "enterprise"], name="turnover_ent_total_month")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.month:%Y-%m}"


__all__ = [
    "EDITABLE",
    "FIGURE_FIELDS",
    "FILED",
    "PIECE_FIELDS",
    "EnterpriseTotal",
    "MonthlyTotal",
    "ReportReminder",
    "ReportState",
    "TurnoverReport",
]
