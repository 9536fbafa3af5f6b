"""Staff keep the export desk's reference data current: HS lines, Incoterms rules, proof-of-origin rules, market
notes, exchange rates and customs figures. Each save is checked, written in one transaction and audited."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from canting.core import services
from canting.core.models import User
from canting.core.scope import require_staff
from canting.trade.models import CustomsRule, ExchangeRate, HsCode, Incoterm, MarketNote, OriginRule

M = TypeVar("M", bound=models.Model)


def check_staff(actor: User | None) -> None:
    """Reference data is the office's: artisans read it, staff change it."""
    require_staff(actor, _("Only office staff change the export desk's reference data."))


def _merged(instance: models.Model | None, data: dict[str, Any], name: str) -> Any:
    if name in data:
        return data[name]
    return getattr(instance, name, None) if instance is not None else None


def _check_dates(instance: models.Model | None, data: dict[str, Any]) -> None:
    starts, ends = _merged(instance, data, "valid_from"), _merged(instance, data, "valid_until")
    if starts and ends and ends < starts:
        raise ValidationError(
            {"valid_until": _("A rule cannot stop holding before it starts to hold.")}, code="until_before_from"
        )


def _save(model: type[M], instance: M | None, data: dict[str, Any], *, actor: User | None, action: str) -> M:
    if instance is None:
        return services.create(model(**data), actor=actor, action=f"{action}.created")
    fresh = model._default_manager.select_for_update().get(pk=instance.pk)
    return services.update(fresh, data, actor=actor, action=f"{action}.changed")


@transaction.atomic
def save_hs_code(*, actor: User | None, data: dict[str, Any], row: HsCode | None = None) -> HsCode:
    """Add a line to the HS table or change one (its code, the facts that lead to it, its dates)."""
    check_staff(actor)
    _check_dates(row, data)
    above, up_to = _merged(row, data, "above_gsm"), _merged(row, data, "up_to_gsm")
    if above is not None and up_to is not None and up_to <= above:
        raise ValidationError(
            {"up_to_gsm": _("The upper weight must be above the lower weight (%(above)s g/m²).") % {"above": above}},
            code="weights_crossed",
        )
    if not (_merged(row, data, "description_ind") or "").strip():
        raise ValidationError({"description_ind": _("Describe the line in Indonesian.")}, code="description_required")
    return _save(HsCode, row, data, actor=actor, action="trade.hs_code")


@transaction.atomic
def save_incoterm(*, actor: User | None, incoterm: Incoterm, data: dict[str, Any]) -> Incoterm:
    """Change one of the Incoterms rules (its names, the transport it allows, what it asks of insurance)."""
    check_staff(actor)
    _check_dates(incoterm, data)
    modes = _merged(incoterm, data, "modes")
    if not modes:
        raise ValidationError({"modes": _("Choose at least one transport mode.")}, code="no_modes")
    if _merged(incoterm, data, "seller_insures") and not _merged(incoterm, data, "min_insured_percent"):
        raise ValidationError(
            {"min_insured_percent": _("Give the least insured share when the seller must insure.")},
            code="insurance_share_missing",
        )
    alternative = _merged(incoterm, data, "alternative")
    if alternative is not None and alternative.pk == incoterm.pk:
        raise ValidationError({"alternative": _("A rule cannot be its own alternative.")}, code="own_alternative")
    return _save(Incoterm, incoterm, data, actor=actor, action="trade.incoterm")


@transaction.atomic
def save_origin_rule(*, actor: User | None, data: dict[str, Any], rule: OriginRule | None = None) -> OriginRule:
    """Add or change the proof of origin a destination takes under an agreement."""
    check_staff(actor)
    _check_dates(rule, data)
    if _merged(rule, data, "registration_above") is not None and not _merged(rule, data, "threshold_currency"):
        raise ValidationError(
            {"threshold_currency": _("Give the currency of the threshold.")}, code="threshold_currency_missing"
        )
    return _save(OriginRule, rule, data, actor=actor, action="trade.origin_rule")


@transaction.atomic
def save_market_note(*, actor: User | None, data: dict[str, Any], note: MarketNote | None = None) -> MarketNote:
    """Add or change what a destination asks of a consignment."""
    check_staff(actor)
    _check_dates(note, data)
    if _merged(note, data, "topic") == "azo" and _merged(note, data, "azo_limit") is None:
        raise ValidationError({"azo_limit": _("An azo-amine note needs its limit.")}, code="azo_limit_missing")
    if _merged(note, data, "parcel_threshold") is not None and not _merged(note, data, "parcel_currency"):
        raise ValidationError(
            {"parcel_currency": _("Give the currency of the threshold.")}, code="parcel_currency_missing"
        )
    if not (_merged(note, data, "text_ind") or "").strip():
        raise ValidationError({"text_ind": _("Write the note in Indonesian.")}, code="text_required")
    return _save(MarketNote, note, data, actor=actor, action="trade.market_note")


@transaction.atomic
def save_exchange_rate(*, actor: User | None, data: dict[str, Any], rate: ExchangeRate | None = None) -> ExchangeRate:
    """Record rupiah per unit of a currency on a day, or correct a recorded rate."""
    check_staff(actor)
    if (_merged(rate, data, "currency") or "").upper() == "IDR":
        raise ValidationError({"currency": _("The rupiah needs no rate.")}, code="rupiah_rate")
    return _save(ExchangeRate, rate, data, actor=actor, action="trade.exchange_rate")


@transaction.atomic
def save_customs_rule(*, actor: User | None, rule: CustomsRule, data: dict[str, Any]) -> CustomsRule:
    """Change a customs figure the desk checks against (its value, source and dates)."""
    check_staff(actor)
    _check_dates(rule, data)
    value = _merged(rule, data, "value")
    if value is not None and value <= 0:
        raise ValidationError({"value": _("The value must be above zero.")}, code="value_not_positive")
    return _save(CustomsRule, rule, data, actor=actor, action="trade.customs_rule")
