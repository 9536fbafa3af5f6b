"""Graduation: approval (with a note under a score of 70), monitoring, completion, the pages and who sees them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canting.core.models import AuditEvent
from canting.core.testing import staff_user
from canting.turnover.models import Criterion, Graduation, GraduationStatus
from canting.turnover.services import graduations
from canting.turnover.tests.factories import GraduationFactory, accepted_months

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def only_legality_counts() -> None:
    """Leave legality (met by an enterprise with NIB, NPWP and KBLI 13134) the only active criterion: score 100."""
    Criterion.objects.exclude(kind="legality").update(active=False)


def test_approving_a_ready_enterprise_starts_monitoring(staff: Any, enterprise: Any) -> None:
    enterprise.npwp = "012345678901234"
    enterprise.save()
    only_legality_counts()
    graduation = graduations.approve(enterprise, actor=staff, months=6, on=DAY)
    assert (graduation.status, graduation.score, graduation.monitoring_until) == (
        GraduationStatus.MONITORING,
        100,
        datetime.date(2026, 9, 10),
    )
    assert [(c["code"], c["met"]) for c in graduation.criteria] == [("legality", True)]
    assert AuditEvent.objects.filter(action="turnover.graduation.approved", object_id=str(graduation.pk)).exists()


def test_under_70_a_note_is_required(staff: Any, enterprise: Any) -> None:
    # Given an enterprise scoring 0
    with pytest.raises(ValidationError) as exc:
        graduations.approve(enterprise, actor=staff, months=12, on=DAY)
    assert list(exc.value.message_dict) == ["note"]
    assert not Graduation.objects.exists()
    # With a note it is allowed
    graduation = graduations.approve(enterprise, actor=staff, months=12, note="Export order signed.", on=DAY)
    assert (graduation.score, graduation.note) == (0, "Export order signed.")


def test_a_second_graduation_is_refused_while_monitored(staff: Any, enterprise: Any) -> None:
    graduations.approve(enterprise, actor=staff, months=12, note="ok", on=DAY)
    with pytest.raises(ValidationError) as exc:
        graduations.approve(enterprise, actor=staff, months=12, note="again", on=DAY)
    assert exc.value.code == "already_monitored"
    assert Graduation.objects.count() == 1


def test_staff_of_another_area_cannot_approve(enterprise: Any) -> None:
    with pytest.raises(ValidationError):
        graduations.approve(enterprise, actor=staff_user("sidoarjo", area="35.15"), months=12, note="x", on=DAY)
    assert not Graduation.objects.exists()


def test_complete_due_graduations_only_marks_the_ones_past_their_end(enterprise: Any, other_enterprise: Any) -> None:
    due = GraduationFactory(enterprise=enterprise, monitoring_until=datetime.date(2026, 3, 9))
    running = GraduationFactory(enterprise=other_enterprise, monitoring_until=datetime.date(2026, 3, 10))
    assert graduations.complete_due_graduations(on=DAY) == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert (due.status, running.status) == (GraduationStatus.COMPLETED, GraduationStatus.MONITORING)
    assert AuditEvent.objects.filter(action="turnover.graduation.completed", object_id=str(due.pk)).count() == 1


def test_monitoring_compares_each_month_with_the_year_before(enterprise: Any) -> None:
    graduation = GraduationFactory(enterprise=enterprise)  # approved 15 January 2025, monitored to 15 January 2026
    accepted_months(enterprise, datetime.date(2024, 3, 1), [100, 100, 100])  # January to March 2024
    accepted_months(enterprise, datetime.date(2025, 2, 1), [150, 90])  # January and February 2025
    rows = graduations.monitoring_rows(graduation, on=datetime.date(2025, 3, 20))
    assert [(r.month.month, r.sales, r.year_before, r.growth) for r in rows] == [
        (1, Decimal(150), Decimal(100), Decimal("50.0")),
        (2, Decimal(90), Decimal(100), Decimal("-10.0")),
        (3, None, Decimal(100), None),
    ]


# --- pages ------------------------------------------------------------------------------------------------------
def test_staff_approve_through_the_page_with_a_warning_under_70(client: Any, staff: Any, enterprise: Any) -> None:
    client.force_login(staff)
    url = reverse("turnover:enterprise-graduate", args=[enterprise.pk])
    refused = client.post(url, {"months": "12", "note": ""}, follow=True)
    assert "under 70" in refused.content.decode()
    assert not Graduation.objects.exists()
    response = client.post(url, {"months": "12", "note": "Strong export orders."}, follow=True)
    graduation = Graduation.objects.get()
    assert response.redirect_chain[-1][0] == reverse("turnover:graduation-detail", args=[graduation.pk])
    assert "Graduation approved with a readiness score of 0, under 70." in response.content.decode()


def test_graduation_list_shows_monitoring_first(
    client: Any, staff: Any, enterprise: Any, other_enterprise: Any
) -> None:
    done = GraduationFactory(
        enterprise=enterprise, status=GraduationStatus.COMPLETED, approved_on=datetime.date(2025, 12, 1)
    )
    watched = GraduationFactory(enterprise=other_enterprise, approved_on=datetime.date(2024, 1, 1))
    client.force_login(staff)
    rows = list(client.get(reverse("turnover:graduation-list")).context["object_list"])
    assert rows == [watched, done]


def test_graduation_detail_is_for_staff_and_the_own_artisan(
    client: Any, artisan: Any, other_artisan: Any, enterprise: Any
) -> None:
    graduation = GraduationFactory(enterprise=enterprise)
    accepted_months(enterprise, datetime.date(2025, 1, 1), [2_500_000])
    url = reverse("turnover:graduation-detail", args=[graduation.pk])
    client.force_login(artisan)
    page = client.get(url).content.decode()
    assert "IDR 2,500,000" in page
    client.force_login(other_artisan)
    assert client.get(url).status_code == 404
    client.force_login(staff_user("sidoarjo", area="35.15"))
    assert client.get(url).status_code == 404
