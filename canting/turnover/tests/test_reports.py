"""The report services: one report per month, each transition only for the right role and state, bulk accept all
or nothing, totals refreshed on acceptance, and the return e-mailed with its reason."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from canting.core.dates import add_months
from canting.core.models import AuditEvent
from canting.core.testing import staff_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import MonthlyTotal, ReportState, TurnoverReport
from canting.turnover.services import reports as services
from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)
FIGURES = {"domestic_sales": Decimal(12_500_000), "export_sales": Decimal(3_000_000), "pieces_tulis": 40,
           "workers_men": 2, "workers_women": 5}  # fmt: skip


def submitted(enterprise: Any, **extra: Any) -> TurnoverReport:
    return TurnoverReportFactory(enterprise=enterprise, state=ReportState.SUBMITTED, **extra)


def test_an_artisan_files_a_draft_for_their_own_enterprise(artisan: Any, enterprise: Any) -> None:
    report = services.create_report(actor=artisan, enterprise=enterprise, month=MARCH, data=FIGURES)
    assert (report.state, report.month, report.domestic_sales, report.pieces_tulis) == (
        ReportState.DRAFT, MARCH, Decimal(12_500_000), 40,
    )  # fmt: skip
    assert (report.filed_by, report.on_behalf) == (artisan, False)
    assert AuditEvent.objects.filter(action="turnover.report.created", object_id=str(report.pk)).count() == 1


def test_a_second_report_for_the_same_month_is_refused_and_nothing_changes(artisan: Any, enterprise: Any) -> None:
    first = services.create_report(actor=artisan, enterprise=enterprise, month=MARCH, data=FIGURES)
    with pytest.raises(ValidationError) as refused:
        services.create_report(
            actor=artisan, enterprise=enterprise, month=datetime.date(2025, 3, 17), data={"domestic_sales": 1}
        )
    assert refused.value.messages == ["This enterprise already has a report for this month."]
    assert list(TurnoverReport.objects.values_list("pk", "domestic_sales")) == [(first.pk, Decimal(12_500_000))]


def test_the_database_itself_refuses_a_second_report_for_a_month(enterprise: Any) -> None:
    from django.db import IntegrityError, transaction

    TurnoverReportFactory(enterprise=enterprise, month=MARCH)
    with pytest.raises(IntegrityError), transaction.atomic():
        TurnoverReport.objects.create(enterprise=enterprise, month=MARCH)
    assert TurnoverReport.objects.count() == 1


def test_a_future_month_is_refused(artisan: Any, enterprise: Any) -> None:
    next_month = add_months(timezone.localdate().replace(day=1), 1)
    with pytest.raises(ValidationError) as refused:
        services.create_report(actor=artisan, enterprise=enterprise, month=next_month, data=FIGURES)
    assert refused.value.message_dict == {"month": ["A month in the future cannot be reported yet."]}
    assert not TurnoverReport.objects.exists()


def test_staff_filing_for_an_enterprise_is_recorded_as_on_behalf(staff: Any, enterprise: Any) -> None:
    report = services.create_report(actor=staff, enterprise=enterprise, month=MARCH, data=FIGURES, submit=True)
    assert (report.state, report.filed_by, report.on_behalf) == (ReportState.SUBMITTED, staff, True)


def test_an_artisan_cannot_file_for_another_enterprise(artisan: Any, other_enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_report(actor=artisan, enterprise=other_enterprise, month=MARCH, data=FIGURES)
    assert refused.value.code == "outside_area"
    assert not TurnoverReport.objects.exists()


def test_an_assessor_cannot_file(assessor: Any, enterprise: Any) -> None:
    with pytest.raises(ValidationError):
        services.create_report(actor=assessor, enterprise=enterprise, month=MARCH, data=FIGURES)
    assert not TurnoverReport.objects.exists()


def test_an_artisan_cannot_accept_or_return_their_own_report(artisan: Any, enterprise: Any) -> None:
    report = submitted(enterprise)
    with pytest.raises(ValidationError) as accept:
        services.accept_report(report, actor=artisan)
    with pytest.raises(ValidationError) as give_back:
        services.return_report(report, actor=artisan, reason="Salah")
    with pytest.raises(ValidationError):
        services.bulk_accept([report], actor=artisan)
    assert (accept.value.code, give_back.value.code) == ("not_staff", "not_staff")
    report.refresh_from_db()
    assert (report.state, report.return_reason, report.decided_by) == (ReportState.SUBMITTED, "", None)


def test_staff_of_another_area_cannot_decide(enterprise: Any) -> None:
    report = submitted(enterprise)
    sidoarjo = staff_user("sari", area="35.15.01")
    with pytest.raises(ValidationError) as refused:
        services.accept_report(report, actor=sidoarjo)
    assert refused.value.code == "outside_area"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_only_a_submitted_report_can_be_accepted(staff: Any, enterprise: Any) -> None:
    draft = TurnoverReportFactory(enterprise=enterprise, state=ReportState.DRAFT)
    with pytest.raises(ValidationError) as refused:
        services.accept_report(draft, actor=staff)
    assert refused.value.code == "not_submitted"
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT
    assert not MonthlyTotal.objects.exists()


def test_accepting_refreshes_the_monthly_total_to_the_sum_of_accepted_reports(staff: Any, enterprise: Any) -> None:
    neighbour = EnterpriseFactory()  # same village, no centre
    TurnoverReportFactory(enterprise=neighbour, month=MARCH, domestic_sales=Decimal(4_000_000), pieces_tulis=7)
    report = submitted(enterprise, month=MARCH, domestic_sales=Decimal(10_000_000), pieces_tulis=10, pieces_cap=20)
    accepted = services.accept_report(report, actor=staff)
    assert (accepted.state, accepted.decided_by) == (ReportState.ACCEPTED, staff)
    total = MonthlyTotal.objects.get(village_id=enterprise.village_id, month=MARCH)
    assert (total.reports, total.domestic_sales, total.pieces_tulis, total.pieces_cap) == (
        2, Decimal(14_000_000), 17, 40,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="turnover.report.accepted", object_id=str(report.pk))
    assert event.changes["state"] == ["submitted", "accepted"]


def test_accepting_assesses_the_business_class(staff: Any, enterprise: Any, monkeypatch: Any) -> None:
    seen: list[tuple[Any, Any]] = []
    monkeypatch.setattr(services.classes, "assess", lambda e, actor=None: seen.append((e.pk, actor)) or [])
    services.accept_report(submitted(enterprise), actor=staff)
    assert seen == [(enterprise.pk, staff)]


def test_returning_needs_a_reason(staff: Any, enterprise: Any) -> None:
    report = submitted(enterprise)
    with pytest.raises(ValidationError) as refused:
        services.return_report(report, actor=staff, reason="   ")
    assert refused.value.message_dict == {"reason": ["Write why the report goes back to the enterprise."]}
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_returned_report_is_emailed_to_the_artisans_with_the_reason(
    staff: Any, artisan: Any, enterprise: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    artisan.email = "ani@example.id"
    artisan.save()
    report = submitted(enterprise, month=MARCH)
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.return_report(report, actor=staff, reason="Penjualan ekspor belum diisi.")
    assert (returned.state, returned.return_reason) == (ReportState.RETURNED, "Penjualan ekspor belum diisi.")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ani@example.id"]
    assert "Penjualan ekspor belum diisi." in mailoutbox[0].body
    assert f"/turnover/reports/{report.pk}/" in mailoutbox[0].body
    event = AuditEvent.objects.get(action="turnover.report.returned", object_id=str(report.pk))
    assert (event.changes["state"], event.note) == (["submitted", "returned"], "Penjualan ekspor belum diisi.")


def test_returning_an_accepted_report_takes_it_out_of_the_totals(staff: Any, enterprise: Any) -> None:
    report = services.accept_report(submitted(enterprise, month=MARCH), actor=staff)
    assert MonthlyTotal.objects.filter(month=MARCH).count() == 1
    services.return_report(report, actor=staff, reason="Angka salah ketik.")
    assert not MonthlyTotal.objects.filter(month=MARCH).exists()


def test_a_returned_report_edited_and_submitted_goes_back_to_submitted(
    staff: Any, artisan: Any, enterprise: Any
) -> None:
    report = services.return_report(submitted(enterprise), actor=staff, reason="Pekerja perempuan kurang.")
    changed = services.update_report(report, actor=artisan, data={"workers_women": 9}, submit=True)
    assert (changed.state, changed.workers_women, changed.filed_by, changed.on_behalf) == (
        ReportState.SUBMITTED, 9, artisan, False,
    )  # fmt: skip


def test_a_submitted_report_cannot_be_edited(artisan: Any, enterprise: Any) -> None:
    report = submitted(enterprise, domestic_sales=Decimal(10_000_000))
    with pytest.raises(ValidationError) as refused:
        services.update_report(report, actor=artisan, data={"domestic_sales": Decimal(1)})
    assert refused.value.code == "not_editable"
    report.refresh_from_db()
    assert report.domestic_sales == Decimal(10_000_000)


def test_bulk_accept_is_all_or_nothing(staff: Any, enterprise: Any, other_enterprise: Any) -> None:
    first, second = submitted(enterprise, month=MARCH), submitted(other_enterprise, month=MARCH)
    draft = TurnoverReportFactory(enterprise=enterprise, state=ReportState.DRAFT)
    with pytest.raises(ValidationError) as refused:
        services.bulk_accept([first, second, draft], actor=staff)
    assert refused.value.code == "not_submitted"
    assert set(TurnoverReport.objects.values_list("state", flat=True)) == {ReportState.SUBMITTED, ReportState.DRAFT}
    assert not MonthlyTotal.objects.exists()

    assert services.bulk_accept([first, second], actor=staff) == 2
    assert list(TurnoverReport.objects.filter(pk__in=[first.pk, second.pk]).values_list("state", flat=True)) == [
        ReportState.ACCEPTED, ReportState.ACCEPTED,
    ]  # fmt: skip
    assert MonthlyTotal.objects.filter(month=MARCH).count() == 2  # two villages


def test_bulk_accept_refuses_reports_outside_the_officers_area(enterprise: Any) -> None:
    report = submitted(enterprise)
    with pytest.raises(ValidationError) as refused:
        services.bulk_accept([report], actor=staff_user("sari", area="35.15.01"))
    assert refused.value.code == "outside_area"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
