"""Buyers abroad: entered by hand, or taken from an exhibition lead together with a first inquiry.

An artisan keeps the buyers of their own enterprise; staff those of any enterprise they see. Every write is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.core.models import User
from canting.core.services import create, require_visible, update
from canting.exhibitions.models import Lead, LeadState
from canting.exhibitions.services import leads as lead_services
from canting.registry.models import Enterprise
from canting.trade.models import Buyer, ExportOrder, Incoterm, ProductExport
from canting.trade.services import orders

BUYER_FIELDS = ("name", "company", "country", "address", "email", "phone", "tax_number", "notes")
LEAD_FIELDS = ("name", "company", "country", "email", "phone", "notes")
# A first inquiry starts from the plainest terms: the buyer collects at the seller's (changed when quoting).
INQUIRY_INCOTERM = "EXW"


@transaction.atomic
def create_buyer(*, actor: User | None, enterprise: Enterprise, data: Mapping[str, Any]) -> Buyer:
    """Write down a buyer of ``enterprise``."""
    require_visible(Enterprise.objects, enterprise, actor, _("You cannot keep buyers for this enterprise."))
    buyer = Buyer(enterprise=enterprise, created_by=actor)
    for name in BUYER_FIELDS:
        if name in data:
            setattr(buyer, name, data[name] if data[name] is not None else "")
    return create(buyer, actor=actor, action="trade.buyer.created")


@transaction.atomic
def update_buyer(*, actor: User | None, buyer: Buyer, data: Mapping[str, Any]) -> Buyer:
    """Change a buyer's name, address, contacts or notes (the enterprise stays)."""
    require_visible(Buyer.objects, buyer, actor, _("You cannot change this buyer."))
    changes = {name: (data[name] if data[name] is not None else "") for name in BUYER_FIELDS if name in data}
    return update(buyer, changes, actor=actor, action="trade.buyer.updated")


def lead_enterprise(lead: Lead) -> Enterprise | None:
    """The enterprise a lead was met for: its booth's; none for a lead of the whole exhibition."""
    return lead.exhibitor.enterprise if lead.exhibitor_id else None  # type: ignore[union-attr]


@transaction.atomic
def inquiry_from_lead(*, actor: User | None, lead: Lead) -> ExportOrder:
    """Turn an exhibition lead into a buyer (the one taken from it before, if any) and an order in status inquiry,
    with a line for each product the lead asked about (one piece each, at the product's export price when its
    currency is the order's, else at 0 for the quotation to set), at the rate on record for the currency (none yet
    when there is none: the quotation sets it). The lead's follow-up moves on to negotiating."""
    require_visible(Lead.objects, lead, actor, _("You cannot follow up this lead."))
    enterprise = lead_enterprise(lead)
    if enterprise is None:
        raise ValidationError(
            _("This lead was met for the whole exhibition: capture it at a booth to make an inquiry of it."),
            code="no_booth",
        )
    buyer = Buyer.objects.filter(lead=lead, enterprise=enterprise).order_by("id").first()
    if buyer is None:
        buyer = create_buyer(
            actor=actor, enterprise=enterprise, data={name: getattr(lead, name) for name in LEAD_FIELDS}
        )
        buyer.lead = lead
        buyer.save(update_fields=["lead", "updated_at"])
    products = list(lead.products.filter(enterprise=enterprise).order_by("name", "id"))
    prices = {
        facts.product_id: facts
        for facts in ProductExport.objects.filter(product__in=products, price__isnull=False).exclude(currency="")
    }
    currency = _inquiry_currency(prices.values())
    order = orders.create_order(
        actor=actor,
        enterprise=enterprise,
        data={
            "buyer": buyer,
            "incoterm": Incoterm.objects.get(code=INQUIRY_INCOTERM),  # type: ignore[misc]
            "named_place": enterprise.name,
            "transport": "air",
            "currency": currency,
            "notes": _("From the exhibition lead of %(name)s.") % {"name": lead.name},
        },
    )
    codes = {product.pk: orders.hs_code_for(product) for product in products}
    orders.set_lines(
        actor=actor,
        order=order,
        lines=[
            {
                "product": product,
                "hs_code": codes[product.pk],
                "quantity": Decimal(1),
                "unit_price": prices[product.pk].price
                if product.pk in prices and prices[product.pk].currency == currency
                else Decimal(0),
                "net_weight": Decimal(0),
            }
            for product in products
            if codes[product.pk]
        ],
    )
    unclassified = [product.name for product in products if not codes[product.pk]]
    if unclassified:
        # A line needs its HS code: say which products wait for one instead of refusing the whole inquiry.
        orders.update_order(
            actor=actor,
            order=order,
            data={
                "notes": f"{order.notes}\n"
                + _("Not yet on the order, for want of an HS code: %(names)s.") % {"names": ", ".join(unclassified)}
            },
        )
    if LeadState.NEGOTIATING in lead_services.next_states(lead):
        lead_services.follow_up(actor, lead, LeadState.NEGOTIATING, lead.notes)
    return order


def _inquiry_currency(prices: Any) -> str:
    """The currency most of the lead's products are priced in abroad; US dollars when none is."""
    counts: dict[str, int] = {}
    for facts in prices:
        counts[facts.currency] = counts.get(facts.currency, 0) + 1
    return max(sorted(counts), key=lambda code: counts[code]) if counts else "USD"
