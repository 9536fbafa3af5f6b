"""The Content-Security-Policy: only Canting's own files run as script, and every page still works under it.

A template gaining an inline script or an ``onclick`` would be blocked by the browser; the static check names it
before a person finds a dead button, and the browser walk watches the console for refusals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import canting
from canting.core.testing import make_user, sign_in
from canting.registry.models import Membership

TEMPLATES = sorted(Path(canting.__file__).parent.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)


@pytest.mark.django_db
def test_pages_and_the_api_carry_the_policy(staff: Any) -> None:
    client = Client()
    for address in ("/id/", "/login/", "/api/v1/areas/"):
        policy = client.get(address).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
    client.force_login(staff)
    assert "default-src 'self'" in client.get("/dashboard/").headers["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(Path(canting.__file__).parent)))
def test_no_template_writes_inline_script(template: Path) -> None:
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "move the script into a static file"
    assert not INLINE_HANDLER.search(text), "bind it by a data attribute in core/canting.js"


@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_policy_in_a_browser(
    live_server: Any, browser: Any, restore_areas: Any, enterprise: Any
) -> None:
    """The showcase's filters, the dashboard's charts, the API docs and a confirm button, with no refusal."""
    staff = make_user("rina", "staff")
    refused: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/id/produk/")
    assert page.locator("details#filters").get_attribute("open") is not None  # opened by canting.js when wide
    sign_in(page, live_server.url, staff.username, "correct horse battery")
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15000)  # drawn by the split-out start-up script
    worker = Membership.objects.filter(enterprise=enterprise).first()
    assert worker is not None
    page.goto(f"{live_server.url}/registry/enterprises/{enterprise.pk}/")
    answers = iter([False, True])
    page.on("dialog", lambda dialog: dialog.accept() if next(answers) else dialog.dismiss())
    end_role = page.locator(f"form[action='/registry/memberships/{worker.pk}/remove/'] button")
    end_role.click()  # dismissed: nothing happens
    page.wait_for_timeout(300)
    assert Membership.objects.filter(pk=worker.pk).exists()
    end_role.click()  # accepted: the role ends
    page.wait_for_load_state()
    assert not Membership.objects.filter(pk=worker.pk).exists()
    assert refused == []
    context.close()
