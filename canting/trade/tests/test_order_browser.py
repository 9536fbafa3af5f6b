"""In a real browser on a phone: an artisan sees that FOB does not fit an air shipment, switches the order to FCA
as the desk suggests, and downloads the commercial invoice, whose total is the order's."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest
from django.conf import settings

from canting.core.testing import make_user, shoot, sign_in
from canting.registry.tests.factories import EnterpriseFactory
from canting.trade.models import ExportOrder
from canting.trade.tests.factories import complete_order, incoterm

pytestmark = pytest.mark.browser


@pytest.fixture
def order(trade_reference: None, live_server: Any) -> ExportOrder:
    enterprise = EnterpriseFactory(name="Batik Sekar Maja")
    make_user("ani", "artisan", enterprise=enterprise)
    return complete_order(enterprise=enterprise, incoterm=incoterm("FOB"))


def test_an_artisan_fixes_the_incoterm_and_downloads_the_invoice(
    order: ExportOrder, live_server: Any, browser: Any, tmp_path: Any
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    phone.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    page.goto(f"{live_server.url}/trade/orders/{order.pk}/")
    finding = page.locator("[data-code=sea_only]")
    assert "FCA" in finding.inner_text()
    shoot(page, "trade_order_fob_by_air_phone")

    page.goto(f"{live_server.url}/trade/orders/{order.pk}/documents/")
    assert page.locator("[data-testid=blocked]").count() == 1

    page.goto(f"{live_server.url}/trade/orders/{order.pk}/edit/")
    page.select_option("select[name=incoterm]", str(incoterm("FCA").pk))
    page.locator("button[type=submit]").last.click()
    page.wait_for_url(f"**/trade/orders/{order.pk}/")
    assert page.locator("[data-code=sea_only]").count() == 0

    page.goto(f"{live_server.url}/trade/orders/{order.pk}/documents/")
    assert page.locator("[data-testid=blocked]").count() == 0
    shoot(page, "trade_documents_phone")
    invoice = page.locator("[data-testid=downloads] tr", has_text="Commercial invoice").locator("a", has_text="PDF")
    # The invoice opens in the browser's PDF viewer; fetch what the link serves with the page's own session.
    response = page.request.get(live_server.url + str(invoice.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"
    saved = tmp_path / "invoice.pdf"
    saved.write_bytes(response.body())
    assert saved.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        text = subprocess.run(  # noqa: S603 -- a fixed local tool reading the PDF the browser saved
            [pdftotext, "-layout", str(saved), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "2,675.00" in " ".join(text.split())  # 20 x 85.00 + 30 x 32.50 US dollars
    order.refresh_from_db()
    assert order.incoterm.code == "FCA"
