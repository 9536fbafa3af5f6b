"""Exchange rates: rupiah per unit of a currency on a day, and amounts converted through the rupiah (an order's value
against a threshold in euros, export figures in rupiah)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from canting.trade.models import ExchangeRate
from canting.trade.money import round_money

RUPIAH = "IDR"


def rupiah_per(currency: str, on: datetime.date) -> Decimal | None:
    """Rupiah per unit of ``currency``: the latest rate recorded on or before ``on``; None when none is known."""
    code = (currency or "").upper()
    if code == RUPIAH:
        return Decimal(1)
    rupiah = (
        ExchangeRate.objects.filter(currency=code, day__lte=on)
        .order_by("-day")
        .values_list("rupiah", flat=True)
        .first()
    )
    return rupiah


def convert(
    amount: Decimal,
    from_currency: str,
    to_currency: str,
    on: datetime.date,
    *,
    rupiah_rate: Decimal | None = None,
) -> Decimal | None:
    """``amount`` of ``from_currency`` in ``to_currency`` on ``on``, through the rupiah, rounded to the target's minor
    units. ``rupiah_rate`` (rupiah per unit of ``from_currency``, e.g. the rate an order fixed) replaces the recorded
    rate. None when a rate is missing."""
    source, target = from_currency.upper(), to_currency.upper()
    if source == target:
        return round_money(amount, target)
    into_rupiah = rupiah_rate if rupiah_rate is not None else rupiah_per(source, on)
    out_of_rupiah = rupiah_per(target, on)
    if into_rupiah is None or out_of_rupiah is None:
        return None
    return round_money(amount * into_rupiah / out_of_rupiah, target)
