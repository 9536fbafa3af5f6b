"""Every workbook Canting writes keeps text as text: what a person typed can never become a live formula."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.core.xlsx import build_workbook, workbook_bytes

HOSTILE = ['=HYPERLINK("http://evil.example/","Klik")', "=1+1", "+62 812", "-SUM(A1:A2)", "@SUM(A1)", "=", "=cmd|' /C"]


def formulas(content: bytes) -> list[str]:
    """The formulas stored in an .xlsx file, read from its XML as Excel would."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        return [f for name in sheets for f in re.findall(r"<f>(.*?)</f>", archive.read(name).decode())]


def texts(content: bytes) -> list[Any]:
    return [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for cell in row]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    content = build_workbook([("Export", ["Name"], [[text] for text in HOSTILE])])

    assert formulas(content) == []
    assert texts(content) == ["Name", *HOSTILE]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40), max_size=8))
def test_any_text_comes_back_exactly_as_written_and_never_as_a_formula(values: list[str]) -> None:
    content = build_workbook([("Export", ["Value"], [[value] for value in values])])

    assert formulas(content) == []
    assert texts(content) == ["Value", *[value if value else None for value in values]]


def test_a_workbook_built_by_hand_is_saved_without_formulas_too() -> None:
    """The export documents and the import template build their own layout and save through the same function."""
    book = Workbook()
    book.active.cell(row=1, column=1, value='=HYPERLINK("http://evil.example/")')

    assert formulas(workbook_bytes(book)) == []


@pytest.mark.django_db
def test_a_product_named_like_a_formula_exports_as_its_name(client: Client, staff: Any, enterprise: Any) -> None:
    ProductFactory(enterprise=enterprise, name_ind=HOSTILE[0])
    client.force_login(staff)

    content = client.get(reverse("catalogue:product-list"), {"format": "xlsx"}).content

    assert formulas(content) == []
    assert HOSTILE[0] in texts(content)
