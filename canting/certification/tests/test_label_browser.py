"""In a real browser on a phone: a buyer scans a label (opens its short link) and reads the passport, for each
state a label can be in; and the first page of a label sheet as it prints. Screenshots go to
test-artifacts/screenshots/, and the passport's navigation timing is printed (run with -s to see it)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from canting.catalogue.tests.factories import MotifFactory, PictureFactory, ProductFactory
from canting.certification.models import Label, LabelStatus
from canting.certification.services import labels as services
from canting.certification.tests.factories import BatchFactory, CertificationFactory, LabelRunFactory
from canting.core.documents import render_png
from canting.core.testing import SHOTS, shoot
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory, PersonFactory

# The stories here happen while the factories' certificates (2025-03-01 to 2028-03-01) are valid.
pytestmark = [pytest.mark.browser, pytest.mark.on_day(2026, 12, 7)]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def labels(restore_areas: None, live_server: Any) -> dict[str, Label]:
    """A maker with a certified piece, and a label in each state. Made before the browser starts."""
    maker = EnterpriseFactory(name="Batik Sekar Maja")
    MembershipFactory(enterprise=maker, person=PersonFactory(full_name="Siti Aminah"))
    lotus = MotifFactory(
        name_ind="Teratai Majapahit",
        name_en="Lotus of Majapahit",
        story_ind="Teratai yang mekar di kolam istana Majapahit, lambang kesucian.",
        story_en="A lotus opening on the pond of the Majapahit palace, an emblem of purity.",
        meaning_en="Purity and a new beginning.",
    )
    piece = ProductFactory(
        enterprise=maker, name_ind="Kain Teratai", name_en="Lotus Long Cloth", slug="kain-teratai", motifs=[lotus]
    )
    PictureFactory(product=piece)
    batch = BatchFactory(product=piece, code="TL-2609-1")
    valid = CertificationFactory(enterprise=maker, number="BMI-0042/2025")
    expired = CertificationFactory(
        enterprise=maker,
        number="BMI-0017/2022",
        issued_on=datetime.date(2022, 6, 1),
        expires_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    certified = LabelRunFactory(batch=batch, certification=valid, count=2).labels.order_by("position")
    revoked = certified[1]
    Label.objects.filter(pk=revoked.pk).update(
        status=LabelStatus.REVOKED, revoked_at=timezone.now(), revoked_reason="Rusak"
    )
    return {
        "certified": certified[0],
        "expired": LabelRunFactory(batch=batch, certification=expired, count=1).labels.get(),
        "uncertified": LabelRunFactory(batch=batch, count=1).labels.get(),
        "revoked": revoked,
    }


def navigation_ms(page: Any) -> dict[str, float]:
    entry = json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation').pop())"))
    return {
        "response": round(entry["responseEnd"] - entry["requestStart"], 1),
        "dom_ready": round(entry["domContentLoadedEventEnd"] - entry["startTime"], 1),
        "loaded": round(entry["loadEventEnd"] - entry["startTime"], 1),
    }


def test_a_buyer_scans_labels_in_every_state_on_a_phone(
    labels: dict[str, Label], live_server: Any, browser: Any
) -> None:
    phone = browser.new_context(locale="en-US", **PHONE)
    page = phone.new_page()

    page.goto(f"{live_server.url}/p/{labels['certified'].code.lower()}")  # what the camera app opens
    assert page.url == f"{live_server.url}/en/passport/{labels['certified'].code}/"
    banner = page.locator(".pp-banner")
    assert banner.locator("h1").inner_text() == "Genuine and certified"
    assert "BMI-0042/2025" in banner.inner_text()
    assert page.locator(".pp-piece-name").inner_text() == "Lotus Long Cloth"
    assert page.locator("#pp-story ~ h3").first.inner_text() == "Lotus of Majapahit"
    timing = navigation_ms(page)
    shoot(page, "passport-certified")
    page.goto(f"{live_server.url}/p/{labels['certified'].code}")
    warm = navigation_ms(page)
    print(f"\npassport navigation timing, first open: {timing}; again: {warm}")
    assert timing["dom_ready"] < 5000

    for state, title in (
        ("expired", "Genuine, but the certificate has expired"),
        ("uncertified", "Genuine, not certified"),
        ("revoked", "This label was withdrawn"),
    ):
        page.goto(f"{live_server.url}/p/{labels[state].code}")
        assert page.locator(".pp-banner h1").inner_text() == title
        shoot(page, f"passport-{state}")
    assert page.locator(".pp-piece").count() == 0  # a withdrawn label tells nothing of the piece

    page.goto(f"{live_server.url}/p/ZZZZ-ZZZZ-ZZZ")
    assert page.locator(".pp-banner h1").inner_text() == "Unknown code"
    assert "Lotus" not in page.content() and "Sekar Maja" not in page.content()
    shoot(page, "passport-unknown")

    page.goto(f"{live_server.url}/en/passport/")
    page.fill("#id_code", labels["uncertified"].display_code.lower())
    page.locator("form.pp-lookup button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".pp-banner h1").inner_text() == "Genuine, not certified"
    phone.close()

    indonesian = browser.new_context(locale="id-ID", **PHONE)
    page = indonesian.new_page()
    page.goto(f"{live_server.url}/p/{labels['certified'].code}")
    assert page.url.startswith(f"{live_server.url}/id/")
    indonesian.close()

    labels["certified"].refresh_from_db()
    assert labels["certified"].checks_count == 3  # two scans in English, one in Indonesian


@pytest.mark.django_db
def test_the_first_page_of_a_label_sheet(staff: Any, enterprise: Any) -> None:
    """Saved for a person to look at: test-artifacts/screenshots/label-sheet-page1.png."""
    piece = ProductFactory(enterprise=enterprise, name_ind="Kain Panjang Surya Majapahit", technique="tulis")
    certificate = CertificationFactory(enterprise=enterprise, number="BMI-0042/2025")
    run = services.issue_labels(actor=staff, batch=BatchFactory(product=piece, code="TL-2609-1"), count=30,
                                certification=certificate)  # fmt: skip
    services.revoke_label(run.labels.get(position=6), actor=staff, reason="Rusak saat dijahit")

    pages = render_png(services.SHEET_TEMPLATE, services.label_sheet_data(run))

    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "label-sheet-page1.png").write_bytes(pages[0])
    assert len(pages) == 2 and pages[0].startswith(b"\x89PNG")
