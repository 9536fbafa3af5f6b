"""Reminders: from the reminder day on, each late enterprise's artisans are e-mailed once for last month."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command

from canting.core import daily
from canting.core.testing import make_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import ReportReminder, ReportState
from canting.turnover.services import reports as services
from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.django_db

APRIL_10 = datetime.date(2025, 4, 10)
MARCH = datetime.date(2025, 3, 1)


@pytest.fixture
def three(settings: Any) -> dict[str, Any]:
    """Three active enterprises with an artisan each: one filed March, one left a draft, one did nothing; and an
    inactive one that did nothing."""
    settings.TURNOVER_REMINDER_DAY = 10
    made = {}
    for key, status in (("filed", "active"), ("draft", "active"), ("silent", "active"), ("closed", "inactive")):
        enterprise = EnterpriseFactory(name=f"Batik {key}", status=status)
        make_user(f"u-{key}", "artisan", enterprise=enterprise, email=f"{key}@example.id")
        made[key] = enterprise
    TurnoverReportFactory(enterprise=made["filed"], month=MARCH, state=ReportState.SUBMITTED)
    TurnoverReportFactory(enterprise=made["draft"], month=MARCH, state=ReportState.DRAFT)
    return made


def test_nobody_is_reminded_before_the_reminder_day(three: Any, mailoutbox: Any) -> None:
    assert services.send_reminders(datetime.date(2025, 4, 9)) == 0
    assert mailoutbox == []
    assert not ReportReminder.objects.exists()


def test_late_enterprises_are_reminded_once(three: Any, mailoutbox: Any) -> None:
    assert services.send_reminders(APRIL_10) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["draft@example.id", "silent@example.id"]
    assert "/turnover/enterprises/" in mailoutbox[0].body and "?month=2025-03" in mailoutbox[0].body
    assert sorted(ReportReminder.objects.values_list("enterprise__name", "month", "recipients")) == [
        ("Batik draft", MARCH, 1), ("Batik silent", MARCH, 1),
    ]  # fmt: skip

    assert services.send_reminders(datetime.date(2025, 4, 11)) == 0
    assert len(mailoutbox) == 2


def test_a_reminder_day_past_the_months_end_means_its_last_day(three: Any, settings: Any, mailoutbox: Any) -> None:
    settings.TURNOVER_REMINDER_DAY = 31
    assert services.send_reminders(datetime.date(2025, 4, 29)) == 0
    assert services.send_reminders(datetime.date(2025, 4, 30)) == 2


def test_the_daily_command_runs_the_reminders(three: Any, mailoutbox: Any, monkeypatch: Any) -> None:
    assert "canting.turnover.tasks.remind_late_reporters" in [task.module_path for task in daily.tasks()]
    monkeypatch.setattr(services.timezone, "localdate", lambda *a: APRIL_10)
    call_command("daily")
    assert ReportReminder.objects.count() == 2
    assert {m.to[0] for m in mailoutbox} >= {"draft@example.id", "silent@example.id"}
