"""Laboratory test reports: recorded by office staff from the laboratory's PDF, judged parameter by parameter.

Each result copies the requirement it was judged by (standard, edition, parameter, unit, comparator, limits), so a
later amendment of a standard never changes a verdict already given. A report's verdict is the staff verdict when
one is set (always with a written reason), otherwise the verdict its results give.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.certification.models import (
    Parameter,
    StandardStatus,
    TestReport,
    TestResult,
    Verdict,
    describe_limit,
    judge,
)
from canting.certification.services.standards import check_staff
from canting.core import audit, services
from canting.core.models import User
from canting.core.uploads import file_kind

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def result_key(parameter: Parameter | int) -> str:
    """The name under which a parameter's value travels in a form and in a refusal from ``record_results``."""
    return f"parameter_{parameter if isinstance(parameter, int) else parameter.pk}"


def check_document(upload: Any) -> None:
    """A laboratory report is stored only as a real PDF of at most 10 MB: a renamed photo or document is refused."""
    if not upload or isinstance(upload, FieldFile):
        return  # no file, or the one already stored
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {"document": _("The laboratory's PDF may be at most 10 MB; this file has %(size).1f MB.")
             % {"size": size / 1024 / 1024}},
            code="document_too_large",
        )  # fmt: skip
    if file_kind(upload, kinds=("pdf",)) is None:
        raise ValidationError(
            {"document": _("This file is not a PDF. Upload the laboratory's report as the PDF it sent.")},
            code="document_not_pdf",
        )


def _check_report(report: TestReport, actor: User) -> None:
    errors: dict[str, str] = {}
    product = report.product
    if not Product.objects.for_user(actor).filter(pk=product.pk).exists():
        errors["product"] = _("This product is outside your working area.")
    if report.batch_id is not None and report.batch is not None and report.batch.product_id != product.pk:
        errors["batch"] = _("This batch is of another product.")
    if report.sampled_on and report.issued_on and report.issued_on < report.sampled_on:
        errors["issued_on"] = _("A report cannot be issued before its sample was taken.")
    if report.received_on and report.sampled_on and report.received_on < report.sampled_on:
        errors["received_on"] = _("The laboratory cannot receive the sample before it was taken.")
    elif report.received_on and report.issued_on and report.received_on > report.issued_on:
        errors["received_on"] = _("The laboratory cannot receive the sample after it issued the report.")
    if errors:
        raise ValidationError(errors, code="report")


def _prepare(report: TestReport) -> None:
    report.enterprise_id = report.product.enterprise_id
    report.number = (report.number or "").strip()


@transaction.atomic
def create_report(*, actor: User, data: dict[str, Any]) -> TestReport:
    """Record a laboratory's report on a sample of a product (and batch); results are entered next."""
    check_staff(actor)
    check_document(data.get("document"))
    report = TestReport(**data)
    if report.product_id is None:
        raise ValidationError({"product": _("Choose the product that was tested.")}, code="product_required")
    _prepare(report)
    _check_report(report, actor)
    return services.create(report, actor=actor, action="certification.report.created")


@transaction.atomic
def update_report(report: TestReport, *, actor: User, changes: dict[str, Any]) -> TestReport:
    check_staff(actor)
    check_document(changes.get("document"))
    fresh = TestReport.objects.select_for_update().get(pk=report.pk)

    def prepare(changed: TestReport) -> None:
        _prepare(changed)
        _check_report(changed, actor)

    return services.update(
        fresh, changes, actor=actor, action="certification.report.changed", prepare=prepare, derived=("enterprise",)
    )


def plain_number(value: Decimal) -> str:
    """3.500 -> '3.5', 100.000 -> '100': a measured value as the laboratory wrote it."""
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")


def _result_text(value: Decimal, passed: bool) -> str:
    verdict = Verdict.PASS.label if passed else Verdict.FAIL.label
    return f"{plain_number(value)} ({verdict})"


def _computed(report: TestReport) -> str:
    counts = report.results.aggregate(total=Count("id"), failed=Count("id", filter=Q(passed=False)))
    if not counts["total"]:
        return Verdict.INCOMPLETE
    return Verdict.FAIL if counts["failed"] else Verdict.PASS


