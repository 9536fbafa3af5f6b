"""The daily work: certificates past expiry become expired, and the enterprise and the office are reminded 90 and 30
days before expiry, each reminder once per expiry date."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from canting.certification.models import Certification, CertificationReminder, CertificationStatus
from canting.certification.services.certifications import (
    expire_certifications,
    send_expiry_reminders,
    update_certification,
)
from canting.certification.tasks import expire_and_remind
from canting.certification.tests.factories import CertificationFactory
from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def people(enterprise: Enterprise, other_enterprise: Enterprise) -> dict[str, User]:
    """Who hears about ``enterprise``'s certificates: its business email and artisan logins, the city's staff and
    staff serving every area; not the other enterprise, nor staff of another region, nor anyone inactive."""
    Enterprise.objects.filter(pk=enterprise.pk).update(contact_email="toko@sekar.id")
    return {
        "artisan": login("ani", "artisan", "ani@sekar.id", enterprise=enterprise),
        "no_email": login("tini", "artisan", "", enterprise=enterprise),
        "gone": login("lina", "artisan", "lina@sekar.id", enterprise=enterprise, is_active=False),
        "other_artisan": login("budi", "artisan", "budi@lain.id", enterprise=other_enterprise),
        "city_staff": login("wati", "staff", "wati@mojokertokota.go.id", area_id="35.76"),
        "district_staff": login("dedi", "staff", "dedi@mojokertokota.go.id", area_id="35.76.02"),
        "other_district": login("eko", "staff", "eko@mojokertokota.go.id", area_id="35.76.03"),
        "province": login("prov", "staff", "prov@jatimprov.go.id"),
        "sidoarjo": login("sari", "staff", "sari@sidoarjokab.go.id", area_id="35.15"),
    }


def login(username: str, role: str, email: str, **extra: Any) -> User:
    """A login that never signs in here (no password to hash, which keeps these tests fast)."""
    user = User(username=username, role=role, email=email, **extra)
    user.set_unusable_password()
    user.save()
    return user


def recipients() -> list[list[str]]:
    return [sorted(message.to) for message in mail.outbox]


# --- expiry -----------------------------------------------------------------------------------------------------
def test_active_certificates_past_expiry_become_expired_by_no_one(enterprise: Enterprise) -> None:
    lapsed = CertificationFactory(enterprise=enterprise, expires_on=days(-1))
    last_day = CertificationFactory(enterprise=enterprise, expires_on=TODAY)
    suspended = CertificationFactory(enterprise=enterprise, expires_on=days(-5), status="suspended")

    assert expire_certifications(TODAY) == 1
    assert expire_certifications(TODAY) == 0  # a second run finds nothing left to do

    statuses = dict(Certification.objects.values_list("pk", "status"))
    assert statuses == {lapsed.pk: "expired", last_day.pk: "active", suspended.pk: "suspended"}
    event = AuditEvent.objects.get(action="certification.certification.expired")
    assert (event.actor, event.object_id, event.changes) == (None, str(lapsed.pk), {"status": ["active", "expired"]})


def test_the_daily_task_expires_and_reminds(enterprise: Enterprise, people: dict[str, User]) -> None:
    today = timezone.localdate()
    lapsed = CertificationFactory(enterprise=enterprise, expires_on=today - datetime.timedelta(days=2))
    CertificationFactory(enterprise=enterprise, expires_on=today + datetime.timedelta(days=80))

    result = expire_and_remind.enqueue()

    assert result.return_value == {"expired": 1, "reminded": 1}
    lapsed.refresh_from_db()
    assert lapsed.status == CertificationStatus.EXPIRED
    assert len(mail.outbox) == 2


def test_canting_daily_runs_every_daily_task_and_says_so(enterprise: Enterprise) -> None:
    CertificationFactory(enterprise=enterprise, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    out = StringIO()

    call_command("daily", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("canting.certification.tasks.expire_and_remind: done {'expired': 1, 'reminded': 0} in ")
    assert [line.split(": done ")[0] for line in lines] == [
        "canting.certification.tasks.expire_and_remind",
        "canting.training.tasks.expire_certificates",  # certificates lapse before the scores that count them
        "canting.turnover.tasks.rebuild_totals",
        "canting.turnover.tasks.reassess_and_follow_up",
        "canting.turnover.tasks.refresh_all_readiness",
        "canting.turnover.tasks.remind_late_reporters",
    ]


# --- reminders --------------------------------------------------------------------------------------------------
def test_reminders_at_90_and_30_days_go_out_once_each(enterprise: Enterprise, people: dict[str, User]) -> None:
    cert = CertificationFactory(enterprise=enterprise, number="BMI-00417", expires_on=days(90))

    assert send_expiry_reminders(days(-1)) == 0  # 91 days left: too early
    assert send_expiry_reminders(TODAY) == 1
    assert recipients() == [
        ["ani@sekar.id", "toko@sekar.id"],
        ["dedi@mojokertokota.go.id", "prov@jatimprov.go.id", "wati@mojokertokota.go.id"],
    ]
    # Reminders go out in the site's language (Indonesian), whatever language the task runs in.
    assert mail.outbox[0].subject == "Batikmark, batik tulis BMI-00417 berakhir pada 30-08-2026"
    assert "90 hari lagi" in mail.outbox[0].body
    assert f"/quality/certifications/{cert.pk}/" in mail.outbox[0].body

    assert send_expiry_reminders(TODAY) == 0  # a second run the same day
    assert send_expiry_reminders(days(30)) == 0  # 60 days left: the 90-day one is already sent
    assert send_expiry_reminders(days(60)) == 1  # 30 days left
    assert send_expiry_reminders(days(75)) == 0
    assert len(mail.outbox) == 4
    assert "30 hari lagi" in mail.outbox[2].body
    reminders = CertificationReminder.objects.filter(certification=cert).order_by("days")
    assert [(r.days, r.expires_on) for r in reminders] == [(30, days(90)), (90, days(90))]


def test_when_the_30_day_point_comes_first_only_that_reminder_is_sent(
    enterprise: Enterprise, people: dict[str, User]
) -> None:
    cert = CertificationFactory(enterprise=enterprise, expires_on=days(12))  # recorded late, or the task was off

    assert send_expiry_reminders(TODAY) == 1
    assert send_expiry_reminders(days(1)) == 0

    assert list(CertificationReminder.objects.filter(certification=cert).values_list("days", flat=True)) == [30]
    assert len(mail.outbox) == 2
    assert "12 hari lagi" in mail.outbox[0].body


@pytest.mark.on_day(2026, 12, 7)  # the factories' certificates are valid on that day
def test_a_renewal_to_a_new_expiry_date_reminds_again(
    staff: User, enterprise: Enterprise, people: dict[str, User]
) -> None:
    cert = CertificationFactory(enterprise=enterprise, issued_on=days(-1000), expires_on=days(20))
    assert send_expiry_reminders(TODAY) == 1

    update_certification(cert, actor=staff, changes={"expires_on": days(20 + 3 * 365)})

    assert send_expiry_reminders(days(20 + 3 * 365 - 90)) == 1
    assert send_expiry_reminders(days(20 + 3 * 365 - 30)) == 1
    assert sorted(CertificationReminder.objects.values_list("days", "expires_on")) == [
        (30, days(20)),
        (30, days(1115)),
        (90, days(1115)),
    ]


@pytest.mark.parametrize("status", ["suspended", "revoked", "expired"])
def test_certificates_that_are_not_active_are_not_reminded(
    enterprise: Enterprise, people: dict[str, User], status: str
) -> None:
    CertificationFactory(enterprise=enterprise, expires_on=days(30), status=status)

    assert send_expiry_reminders(TODAY) == 0
    assert mail.outbox == []


def test_a_failing_mail_server_leaves_the_reminder_for_the_next_run(
    enterprise: Enterprise, people: dict[str, User], monkeypatch: Any
) -> None:
    cert = CertificationFactory(enterprise=enterprise, expires_on=days(60))

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    assert send_expiry_reminders(TODAY) == 0
    assert not CertificationReminder.objects.filter(certification=cert).exists()

    monkeypatch.undo()
    assert send_expiry_reminders(days(1)) == 1
