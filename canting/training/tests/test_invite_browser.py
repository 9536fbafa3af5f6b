"""In a real browser: an officer invites two people to a session by typing part of each name, among people the page
never lists; the first stays chosen while the second is found. Drives Debian's Chromium through Playwright against
the live test server; skipped without Chromium unless CANTING_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from canting.core.testing import shoot, sign_in, staff_user
from canting.registry.tests.factories import PersonFactory
from canting.training.models import Enrolment
from canting.training.tests.factories import SessionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(restore_areas: None, live_server: Any) -> dict[str, Any]:
    staff_user("rina")
    PersonFactory.create_batch(30)
    return {
        "session": SessionFactory(quota=20),
        "first": PersonFactory(full_name="Sulastri Wibowo"),
        "second": PersonFactory(full_name="Yuliana Kartika"),
    }


def test_an_officer_invites_two_people_found_by_typing(desk: dict[str, Any], live_server: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, "rina", "correct horse battery")
    page.goto(f"{live_server.url}/training/sessions/{desk['session'].pk}/")
    people = page.locator("#id_people")
    expect(people.locator("option")).to_have_count(0)  # nobody is written out

    page.fill("#id_people_q", "sulastri")
    expect(people.locator("option", has_text="Sulastri Wibowo")).to_have_count(1)
    people.select_option(str(desk["first"].pk))
    page.fill("#id_people_q", "kartika")
    expect(people.locator("option", has_text="Yuliana Kartika")).to_have_count(1)
    expect(people.locator("option", has_text="Sulastri Wibowo")).to_have_count(1)  # the first is kept
    page.locator("#id_people option", has_text="Yuliana Kartika").click(modifiers=["Control"])
    expect(page.locator("#id_people_q")).to_have_value("")
    shoot(page, "invite-two-people")
    page.locator("form[action$='/invite/'] button[type=submit]").click()
    page.wait_for_url("**/#participants")
    context.close()

    assert set(Enrolment.objects.values_list("person_id", flat=True)) == {desk["first"].pk, desk["second"].pk}
