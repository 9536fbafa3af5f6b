"""Amounts in a currency, shown as the documents show them: in the currency's minor units (JPY 335.600, USD
1.082,00 in Indonesian), grouped in the reader's language."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format

from canting.trade.money import minor_digits, round_money

register = template.Library()


@register.filter
def money(value: Any, currency: str) -> str:
    """``{{ amount|money:order.currency }}``; an empty value stays empty."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    digits = minor_digits(currency or "USD")
    return number_format(round_money(amount, currency or "USD"), decimal_pos=digits, use_l10n=True, force_grouping=True)
