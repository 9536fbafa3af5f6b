"""What a destination asks of an Indonesian consignment on a given day: the proof of origin (suggested first), the
market notes (labels, azo-amine limit, small-parcel thresholds) and the azo-amine limit itself, and what an
order's lines may claim under a proof of origin (the criterion per line, from its HS heading and where its cloth was
woven). All of it is data with dates, read on the shipment day, so a rule that comes into force later is not
offered before its day and one that has ended grants nothing after it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from canting.trade.models import (
    ClothOrigin,
    MarketNote,
    MarketTopic,
    OrderLine,
    OriginRule,
    ProductRule,
    ProofKind,
)


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


@dataclass(frozen=True)
class LineOrigin:
    """Whether one order line is declared of preferential origin, the criterion it meets, and why."""

    position: int
    heading: str  # the first four digits of the line's HS code
    originating: bool
    criterion: str  # e.g. "W 6205"; empty when the line is not declared originating
    reason: str
    confirmed: bool  # False when the verdict rests on a rule no source has confirmed yet


@dataclass(frozen=True)
class Preference:
    """What the order may claim under its proof of origin on the shipment day. ``granted`` is False when the rule
    does not hold that day, is not confirmed, or no line qualifies; ``reason`` then says why."""

    granted: bool
    reason: str = ""
    lines: list[LineOrigin] = field(default_factory=list)

    @property
    def originating(self) -> list[LineOrigin]:
        return [line for line in self.lines if line.originating]

    @property
    def not_originating(self) -> list[LineOrigin]:
        return [line for line in self.lines if not line.originating]

    @property
    def unconfirmed(self) -> list[LineOrigin]:
        return [line for line in self.originating if not line.confirmed]


def heading_of(hs_code: str) -> str:
    return "".join(ch for ch in hs_code if ch.isdigit())[:4]


def product_rule_for(rules: Sequence[ProductRule], heading: str) -> ProductRule | None:
    """The rule for the heading, else the one for its chapter."""
    for key in (heading, heading[:2]):
        for rule in rules:
            if rule.heading == key:
                return rule
    return None


def _line_origin(line: OrderLine, rules: Sequence[ProductRule], agreement: str) -> LineOrigin:
    heading = heading_of(line.hs_code)
    rule = product_rule_for(rules, heading)
    params = {"heading": heading, "agreement": agreement}
    if rule is None:
        reason = _(
            "No product-specific rule of %(agreement)s is on record for heading %(heading)s: the line is not declared "
            "originating; no preference for this line."
        )
        return LineOrigin(line.position, heading, False, "", reason % params, True)
    params["rule"] = rule.rule
    params["state"] = (
        "" if rule.confirmed else " " + _("(rule unconfirmed: to verify against %(source)s)") % {"source": rule.source}
    )
    if line.cloth_origin == ClothOrigin.UNKNOWN or not line.cloth_origin:
        reason = _(
            "Where the cloth was woven is not recorded: heading %(heading)s originates only under its rule "
            "(%(rule)s)%(state)s, so the line is not declared originating; no preference for this line."
        )
        return LineOrigin(line.position, heading, False, "", reason % params, rule.confirmed)
    if line.cloth_origin not in rule.originating_cloth:
        reason = _(
            "Made up from imported cloth: not originating under the %(agreement)s rule for heading %(heading)s "
            "(%(rule)s)%(state)s; no preference for this line."
        )
        return LineOrigin(line.position, heading, False, "", reason % params, rule.confirmed)
    reason = _("Cloth woven in Indonesia meets the rule for heading %(heading)s (%(rule)s)%(state)s.")
    return LineOrigin(line.position, heading, True, f"{rule.criterion} {heading}", reason % params, rule.confirmed)


def preference_for(rule: OriginRule | None, day: datetime.date, lines: Sequence[OrderLine]) -> Preference:
    """What ``lines`` may claim under ``rule`` on the shipment ``day``. A rule that does not hold on the day, or is
    not confirmed, grants nothing; a rule with a scheme key is assessed line by line against its product-specific
    rules (by HS heading and the cloth's origin)."""
    if rule is None or rule.kind == ProofKind.NONE:
        return Preference(False)
    params = {
        "document": rule.document,
        "agreement": rule.agreement or rule.document,
        "day": day.isoformat(),
        "source": rule.source,
    }
    if not rule.holds_on(day):
        reason = _(
            "%(agreement)s does not hold on the shipment day %(day)s (%(source)s): no preference applies, the goods "
            "pay the normal (MFN) duty."
        )
        return Preference(False, reason % params)
    if not rule.confirmed:
        reason = _(
            "%(agreement)s is not confirmed in force on the shipment day %(day)s (%(source)s): until it is, no "
            "preference applies and the goods pay the normal (MFN) duty."
        )
        return Preference(False, reason % params)
    if not rule.scheme:
        return Preference(True)
    rules = list(ProductRule.objects.holding_on(day).filter(scheme=rule.scheme).order_by("-valid_from"))
    assessed = [_line_origin(line, rules, params["agreement"]) for line in lines]
    if assessed and not any(line.originating for line in assessed):
        reason = _("No line of the order meets its rule of origin under %(agreement)s: no preference applies.")
        return Preference(False, reason % params, assessed)
    return Preference(True, "", assessed)
