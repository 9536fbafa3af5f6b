"""Amounts in a currency, shown as the documents show them: in the currency's minor units (JPY 335.600, USD
1.082,00 in Indonesian), grouped in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from canting.trade.money import minor_digits, round_money

register = template.Library()


@register.filter
def money(value: Decimal | None, currency: str) -> str:
    """``{{ amount|money:order.currency }}``; no amount shows as nothing."""
    if value is None:
        return ""
    return number_format(round_money(value, currency), decimal_pos=minor_digits(currency), force_grouping=True)
