"""What a destination asks of an Indonesian consignment on a given day: the proof of origin (suggested first), the
market notes (labels, azo-amine limit, small-parcel thresholds) and the azo-amine limit itself. All of it is data
with dates, so a rule that comes into force later is not offered before its day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from canting.trade.models import MarketNote, MarketTopic, OriginRule


def origin_rules_for(country: str, on: datetime.date) -> list[OriginRule]:
    """The proof-of-origin rules holding on ``on`` for ``country``, the suggested one first; when the country has
    none, the rules without a country (Form B, non-preferential)."""
    code = (country or "").upper()
    rules = list(OriginRule.objects.holding_on(on).filter(country__in={code, ""}).order_by("position", "-valid_from"))
    own = [rule for rule in rules if rule.country == code and code]
    return own or [rule for rule in rules if not rule.country]


def market_notes_for(country: str, on: datetime.date) -> list[MarketNote]:
    """What ``country`` asks of a consignment on ``on``: labelling, azo-amine limit, small parcels, by topic."""
    code = (country or "").upper()
    if not code:
        return []
    return list(MarketNote.objects.holding_on(on).filter(country=code).order_by("topic", "-valid_from"))


def azo_limit_for(country: str, on: datetime.date) -> Decimal | None:
    """The azo-amine limit (mg/kg) ``country`` sets on ``on``, the strictest when several notes hold; None: no limit."""
    limits = [
        note.azo_limit
        for note in market_notes_for(country, on)
        if note.topic == MarketTopic.AZO and note.azo_limit is not None
    ]
    return min(limits) if limits else None
