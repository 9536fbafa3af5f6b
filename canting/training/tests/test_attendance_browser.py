"""In a real browser: a trainer on a phone marks three participants present, one tap each, without a reload."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from canting.core.testing import make_user, shoot, sign_in
from canting.registry.tests.factories import EnterpriseFactory, PersonFactory
from canting.training.models import Attendance, EnrolmentStatus
from canting.training.tests.factories import EnrolmentFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def course(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """A session running today, trained by Hendro, with five seated participants."""
    today = timezone.localdate()
    session = SessionFactory(
        programme=ProgrammeFactory(title="Pelatihan Batik Cap"),
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=1),
    )
    trainer = make_user("hendro", "assessor")
    session.trainers.add(trainer)
    sekar, wijaya = EnterpriseFactory(name="Batik Sekar Maja"), EnterpriseFactory(name="Batik Wijaya Kusuma")
    names = ["Ani Rahayu", "Budi Santoso", "Citra Lestari", "Dewi Anggraini", "Eko Prasetyo"]
    enrolments = [
        EnrolmentFactory(session=session, person=PersonFactory(full_name=name), enterprise=(sekar, wijaya)[i % 2])
        for i, name in enumerate(names)
    ]
    return {"session": session, "trainer": trainer, "enrolments": enrolments, "today": today}


def test_a_trainer_marks_three_participants_with_one_tap_each(course: Any, live_server: Any, browser: Any) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "hendro", "correct horse battery")
    page.goto(f"{live_server.url}/training/sessions/{course['session'].pk}/attendance/")
    page.evaluate("window.notReloaded = true")
    rows = page.locator("[data-testid=attendance-row]")
    assert rows.count() == 5
    assert page.locator("#present-count strong").inner_text() == "0"
    height = page.locator(".attendance-tap").first.bounding_box()["height"]

    tapped = course["enrolments"][:3]
    for enrolment in tapped:
        page.locator(f"#row-{enrolment.pk} button").click()
        page.wait_for_selector(f"#row-{enrolment.pk}[data-state=present]")

    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#present-count strong").inner_text() == "3"
    assert [rows.nth(i).get_attribute("data-state") for i in range(5)] == [
        "present", "present", "present", "unmarked", "unmarked",
    ]  # fmt: skip
    assert height >= 44
    assert sorted(Attendance.objects.filter(present=True, day=course["today"]).values_list("enrolment", flat=True)) == [
        e.pk for e in tapped
    ]
    assert {e.status for e in type(tapped[0]).objects.filter(pk__in=[e.pk for e in tapped])} == {
        EnrolmentStatus.ATTENDED
    }
    shoot(page, "training-attendance-phone")
    phone.close()
