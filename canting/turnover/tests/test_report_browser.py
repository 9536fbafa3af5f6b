"""In a real browser on a phone (390x844): the artisan files last month's turnover, staff return it with a reason,
and the artisan reads the reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from canting.core.testing import make_user, shoot, sign_in, staff_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import ReportState, TurnoverReport
from canting.turnover.services import reports as services
from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.browser


def test_an_artisan_files_a_month_on_a_phone_and_reads_the_reason_it_came_back(
    restore_areas: None, live_server: Any, browser: Any
) -> None:
    enterprise = EnterpriseFactory(name="Batik Sekar Maja", technique_tulis=True, technique_cap=True)
    make_user("ani", "artisan", enterprise=enterprise)
    staff_user("rina")
    month = services.last_month()
    TurnoverReportFactory(
        enterprise=enterprise, month=services.add_months(month, -1), domestic_sales=Decimal(9_000_000), pieces_cap=30
    )
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    page.goto(f"{live_server.url}/turnover/mine/")
    page.click("[data-testid=file-last-month]")
    # Typed the Indonesian way: a thousands dot, and first a decimal comma where only whole pieces make sense.
    page.fill("#id_domestic_sales", "12.500.000")
    page.fill("#id_pieces_tulis", "14,5")
    page.fill("#id_pieces_cap", "1.035")
    page.fill("#id_workers_men", "2")
    page.fill("#id_workers_women", "6")
    assert page.locator("#id_domestic_sales").get_attribute("inputmode") == "numeric"
    assert page.locator("#id_pieces_kombinasi").count() == 0
    submit = page.locator("[data-testid=submit]").bounding_box()
    assert submit["y"] + submit["height"] <= 844  # the whole form fits on one phone screen
    shoot(page, "turnover_file_phone")
    page.click("[data-testid=submit]")
    error = page.locator("[data-testid=figure-pieces_tulis] .errorlist")
    assert "Tulis bilangan bulat" in error.inner_text() and "1.000" in error.inner_text()
    assert page.input_value("#id_domestic_sales") == "12.500.000"  # what was typed stays as typed
    shoot(page, "turnover_refused_phone")
    assert not TurnoverReport.objects.filter(enterprise=enterprise, month=month).exists()
    page.fill("#id_pieces_tulis", "14")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=figures]")
    report = TurnoverReport.objects.get(enterprise=enterprise, month=month)
    assert (report.state, report.domestic_sales, report.pieces_cap, report.workers_women) == (
        ReportState.SUBMITTED, Decimal(12_500_000), 1035, 6,
    )  # fmt: skip

    office = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = office.new_page()
    sign_in(desk, live_server.url, "rina", "correct horse battery")
    desk.goto(f"{live_server.url}/turnover/reports/{report.pk}/")
    desk.fill("#id_reason", "Penjualan ekspor bulan ini belum diisi.")
    desk.click("[data-testid=return]")
    desk.wait_for_selector("[data-testid=return-reason]")
    office.close()

    page.goto(f"{live_server.url}/turnover/mine/")
    assert "Penjualan ekspor bulan ini belum diisi." in page.locator("[data-testid=returned-reason]").inner_text()
    page.goto(f"{live_server.url}/turnover/reports/{report.pk}/")
    assert "Penjualan ekspor bulan ini belum diisi." in page.locator("[data-testid=return-reason]").inner_text()
    shoot(page, "turnover_returned_phone")
    phone.close()
