"""In a real browser: a visitor registers an enterprise, staff approve it, the new artisan signs in.

Drives Debian's Chromium through Playwright against the live test server and saves a screenshot of every step in
``test-artifacts/screenshots/``. Without Chromium the test is skipped, unless CANTING_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from canting.core.testing import open_menu, pick_area, shoot, sign_in, staff_user

pytestmark = pytest.mark.browser


@pytest.fixture
def rina(restore_areas: None, live_server: Any) -> Any:
    """Created before the browser starts: inside Playwright's event loop the test would open a second database
    connection of its own, which PostgreSQL then refuses to drop with the test database."""
    return staff_user("rina")


def test_register_approve_and_sign_in(rina: Any, live_server: Any, browser: Any) -> None:
    base = live_server.url

    # A visitor on a phone registers an enterprise; the first try has a 12-digit NIB.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    page.goto(f"{base}/registry/register/")
    page.fill("#id_ent-name", "Batik Sekar Kedungsari")
    page.fill("#id_ent-nib", "912345678901")
    page.fill("#id_ent-address", "Jl. Kedungsari 12")
    pick_area(page, "ent", "35.76.02.1001")
    page.check("#id_ent-technique_tulis")
    page.fill("#id_ent-workers_women", "3")
    page.fill("#id_owner-full_name", "Lestari Wulandari")
    page.fill("#id_owner-nik", "3576025203880004")
    page.select_option("#id_owner-gender", "P")
    page.fill("#id_owner-phone", "0812-3344-5566")
    page.fill("#id_owner-email", "lestari@example.id")
    shoot(page, "01-register-filled")
    page.click("button[type=submit].btn-lg")
    page.wait_for_load_state()
    assert page.locator("#id_ent-nib_errors").is_visible()
    shoot(page, "02-register-error-beside-nib")
    page.fill("#id_ent-nib", "9123456789012")
    page.click("button[type=submit].btn-lg")
    page.wait_for_url("**/registry/register/*/")
    assert page.get_by_test_id("status").is_visible()
    shoot(page, "03-register-waiting")
    status_url = page.url
    phone.close()

    # Staff sign in, see the registration in the queue and approve it.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = desk.new_page()
    sign_in(page, base, "rina", "correct horse battery")
    shoot(page, "04-staff-home")
    page.goto(f"{base}/registry/review/")
    page.get_by_role("link", name="Batik Sekar Kedungsari").count()
    page.locator("table a.btn").first.click()
    page.wait_for_load_state()
    shoot(page, "05-staff-review")
    page.locator("form[action$='/approve/'] button").click()
    page.wait_for_load_state()
    shoot(page, "06-staff-approved")
    desk.close()

    # The applicant's status page now says approved; the e-mail names the login and links to choosing a password,
    # and with it the login opens their own enterprise.
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"(/account/password/set/\S+/)", body)
    assert link is not None and "lestari" in body  # the login is named after the e-mail address
    username, password = "lestari", "kain merah 1293 majapahit"
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    page.goto(status_url)
    shoot(page, "07-register-approved")
    page.goto(f"{base}{link[1]}")
    page.fill("#id_new_password1", password)
    page.fill("#id_new_password2", password)
    shoot(page, "07b-choose-password")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/login/")
    sign_in(page, base, username, password)
    assert page.locator("h1").inner_text() == "Batik Sekar Kedungsari"
    shoot(page, "08-artisan-own-enterprise")
    # The same page in English, from the switch in the menu.
    open_menu(page)
    page.locator("form.lang-switch button[value=en]").click()
    # The switch posts and redirects: wait for the new page's text, not for the old page's load state.
    expect(page.locator("#people h2")).to_have_text("People")
    shoot(page, "09-artisan-own-enterprise-english")
    phone.close()
