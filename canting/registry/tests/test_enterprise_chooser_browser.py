"""In a real browser: an officer finds the enterprise of a new buyer by typing part of its name, among enterprises
the page never lists. Drives Debian's Chromium through Playwright against the live test server; skipped without
Chromium unless CANTING_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from canting.core.testing import shoot, sign_in, staff_user
from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory
from canting.trade.models import Buyer

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(restore_areas: None, live_server: Any) -> Enterprise:
    """The officer and 30 enterprises, made before the browser starts (see the registration browser test)."""
    staff_user("rina")
    EnterpriseFactory.create_batch(30)
    return EnterpriseFactory(name="Batik Sekar Jagad Majapahit")


def test_an_officer_picks_an_enterprise_by_typing_part_of_its_name(
    desk: Enterprise, live_server: Any, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, "rina", "correct horse battery")
    page.goto(f"{live_server.url}/trade/buyers/new/")
    select = page.locator("#id_enterprise")
    expect(select.locator("option")).to_have_count(1)  # nothing but "---------": no enterprise is written out

    page.fill("#id_enterprise_q", "jagad maja")
    expect(select.locator("option", has_text="Batik Sekar Jagad Majapahit")).to_have_count(1)
    select.select_option(str(desk.pk))
    expect(page.locator("#id_enterprise_q")).to_have_value("")  # the choice replaces the text typed
    shoot(page, "enterprise-chooser-picked")
    page.fill("#id_name", "Anna de Vries")
    page.select_option("#id_country", "NL")
    page.fill("#id_email", "anna@example.nl")
    page.click("form[data-testid=buyer-form] button[type=submit]")
    page.wait_for_url("**/trade/buyers/*/")
    context.close()

    assert Buyer.objects.get().enterprise == desk
