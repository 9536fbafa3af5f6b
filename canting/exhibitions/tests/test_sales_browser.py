"""In a real browser on a phone: an exhibitor records a sale in at most three taps after choosing the product."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from canting.catalogue import services as catalogue
from canting.catalogue.tests.factories import ProductFactory
from canting.core.testing import make_user, shoot, sign_in
from canting.exhibitions.models import Sale
from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory, SaleFactory
from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def booth(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """An exhibition running today; Batik Sekar Maja exhibits three products and sold one scarf this morning."""
    today = timezone.localdate()
    exhibition = ExhibitionFactory(
        name="Pameran Batik Sunrise Mall",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=3),
    )
    enterprise = EnterpriseFactory(name="Batik Sekar Maja")
    ani = make_user("ani", "artisan", enterprise=enterprise)
    exhibitor = ExhibitorFactory(exhibition=exhibition, enterprise=enterprise)
    kain = ProductFactory(enterprise=enterprise, name_ind="Kain Surya Majapahit", price=Decimal(350_000))
    ProductFactory(enterprise=enterprise, name_ind="Selendang Mrico Bolong", price=Decimal(175_000))
    ProductFactory(enterprise=enterprise, name_ind="Kemeja Gringsing", price=Decimal(285_000))
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), "#8a5a2b").save(photo, "PNG")
    photo.seek(0)
    catalogue.add_picture(actor=ani, upload=photo, size=None, alt_text={"ind": "Kain"}, product=kain)
    SaleFactory(exhibitor=exhibitor, day=today, description="Selendang sutra", amount=Decimal(150_000), payment="cash")
    return {"exhibitor": exhibitor, "kain": kain, "today": today}


def test_an_exhibitor_records_a_sale_in_three_taps_on_a_phone(booth: Any, live_server: Any, browser: Any) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    page.goto(f"{live_server.url}/exhibitions/exhibitors/{booth['exhibitor'].pk}/sales/")
    assert page.locator("[data-testid=day-total]").inner_text() == "Rp150.000"

    page.locator(f"[data-testid=product][data-product='{booth['kain'].pk}']").click()  # choosing the product
    page.wait_for_selector("[data-testid=sale-form]")
    assert page.input_value("[name=quantity]") == "1"
    assert page.input_value("[name=amount]") == "350.000"  # grouped as Indonesian writes it, and read back so
    taps = 0
    page.locator("[data-testid=plus]").click()
    taps += 1
    assert page.input_value("[name=amount]") == "700.000"
    shoot(page, "exhibitions_sale_form_phone")
    page.locator("[data-testid=pay-qris]").click()
    taps += 1
    page.wait_for_selector("[data-testid=saved]")

    assert taps <= 3
    sale = Sale.objects.get(product=booth["kain"])
    assert (sale.day, sale.quantity, sale.amount, sale.payment) == (booth["today"], 2, Decimal(700_000), "qris")
    rows = page.locator("[data-testid=sale]")
    assert rows.count() == 2
    assert "Kain Surya Majapahit" in rows.first.inner_text() and "Rp700.000" in rows.first.inner_text()
    assert page.locator("[data-testid=day-total]").inner_text() == "Rp850.000"
    assert "Rp700.000" in page.locator("[data-testid=total-qris]").inner_text()
    shoot(page, "exhibitions_sale_phone")
    phone.close()
