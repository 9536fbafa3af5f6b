"""Laboratory test reports and their results, each judged against the limit it was tested for."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.certification.models.standards import Comparator, describe_limit, judge
from canting.certification.querysets import TestReportQuerySet
from canting.core.models import TimeStamped


class Laboratory(TimeStamped):
    """A testing laboratory, e.g. BBSPJIKB Yogyakarta."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    accreditation = models.CharField(_("accreditation"), max_length=100, blank=True, help_text=_("e.g. KAN LP-xxx-IDN"))

    class Meta:
        verbose_name = _("laboratory")
        verbose_name_plural = _("laboratories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Verdict(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    INCOMPLETE = "incomplete", _("No results yet")


class TestReport(TimeStamped):
    """A laboratory's report on one sample of a product (and batch)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="test_reports",
        editable=False,
    )
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="test_reports"
    )
    batch = models.ForeignKey(
        "certification.Batch",
        verbose_name=_("batch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="test_reports",
    )
    laboratory = models.ForeignKey(Laboratory, verbose_name=_("laboratory"), on_delete=models.PROTECT)
    number = models.CharField(_("report number"), max_length=80)
    sampled_on = models.DateField(_("sampled on"))
    sampled_by = models.CharField(_("sampled by"), max_length=150, help_text=_("Who took the sample, and where."))
    received_on = models.DateField(_("received by the laboratory on"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    document = models.FileField(
        _("laboratory's PDF"),
        upload_to="certification/reports/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    computed_verdict = models.CharField(
        _("verdict from the results"),
        max_length=10,
        choices=Verdict.choices,
        default=Verdict.INCOMPLETE,
        editable=False,
    )
    override_verdict = models.CharField(
        _("verdict set by staff"),
        max_length=10,
        choices=[(Verdict.PASS, Verdict.PASS.label), (Verdict.FAIL, Verdict.FAIL.label)],
        blank=True,
        editable=False,
    )
    override_reason = models.TextField(_("reason for the staff verdict"), blank=True, editable=False)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verdict set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    verdict = models.CharField(
        _("verdict"),
        max_length=10,
        choices=Verdict.choices,
        default=Verdict.INCOMPLETE,
        editable=False,
        db_index=True,
        help_text=_("The staff verdict where one is set, otherwise the verdict from the results."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = TestReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("test report")
        verbose_name_plural = _("test reports")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["laboratory", "number"],
                name="certification_report_unique_number",
                violation_error_message=_("This laboratory's report with this number is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.laboratory} {self.number}"


class TestResult(models.Model):
    """One measured value, with a copy of the requirement it was judged by (so later amendments leave it be)."""

    report = models.ForeignKey(TestReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="results")
    parameter = models.ForeignKey(
        "certification.Parameter",
        verbose_name=_("parameter"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="results",
    )
    standard_code = models.CharField(_("standard"), max_length=60, editable=False)
    standard_edition = models.CharField(_("edition"), max_length=60, editable=False)
    parameter_name = models.CharField(_("parameter"), max_length=150, editable=False)
    unit = models.CharField(_("unit"), max_length=30, blank=True, editable=False)
    comparator = models.CharField(_("comparator"), max_length=8, choices=Comparator.choices, editable=False)
    limit = models.DecimalField(_("limit"), max_digits=12, decimal_places=3, editable=False)
    upper_limit = models.DecimalField(_("upper limit"), max_digits=12, decimal_places=3, null=True, editable=False)
    value = models.DecimalField(_("measured value"), max_digits=12, decimal_places=3)
    passed = models.BooleanField(_("passed"), editable=False)

    class Meta:
        verbose_name = _("test result")
        verbose_name_plural = _("test results")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "parameter"],
                name="certification_result_unique_parameter",
                violation_error_message=_("This report already has a result for this parameter."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.parameter_name}: {self.value}"

    @property
    def limit_text(self) -> str:
        return describe_limit(self.comparator, self.limit, self.upper_limit, self.unit)

    def judge(self) -> bool:
        return judge(self.comparator, Decimal(self.limit), Decimal(self.value), self.upper_limit)
