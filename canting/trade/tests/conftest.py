"""Messages in the export desk's tests are asserted in English, the source language, whatever the catalogue says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def trade_reference(restore_areas: None) -> None:
    """The reference data the desk's migrations seed (Incoterms, customs rules, HS table, origin rules, market
    notes), put back for a test on a database emptied by an earlier transactional test."""
    import importlib

    from django.apps import apps

    from canting.trade.models import Incoterm

    if Incoterm.objects.exists():
        return
    for name in (
        "0002_incoterms_2020",
        "0003_customs_rules",
        "0004_reference_data",
        "0008_hs_by_fibre_and_national_codes",
    ):
        importlib.import_module(f"canting.trade.migrations.{name}").seed(apps, None)
