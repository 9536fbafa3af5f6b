"""The staff page "Data to confirm": every rule row and limit still marked unconfirmed or provisional, with its
source and a link to where it is confirmed; confirming one takes it off the page."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from canting.certification.models import Parameter, Standard
from canting.core import unconfirmed
from canting.trade.models import HsCode

pytestmark = pytest.mark.django_db


def page(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_unconfirmed_rows_of_every_module_are_listed_with_their_source(staff: Any) -> None:
    standard = Standard.objects.create(code="SNI 9999", edition="2026", title="Uji", source="BSN, draft")
    Parameter.objects.create(standard=standard, name="Kerutan", comparator="lte", limit=Decimal(3), unit="%")
    checked = Parameter.objects.create(
        standard=standard, name="Luntur", comparator="gte", limit=Decimal(4), unit="", limit_checked=True
    )
    unsure = HsCode.objects.filter(confirmed=False).count()

    with translation.override("en"):
        rows = unconfirmed.collect()
    limits = [r for r in rows if "SNI 9999" in r.row]
    assert [r.row for r in limits] == ["SNI 9999:2026 · Kerutan"]
    assert limits[0].source == "BSN, draft" and limits[0].url == f"/quality/standards/{standard.pk}/"
    assert checked.name not in " ".join(r.row for r in rows)
    assert sum(1 for r in rows if str(r.topic) == "HS codes") == unsure

    answer = page(staff).get("/data-to-confirm/")
    html = answer.content.decode()
    assert answer.status_code == 200 and "SNI 9999:2026 · Kerutan" in html and "BSN, draft" in html
    sheet = load_workbook(io.BytesIO(page(staff).get("/data-to-confirm/?format=xlsx").content)).active
    assert sheet.max_row - 1 == len(rows)
    Parameter.objects.filter(standard=standard).update(limit_checked=True)
    assert "Kerutan" not in page(staff).get("/data-to-confirm/").content.decode()


def test_a_failing_provider_leaves_the_page_working(staff: Any) -> None:
    def broken() -> list[unconfirmed.Unconfirmed]:
        raise RuntimeError("boom")

    unconfirmed.register(broken)
    try:
        assert page(staff).get("/data-to-confirm/").status_code == 200
    finally:
        unconfirmed._providers.remove(broken)