@transaction.atomic
def record_results(report: TestReport, *, actor: User, values: dict[Parameter, Decimal | None]) -> TestReport:
    """Enter the measured values of a report: one per parameter, ``None`` removing that parameter's result.

    A value entered for the first time, or changed, is judged against the parameter as it stands now, and the
    result copies that parameter's standard, edition, unit, comparator and limits. A value that is unchanged keeps
    the result as it was, judged by the limit of its time: saving the page again after a standard was amended
    never rewrites an old verdict; entering a different value re-judges it and records the current edition.
    Parameters not named in ``values`` are left alone. Refusals name each value as ``result_key(parameter)``;
    nothing is written unless every value is accepted.
    """
    check_staff(actor)
    fresh = TestReport.objects.select_for_update().select_related("product").get(pk=report.pk)
    if not TestReport.objects.for_user(actor).filter(pk=fresh.pk).exists():
        raise ValidationError(_("This report is outside your working area."), code="outside_area")
    current = Parameter.objects.select_related("standard").in_bulk([p.pk for p in values])
    existing = {r.parameter_id: r for r in fresh.results.all()}
    technique = fresh.product.technique
    errors: dict[str, list[str]] = {}
    to_save: list[tuple[TestResult, str | None]] = []
    to_delete: list[TestResult] = []
    for given, raw in values.items():
        key = result_key(given)
        parameter = current.get(given.pk)
        old = existing.get(given.pk)
        if parameter is None:
            errors[key] = [_("This parameter no longer exists.")]
            continue
        if raw is None:
            if old is not None:
                to_delete.append(old)
            continue
        try:
            value = Decimal(raw)
        except (InvalidOperation, TypeError, ValueError):
            errors[key] = [_("Enter a number.")]
            continue
        if old is not None and old.value == value:
            continue  # unchanged: keeps the limit it was judged by
        if parameter.standard.status != StandardStatus.IN_FORCE:
            errors[key] = [
                _("%(standard)s is not in force; results are judged only against standards in force.")
                % {"standard": parameter.standard}
            ]
            continue
        if not parameter.applies_to(technique):
            errors[key] = [_("This parameter does not apply to the product's technique.")]
            continue
        result = old or TestResult(report=fresh, parameter=parameter)
        before = _result_text(old.value, old.passed) if old is not None else None
        result.parameter = parameter
        result.standard_code = parameter.standard.code
        result.standard_edition = parameter.standard.edition
        # The name in both languages as it stands now (the translated columns are added by modeltranslation).
        result.parameter_name_ind = parameter.name_ind  # type: ignore[attr-defined]
        result.parameter_name_en = parameter.name_en  # type: ignore[attr-defined]
        result.unit = parameter.unit
        result.comparator = parameter.comparator
        result.limit = parameter.limit
        result.upper_limit = parameter.upper_limit
        result.value = value
        try:
            result.full_clean(exclude=["upper_limit", "passed"])
        except ValidationError as exc:
            errors[key] = [m for ms in exc.message_dict.values() for m in ms]
            continue
        result.passed = judge(parameter.comparator, parameter.limit, value, parameter.upper_limit)
        to_save.append((result, before))
    if errors:
        raise ValidationError(errors, code="results")

    changes: dict[str, list[Any]] = {}
    for result in to_delete:
        label = _result_label(result)
        changes[label] = [_result_text(result.value, result.passed), None]
        result.delete()
    for result, before in to_save:
        result.save()
        label = _result_label(result)
        limit = describe_limit(result.comparator, result.limit, result.upper_limit, result.unit)
        changes[label] = [before, f"{_result_text(result.value, result.passed)}, {limit}"]
    if not changes:
        return fresh
    computed = _computed(fresh)
    verdict = fresh.override_verdict or computed
    for name, new in (("computed_verdict", computed), ("verdict", verdict)):
        if getattr(fresh, name) != new:
            changes[name] = [getattr(fresh, name), new]
            setattr(fresh, name, new)
    fresh.save(update_fields=["computed_verdict", "verdict", "updated_at"])
    audit.record(actor=actor, action="certification.report.results_recorded", instance=fresh, changes=changes)
    return fresh


def _result_label(result: TestResult) -> str:
    """How the history names a result: its standard and its parameter's Indonesian name, whatever the page's
    language, so the entries about one parameter always read alike."""
    name = getattr(result, "parameter_name_ind", "") or result.parameter_name
    return f"{result.standard_code}:{result.standard_edition} · {name}"


@transaction.atomic
def override_verdict(report: TestReport, *, actor: User, verdict: str, reason: str) -> TestReport:
    """Staff set the verdict themselves (``pass`` or ``fail``), or clear theirs (``""``), always saying why.

    The override stands until cleared; results entered later still update the computed verdict beside it.
    """
    check_staff(actor)
    reason = (reason or "").strip()
    if verdict not in (Verdict.PASS, Verdict.FAIL, ""):
        raise ValidationError({"verdict": _("Choose pass, fail, or clear the staff verdict.")}, code="verdict")
    if not reason:
        raise ValidationError({"reason": _("Write why the verdict is set by hand.")}, code="reason_required")
    fresh = TestReport.objects.select_for_update().get(pk=report.pk)
    if not TestReport.objects.for_user(actor).filter(pk=fresh.pk).exists():
        raise ValidationError(_("This report is outside your working area."), code="outside_area")
    if not verdict and not fresh.override_verdict:
        raise ValidationError({"verdict": _("There is no staff verdict to clear.")}, code="no_override")
    changes: dict[str, Any] = {
        "override_verdict": verdict,
        "override_reason": reason if verdict else "",
        "overridden_by": actor if verdict else None,
        "verdict": verdict or fresh.computed_verdict,
    }
    action = "certification.report.verdict_overridden" if verdict else "certification.report.verdict_override_cleared"
    return services.update(fresh, changes, actor=actor, action=action, note=reason)
