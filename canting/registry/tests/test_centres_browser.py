"""In a real browser on a phone: the first day of an office, an officer with the right to manage centres registers
the centre from the Registry menu, picking its village step by step, and corrects a duplicate name."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission

from canting.core.testing import open_menu, pick_area, shoot, sign_in, staff_user
from canting.registry.models import Centre
from canting.registry.tests.factories import CentreFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def sari(restore_areas: None, live_server: Any) -> Any:
    """Created before the browser starts (see core/tests/test_browser.py)."""
    officer = staff_user("sari")
    officer.user_permissions.add(Permission.objects.get(codename="change_centre", content_type__app_label="registry"))
    CentreFactory(name="Sentra Batik Kedungsari")
    return officer


def test_an_officer_registers_the_centre_on_a_phone(sari: Any, live_server: Any, browser: Any) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "sari", "correct horse battery")

    open_menu(page)
    page.click("text=Data IKM")
    page.click(".dropdown-menu >> text=Sentra")
    page.wait_for_url("**/registry/centres/")
    page.click("text=Daftarkan sentra")
    page.fill("#id_name", "Sentra Batik Kedungsari")
    page.fill("#id_address", "Jl. Kedungsari")
    pick_area(page, "", "35.76.02.1001")
    page.fill("#id_managing_office", "Diskopukmperindag Kota Mojokerto")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Sudah ada sentra dengan nama ini di kelurahan/desa ini.").is_visible()
    shoot(page, "centre-01-duplicate-name")

    page.fill("#id_name", "Sentra IKM Batik Maja Bharama Wastra")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/registry/centres/")
    assert page.get_by_text("Sentra sudah didaftarkan: Sentra IKM Batik Maja Bharama Wastra.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off a phone's screen
    shoot(page, "centre-02-registered")
    phone.close()

    assert Centre.objects.filter(name="Sentra IKM Batik Maja Bharama Wastra", village_id="35.76.02.1001").exists()
