"""The session report, its figures checked against a hand-counted session."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from canting.core.models import User
from canting.core.testing import on_day
from canting.registry.tests.factories import EnterpriseFactory, PersonFactory
from canting.training.models import EnrolmentStatus
from canting.training.services.assessments import assess
from canting.training.services.attendance import mark
from canting.training.tests.factories import CompetencySchemeFactory, EnrolmentFactory, SessionFactory

DAY = datetime.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def _english(client: Any, settings: Any) -> Any:
    """Pages and messages in English, the source language, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _on_the_last_day() -> Any:
    """The report is read on the session's last day: nobody has completed yet, whatever today's date is."""
    with on_day(DAY):
        yield


@pytest.fixture
def session(assessor: User) -> Any:
    """Six seated (4 women, 2 men; 3 of Batik Sekar, 2 of Batik Wijaya, 1 on their own), one waitlisted man and one
    cancelled woman. Three days: 12 of 18 seated-days present (3+2+3+1+2+1). Four assessed, two Kompeten in every
    unit: pass rate 50 %."""
    session = SessionFactory(scheme=CompetencySchemeFactory())
    session.trainers.add(assessor)
    u1, u2 = session.scheme.units.order_by("code")
    sekar, wijaya = EnterpriseFactory(name="Batik Sekar"), EnterpriseFactory(name="Batik Wijaya")
    people = [
        ("P", sekar, [1, 1, 1], ["K", "K"]),
        ("P", sekar, [1, 1, 0], ["K", "BK"]),
        ("L", sekar, [1, 1, 1], ["K", "K"]),
        ("P", wijaya, [1, 0, 0], ["K"]),
        ("L", wijaya, [1, 1, 0], []),
        ("P", None, [1, 0, 0], []),
    ]
    for gender, enterprise, days, results in people:
        enrolment = EnrolmentFactory(session=session, person=PersonFactory(gender=gender), enterprise=enterprise)
        for day, present in zip(session.days, days, strict=True):
            mark(actor=assessor, enrolment=enrolment, day=day, present=bool(present))
        for unit, result in zip((u1, u2), results, strict=False):
            assess(actor=assessor, enrolment=enrolment, unit=unit, result=result, assessed_on=DAY)
    EnrolmentFactory(session=session, status=EnrolmentStatus.WAITLISTED, person=PersonFactory(gender="L"))
    EnrolmentFactory(session=session, status=EnrolmentStatus.CANCELLED, person=PersonFactory(gender="P"))
    return session


def test_the_report_figures_match_the_hand_count(
    client: Any, staff: User, session: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("training:session-report", args=[session.pk]))

    report = response.context["report"]
    assert report.seated == 6
    assert report.by_gender == [("Man", 2), ("Woman", 4)]
    assert report.by_enterprise == [("Batik Sekar", 3), ("Batik Wijaya", 2), ("", 1)]
    assert report.by_status == [
        ("Invited", 0), ("Registered", 0), ("Waitlisted", 1), ("Cancelled", 1), ("Attended", 6), ("Completed", 0),
    ]  # fmt: skip
    assert report.attendance_rate == pytest.approx(12 / 18)
    assert (report.assessed, report.earned, report.pass_rate) == (4, 2, 0.5)
    assert [value for _label, value in response.context["figures"]] == [6, "66.7 %", 4, 2, "50.0 %"]


def test_the_report_as_a_workbook(client: Any, staff: User, session: Any) -> None:
    client.force_login(staff)

    response = client.get(reverse("training:session-report", args=[session.pk]), {"format": "xlsx"})

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "By status", "By gender", "By enterprise"]
    assert [tuple(r) for r in book["By enterprise"].iter_rows(values_only=True)] == [
        ("Enterprise", "Participants"), ("Batik Sekar", 3), ("Batik Wijaya", 2), ("No enterprise", 1),
    ]  # fmt: skip
    assert next(tuple(r) for r in book["Summary"].iter_rows(min_row=2, values_only=True)) == (
        "Participants holding a seat",
        6,
    )


def test_the_report_as_a_pdf(client: Any, staff: User, session: Any) -> None:
    client.force_login(staff)

    response = client.get(reverse("training:session-report-pdf", args=[session.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_report_is_for_staff_only(client: Any, assessor: User, session: Any) -> None:
    client.force_login(assessor)

    assert client.get(reverse("training:session-report", args=[session.pk])).status_code == 403
