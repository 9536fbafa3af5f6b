"""Amounts in a currency: how many decimals each currency is counted in (ISO 4217, through babel) and rounding to
them. Every figure the desk stores or prints is rounded here, so an order, its pages and its documents agree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision


def minor_digits(currency: str) -> int:
    """How many decimals the currency is counted in (USD 2, JPY 0, KWD 3)."""
    return int(get_currency_precision(currency.upper()))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """The amount rounded half up to the currency's minor units."""
    return amount.quantize(Decimal(1).scaleb(-minor_digits(currency)), rounding=ROUND_HALF_UP)
