"""Applying, inviting, choosing with the criteria shown, giving out booths, and each enterprise's history."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.tests.factories import CertificationFactory
from canting.core.models import AuditEvent
from canting.exhibitions.models import BoothAssignment, Exhibitor, ExhibitorStatus, Lead
from canting.exhibitions.selection import regular_months, with_criteria
from canting.exhibitions.services import exhibitors as services
from canting.exhibitions.tests.factories import BoothFactory, ExhibitionFactory, ExhibitorFactory, SaleFactory
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import Criterion, CriterionKind, ReportState
from canting.turnover.tests.factories import TurnoverReportFactory

OCT = datetime.date(2023, 10, 6), datetime.date(2023, 10, 10)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages are asserted in English


def future_exhibition(days_to_deadline: int = 10, **extra: Any) -> Any:
    today = timezone.localdate()
    return ExhibitionFactory(
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=34),
        application_deadline=today + datetime.timedelta(days=days_to_deadline),
        **extra,
    )


# Applying and inviting -----------------------------------------------------------------------------------------


def test_an_artisan_applies_once_before_the_deadline(client: Any, artisan: Any, enterprise: Any) -> None:
    exhibition = future_exhibition()
    client.force_login(artisan)

    response = client.post(reverse("exhibitions:apply", args=[exhibition.pk]))

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get(exhibition=exhibition)
    assert (exhibitor.enterprise, exhibitor.status) == (enterprise, ExhibitorStatus.APPLIED)
    assert AuditEvent.objects.filter(action="exhibitions.exhibitor.applied", object_id=str(exhibitor.pk)).count() == 1

    # Applying again is refused with a clear message, and nothing new is written
    again = client.post(reverse("exhibitions:apply", args=[exhibition.pk]), follow=True)
    assert "Batik Sekar Uji is already on this exhibition&#x27;s list." in again.content.decode()
    assert Exhibitor.objects.filter(exhibition=exhibition).count() == 1


def test_applying_after_the_deadline_is_refused(client: Any, artisan: Any) -> None:
    exhibition = future_exhibition(days_to_deadline=-1)
    client.force_login(artisan)

    response = client.post(reverse("exhibitions:apply", args=[exhibition.pk]), follow=True)

    assert "Applications for this exhibition have closed." in response.content.decode()
    assert not Exhibitor.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.apply(artisan, exhibition, artisan.enterprise)
    assert refused.value.code == "closed"
    assert not Exhibitor.objects.exists()


def test_an_artisan_cannot_apply_for_another_enterprise(artisan: Any, other_enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.apply(artisan, future_exhibition(), other_enterprise)
    assert refused.value.messages == ["You can only apply for your own enterprise."]
    assert not Exhibitor.objects.exists()


def test_staff_invite_an_enterprise_by_its_id(client: Any, staff: Any, other_enterprise: Any) -> None:
    exhibition = future_exhibition()
    client.force_login(staff)

    client.post(reverse("exhibitions:invite", args=[exhibition.pk]), {"enterprise": other_enterprise.pk})

    assert list(Exhibitor.objects.values_list("enterprise__name", "status")) == [("Batik Lain", "invited")]


# Choosing -------------------------------------------------------------------------------------------------------


def test_the_criteria_beside_each_applicant(client: Any, staff: Any, django_assert_max_num_queries: Any) -> None:
    # Given a 2024 exhibition decided in June 2024, and two applicants
    exhibition = ExhibitionFactory(starts_on=datetime.date(2024, 8, 1), ends_on=datetime.date(2024, 8, 3))
    strong = ExhibitorFactory(exhibition=exhibition, status="applied", enterprise=EnterpriseFactory(name="Batik A"))
    weak = ExhibitorFactory(exhibition=exhibition, status="applied", enterprise=EnterpriseFactory(name="Batik B"))
    # strong: a valid Batikmark, 10 filed months of Jun 2023-May 2024, 2 published pieces, no other exhibition
    CertificationFactory(enterprise=strong.enterprise, expires_on=datetime.date(2027, 1, 1))
    for n in range(10):
        TurnoverReportFactory(
            enterprise=strong.enterprise, month=datetime.date(2023 + (5 + n) // 12, (5 + n) % 12 + 1, 1)
        )
    ProductFactory(enterprise=strong.enterprise)
    ProductFactory(enterprise=strong.enterprise)
    # weak: an expired Batikmark, 9 filed months and a draft, a draft piece, selected at another 2024 exhibition
    CertificationFactory(enterprise=weak.enterprise, expires_on=datetime.date(2024, 1, 1))
    for n in range(10):
        state = ReportState.DRAFT if n == 0 else ReportState.SUBMITTED
        TurnoverReportFactory(
            enterprise=weak.enterprise, month=datetime.date(2023 + (5 + n) // 12, (5 + n) % 12 + 1, 1), state=state
        )
    ProductFactory(enterprise=weak.enterprise, status="draft")
    elsewhere = ExhibitionFactory(starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 3, 2))
    ExhibitorFactory(enterprise=weak.enterprise, exhibition=elsewhere)

    rows = {
        e.enterprise.name: (e.holds_batikmark, e.filed_months, e.exhibited_elsewhere, e.published_products)
        for e in with_criteria(Exhibitor.objects.filter(exhibition=exhibition), exhibition, datetime.date(2024, 6, 15))
    }

    assert rows == {"Batik A": (True, 10, False, 2), "Batik B": (False, 9, True, 0)}
    # And the page computes them in a bounded number of queries, whatever the number of applicants
    for _n in range(5):
        ExhibitorFactory(exhibition=exhibition, status="applied")
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("exhibitions:applicants", args=[exhibition.pk]))
    assert response.content.decode().count('data-testid="applicant"') == 7
    assert strong.pk and weak.pk


def test_regular_reporting_asks_what_the_readiness_criterion_asks(staff: Any) -> None:
    # Given the seeded criterion (10 of 12 months), then staff raising it to 12
    assert regular_months() == 10
    Criterion.objects.filter(kind=CriterionKind.REPORTING).update(target=Decimal(12))

    # Then the applicants page asks for 12
    assert regular_months() == 12
    exhibition = ExhibitionFactory()
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("exhibitions:applicants", args=[exhibition.pk])).content.decode()
    assert "at least 12 of the 12 months" in html


def test_staff_select_with_a_note(client: Any, staff: Any) -> None:
    exhibitor = ExhibitorFactory(status="applied")
    client.force_login(staff)

    client.post(
        reverse("exhibitions:exhibitor-decide", args=[exhibitor.pk]), {"status": "selected", "note": "Motif kuat"}
    )

    exhibitor.refresh_from_db()
    assert (exhibitor.status, exhibitor.note, exhibitor.decided_by) == ("selected", "Motif kuat", staff)


def test_an_artisan_never_sees_applicants_nor_another_enterprise_s_history(
    client: Any, artisan: Any, other_enterprise: Any
) -> None:
    exhibition = ExhibitionFactory()
    ExhibitorFactory(exhibition=exhibition, enterprise=other_enterprise)
    client.force_login(artisan)

    assert client.get(reverse("exhibitions:applicants", args=[exhibition.pk])).status_code == 403
    assert client.get(reverse("exhibitions:enterprise-history", args=[other_enterprise.pk])).status_code == 404
    detail = client.get(reverse("exhibitions:exhibition-detail", args=[exhibition.pk])).content.decode()
    assert "Batik Lain" in detail  # a selected exhibitor's name is public
    assert "Reports regularly" not in detail and 'data-testid="budget"' not in detail


# Booths ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def sunrise(staff: Any) -> dict[str, Any]:
    exhibition = ExhibitionFactory(name="Sunrise Mall", starts_on=OCT[0], ends_on=OCT[1])
    return {
        "exhibition": exhibition,
        "a3": BoothFactory(exhibition=exhibition, code="A3"),
        "a4": BoothFactory(exhibition=exhibition, code="A4"),
        "x": ExhibitorFactory(exhibition=exhibition, enterprise=EnterpriseFactory(name="Batik X")),
        "y": ExhibitorFactory(exhibition=exhibition, enterprise=EnterpriseFactory(name="Batik Y")),
    }


def test_a_booth_goes_to_one_exhibitor_for_all_days_by_default(staff: Any, sunrise: dict[str, Any]) -> None:
    assignment = services.assign_booth(staff, sunrise["x"], sunrise["a3"])

    assert (assignment.starts_on, assignment.ends_on, assignment.active) == (*OCT, True)
    with pytest.raises(ValidationError) as refused:
        services.assign_booth(
            staff, sunrise["y"], sunrise["a3"], datetime.date(2023, 10, 9), datetime.date(2023, 10, 9)
        )
    assert refused.value.messages == ["Booth A3 is already given to Batik X on 6-10 Oct 2023."]
    assert BoothAssignment.objects.count() == 1


def test_one_booth_for_days_that_do_not_overlap_goes_to_two_exhibitors(staff: Any, sunrise: dict[str, Any]) -> None:
    services.assign_booth(staff, sunrise["x"], sunrise["a3"], datetime.date(2023, 10, 6), datetime.date(2023, 10, 7))
    services.assign_booth(staff, sunrise["y"], sunrise["a3"], datetime.date(2023, 10, 8), datetime.date(2023, 10, 10))

    held = BoothAssignment.objects.filter(booth=sunrise["a3"], active=True).order_by("starts_on")
    assert [(a.exhibitor.enterprise.name, a.starts_on.day, a.ends_on.day) for a in held] == [
        ("Batik X", 6, 7),
        ("Batik Y", 8, 10),
    ]


@pytest.mark.parametrize(
    ("change", "days", "message"),
    [
        ("status", OCT, "Only a selected exhibitor is given a booth."),
        ("none", (datetime.date(2023, 10, 5), OCT[1]), "The exhibition runs on 6-10 Oct 2023; choose days within it."),
        ("other_booth", OCT, "This booth belongs to another exhibition."),
    ],
)
def test_assignment_checks(staff: Any, sunrise: dict[str, Any], change: str, days: Any, message: str) -> None:
    exhibitor, booth = sunrise["x"], sunrise["a3"]
    if change == "status":
        Exhibitor.objects.filter(pk=exhibitor.pk).update(status="applied")
    if change == "other_booth":
        booth = BoothFactory(code="Z9")
    with pytest.raises(ValidationError) as refused:
        services.assign_booth(staff, exhibitor, booth, *days)
    assert refused.value.messages == [message]
    assert not BoothAssignment.objects.exists()


def test_moving_an_exhibitor_lets_go_of_its_old_booth(staff: Any, sunrise: dict[str, Any]) -> None:
    old = services.assign_booth(staff, sunrise["x"], sunrise["a3"])

    new = services.assign_booth(staff, sunrise["x"], sunrise["a4"])

    old.refresh_from_db()
    assert (old.active, new.active, new.booth.code) == (False, True, "A4")
    services.assign_booth(staff, sunrise["y"], sunrise["a3"])  # A3 is free again


def test_the_database_refusal_becomes_the_same_message_and_nothing_is_written(
    staff: Any, sunrise: dict[str, Any]
) -> None:
    # Given X holds A4, and Y holds A3; then X is moved to A3 by someone whose overlap query ran too early
    old = services.assign_booth(staff, sunrise["x"], sunrise["a4"])
    services.assign_booth(staff, sunrise["y"], sunrise["a3"])
    with mock.patch.object(services, "_taken_message", return_value=None), pytest.raises(ValidationError) as refused:
        services.assign_booth(staff, sunrise["x"], sunrise["a3"])

    # Then the trigger or constraint refused it, the message names the holder, and X still holds A4
    assert refused.value.messages == ["Booth A3 is already given to Batik Y on 6-10 Oct 2023."]
    old.refresh_from_db()
    assert old.active is True
    assert BoothAssignment.objects.filter(active=True).count() == 2
    assert isinstance(refused.value.__cause__, IntegrityError)


def test_withdrawing_frees_the_booth(client: Any, staff: Any, sunrise: dict[str, Any]) -> None:
    services.assign_booth(staff, sunrise["x"], sunrise["a3"])
    client.force_login(staff)

    client.post(reverse("exhibitions:exhibitor-decide", args=[sunrise["x"].pk]), {"status": "withdrawn"})

    sunrise["x"].refresh_from_db()
    assert sunrise["x"].status == "withdrawn"
    assert not BoothAssignment.objects.filter(active=True).exists()
    client.post(reverse("exhibitions:exhibitor-assign", args=[sunrise["y"].pk]), {"booth": sunrise["a3"].pk})
    assert BoothAssignment.objects.get(active=True).exhibitor == sunrise["y"]


def test_an_overlapping_assignment_on_the_page_shows_the_clear_message(
    client: Any, staff: Any, sunrise: dict[str, Any]
) -> None:
    services.assign_booth(staff, sunrise["x"], sunrise["a3"])
    client.force_login(staff)

    response = client.post(
        reverse("exhibitions:exhibitor-assign", args=[sunrise["y"].pk]),
        {"booth": sunrise["a3"].pk, "starts_on": "2023-10-08", "ends_on": "2023-10-10"},
        follow=True,
    )

    assert "Booth A3 is already given to Batik X on 6-10 Oct 2023." in response.content.decode()
    assert not BoothAssignment.objects.filter(exhibitor=sunrise["y"]).exists()


# What each enterprise reads -------------------------------------------------------------------------------------


def test_history_shows_status_booth_sales_and_leads(client: Any, staff: Any, artisan: Any, enterprise: Any) -> None:
    exhibitor = ExhibitorFactory(enterprise=enterprise, exhibition=ExhibitionFactory(name="Sunrise Mall"))
    booth = BoothFactory(exhibition=exhibitor.exhibition, code="B2")
    services.assign_booth(staff, exhibitor, booth)
    SaleFactory(exhibitor=exhibitor, amount=Decimal(750_000))
    SaleFactory(exhibitor=exhibitor, amount=Decimal(250_000))
    for name in ("Anna", "Ken"):
        Lead.objects.create(exhibition=exhibitor.exhibition, exhibitor=exhibitor, name=name, country="JP", phone="1")
    ExhibitorFactory(enterprise=enterprise, status="rejected")

    for user in (staff, artisan):
        client.force_login(user)
        page = client.get(reverse("exhibitions:enterprise-history", args=[enterprise.pk]))
        rows = page.content.decode()
        assert rows.count('data-testid="history-row"') == 2
        assert "IDR 1,000,000" in rows and "B2" in rows and '<td class="text-end" data-testid="leads">2</td>' in rows


def test_my_exhibitions_links_to_sales_and_leads(client: Any, artisan: Any, enterprise: Any) -> None:
    exhibitor = ExhibitorFactory(enterprise=enterprise)
    client.force_login(artisan)

    page = client.get(reverse("exhibitions:my-exhibitions")).content.decode()

    assert reverse("exhibitions:sales", args=[exhibitor.pk]) in page
    assert reverse("exhibitions:lead-list", args=[exhibitor.exhibition_id]) in page
