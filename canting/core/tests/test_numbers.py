"""Numbers typed the way people write them: one parser, two fields, used by every form.

The promise to the user is that a number is stored as they meant it or refused with a message showing how to write
it, never stored as another number. The properties below state that promise; the form tests type the numbers as an
artisan does, on the Indonesian page."""

from __future__ import annotations

import ast
import contextlib
import datetime
import importlib
import pkgutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import canting
from canting.core.forms import NumberField, WholeNumberField
from canting.core.numbers import parse_number, show

LANGUAGES = ("id", "en")


@pytest.mark.parametrize(
    ("language", "typed", "whole", "meant"),
    [
        ("id", "1.000", True, 1000),
        ("id", "7.500.000", True, 7_500_000),
        ("id", "Rp 7.500.000,-", True, 7_500_000),
        ("id", "Rp. 7.500.000,00", True, 7_500_000),
        ("id", "7 500 000", True, 7_500_000),
        ("id", "1000", True, 1000),
        ("id", "2,5", False, Decimal("2.5")),
        ("id", "1.250,75", False, Decimal("1250.75")),
        ("id", "2.5", False, Decimal("2.5")),  # a dot before one digit can only be a decimal point
        ("id", "0.125", False, Decimal("0.125")),
        ("id", "1,234.5", False, Decimal("1234.5")),  # both separators: the last one is the decimal point
        ("en", "1,000", True, 1000),
        ("en", "7,500,000", True, 7_500_000),
        ("en", "7.500.000", True, 7_500_000),  # several dots can only group thousands
        ("en", "2.5", False, Decimal("2.5")),
        ("en", "1,250.75", False, Decimal("1250.75")),
    ],
)
def test_numbers_are_read_as_the_page_language_writes_them(language: str, typed: str, whole: bool, meant: Any) -> None:
    with translation.override(language):
        assert parse_number(typed, whole=whole) == meant


@pytest.mark.parametrize(
    ("language", "typed", "code", "how"),
    [
        ("id", "1,000", "whole", "1.000"),
        ("id", "2,5", "whole", "7.500.000"),
        ("en", "1.000", "whole", "1,000"),
        ("id", "1.00.000", "invalid", "7.500.000"),
        ("id", "satu juta", "invalid", "1.000"),
        ("id", "1 5", "invalid", "1.000"),
        ("id", "12,", "invalid", "1.000"),
        ("en", "1,00,000", "invalid", "7,500,000"),
    ],
)
def test_a_whole_number_that_cannot_be_read_surely_is_refused_with_how_to_write_it(
    language: str, typed: str, code: str, how: str
) -> None:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        WholeNumberField().clean(typed)
    assert refused.value.code == code and how in refused.value.messages[0]


@hypothesis_settings(max_examples=300, deadline=None)
@given(number=st.integers(min_value=0, max_value=10**15), language=st.sampled_from(LANGUAGES))
def test_a_whole_number_as_its_language_shows_it_reads_back_the_same(number: int, language: str) -> None:
    with translation.override(language):
        field = WholeNumberField()
        assert field.clean(field.prepare_value(number)) == number


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=10**12),
    written_in=st.sampled_from(LANGUAGES),
    page=st.sampled_from(LANGUAGES),
)
def test_a_whole_number_written_either_way_is_stored_as_meant_or_refused(
    number: int, written_in: str, page: str
) -> None:
    """An artisan used to the other convention never files 1 for one thousand: the field reads it right or refuses."""
    with translation.override(written_in):
        typed = show(number)
    with translation.override(page):
        try:
            stored = WholeNumberField().clean(typed)
        except ValidationError:
            return
    assert stored == number


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    number=st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
    language=st.sampled_from(LANGUAGES),
)
def test_a_decimal_as_its_language_shows_it_reads_back_the_same(number: Decimal, language: str) -> None:
    with translation.override(language):
        field = NumberField(max_digits=16, decimal_places=3)
        assert field.clean(field.prepare_value(number)) == number


@hypothesis_settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789.,- Rp", max_size=14), language=st.sampled_from(LANGUAGES))
def test_any_text_is_read_or_refused_never_an_error(text: str, language: str) -> None:
    with translation.override(language):
        for field in (WholeNumberField(required=False), NumberField(max_digits=20, decimal_places=4, required=False)):
            with contextlib.suppress(ValidationError):
                field.clean(text)


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(canting.__path__, "canting."):
        if ".tests" not in module.name and (".forms" in module.name or module.name.endswith("views")):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    stack: list[type[forms.BaseForm]] = [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("canting."):
                found.append(sub)
    return found


def test_every_form_reads_numbers_with_the_shared_fields() -> None:
    """A model form or a form gaining a number field gets the shared fields, or this test names it."""
    plain = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, (forms.IntegerField, forms.FloatField))
        and not isinstance(field, (WholeNumberField, NumberField))
        and not isinstance(field.widget, forms.HiddenInput)
    ]
    assert len(_form_classes()) > 50
    assert plain == []


def test_no_form_builds_a_plain_number_field_at_run_time() -> None:
    """Fields added in a form's __init__ escape the class check above; the source does not."""
    root = Path(canting.__file__).parent
    plain = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or (path.parent.name == "core" and path.stem == "forms"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "forms"
                and node.func.attr in ("IntegerField", "DecimalField", "FloatField")
                and not any(k.arg == "widget" and "HiddenInput" in ast.unparse(k.value) for k in node.keywords)
            ):
                plain.append(f"{path.relative_to(root)}:{node.lineno}")
    assert plain == []


@pytest.mark.django_db
def test_an_artisan_types_figures_the_indonesian_way_into_the_turnover_form(artisan: Any, enterprise: Any) -> None:
    from canting.turnover.models import TurnoverReport
    from canting.turnover.services.reports import last_month

    month = last_month()
    url = f"/turnover/enterprises/{enterprise.pk}/new/?month={month:%Y-%m}"
    client = Client()
    client.force_login(artisan)  # no language cookie: the artisan's page is Indonesian
    page = client.get(url)
    assert page.status_code == 200 and 'type="number"' not in page.content.decode()
    refused = client.post(url, {"domestic_sales": "7.500.000", "pieces_tulis": "1,000", "action": "submit"})
    assert refused.status_code == 200 and not TurnoverReport.objects.filter(enterprise=enterprise).exists()
    assert "Tulis bilangan bulat" in refused.content.decode()
    client.post(
        url,
        {"domestic_sales": "Rp 7.500.000", "export_sales": "1.250.000", "pieces_tulis": "1.000", "workers_men": "2",
         "workers_women": "12", "action": "draft"},
    )  # fmt: skip
    report = TurnoverReport.objects.get(enterprise=enterprise, month=month)
    assert (report.domestic_sales, report.export_sales, report.pieces_tulis) == (7_500_000, 1_250_000, 1000)
    again = client.get(f"/turnover/reports/{report.pk}/edit/")
    assert 'value="7.500.000"' in again.content.decode()  # shown as typed, and read back the same


@pytest.mark.django_db
def test_an_english_page_reads_english_numbers(staff: Any, enterprise: Any) -> None:
    from canting.turnover.models import TurnoverReport
    from canting.turnover.services.reports import last_month

    month = last_month() - datetime.timedelta(days=40)
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        f"/turnover/enterprises/{enterprise.pk}/new/?month={month:%Y-%m}",
        {"domestic_sales": "7,500,000", "pieces_tulis": "1,000", "action": "draft"},
    )
    report = TurnoverReport.objects.get(enterprise=enterprise)
    assert (report.domestic_sales, report.pieces_tulis) == (7_500_000, 1000)
