"""The links a list page writes work when followed: "next" shows the next items, and the export keeps the filter.

Followed as a browser follows them: the href is resolved against the page's address, never rebuilt by the test.
"""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2]


def link(page: str, text: str) -> str:
    """The href of the first link whose text contains ``text``."""
    match = re.search(r'<a[^>]*href="([^"]*)"[^>]*>[^<]*' + re.escape(text), page)
    assert match is not None, f"no link {text!r} on the page"
    return unescape(match.group(1))


def names(page: str) -> list[str]:
    return re.findall(r'<td><a href="/registry/enterprises/\d+/">([^<]+)</a>', page)


def test_next_page_shows_the_next_enterprises(client: Client, staff: Any) -> None:
    for n in range(30):
        EnterpriseFactory(name=f"Batik Halaman {n:02d}")
    client.force_login(staff)
    here = reverse("registry:enterprise-list") + "?ordering=name"

    first = client.get(here, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    following = urljoin("http://testserver" + here, link(first, "Berikutnya"))
    second = client.get(following).content.decode()

    assert "??" not in following
    assert names(first)[:2] == ["Batik Halaman 00", "Batik Halaman 01"]
    assert names(second) == [f"Batik Halaman {n:02d}" for n in range(25, 30)]


def test_the_export_link_keeps_the_active_filter(client: Client, staff: Any) -> None:
    EnterpriseFactory(name="Batik Cari Aku")
    EnterpriseFactory(name="Batik Lain Sekali")
    client.force_login(staff)
    here = reverse("registry:enterprise-list") + "?q=cari"

    page = client.get(here).content.decode()
    export = client.get(urljoin("http://testserver" + here, link(page, "Ekspor ke Excel")))

    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["Batik Cari Aku"]


def test_no_template_writes_a_question_mark_before_the_querystring_tag() -> None:
    """Django's {% querystring %} starts with '?' itself: a '?' before it makes '??page=2', which no server reads."""
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.glob("*/templates/**/*.html")
        if "?{% querystring" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
    assert any(TEMPLATES.glob("*/templates/**/*_list.html"))  # the glob reaches the templates
