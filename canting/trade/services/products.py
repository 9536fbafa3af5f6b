"""A product's export facts, kept by its enterprise (or the office): the HS code it confirmed from the table and its
price in a foreign currency."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.core import services
from canting.core.models import User
from canting.trade.models import HsCode, ProductExport


@transaction.atomic
def save_product_export(*, actor: User | None, product: Product, data: dict[str, Any]) -> ProductExport:
    """Confirm a product's HS code and set its export price.

    The code must be a line of the HS table holding today (its 6-digit code or its national line); confirming it
    records who confirmed and when. A price needs its currency.
    """
    services.require_visible(Product.objects, product, actor, _("This product belongs to another enterprise."))
    data = dict(data)
    code = (data.get("hs_code") or "").strip()
    data["hs_code"] = code
    if code:
        holding = HsCode.objects.holding_on(timezone.localdate())
        if not holding.filter(code=code).exists() and not holding.filter(national_code=code).exists():
            raise ValidationError(
                {
                    "hs_code": _("%(code)s is not a line of the HS table in force: choose one of the table.")
                    % {"code": code}
                },
                code="hs_unknown",
            )
    if data.get("price") is not None and not data.get("currency"):
        raise ValidationError({"currency": _("Give the currency of the export price.")}, code="currency_missing")
    if data.get("price") is None and "currency" in data and "price" in data:
        data["currency"] = ""
    existing = ProductExport.objects.select_for_update().filter(product=product).first()
    previous = existing.hs_code if existing is not None else ""
    if code and code != previous:
        data["hs_confirmed_by"] = actor if actor is not None and actor.is_authenticated else None
        data["hs_confirmed_at"] = timezone.now()
    elif not code:
        data["hs_confirmed_by"] = None
        data["hs_confirmed_at"] = None
    if existing is None:
        return services.create(
            ProductExport(product=product, **data), actor=actor, action="trade.product_export.created"
        )
    return services.update(existing, data, actor=actor, action="trade.product_export.changed")
