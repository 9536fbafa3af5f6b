"""Buyer leads: the interested buyers an exhibitor (or staff, for the whole exhibition) met, and their follow-up.

An artisan captures leads only for their own booth; staff for any booth of their region's exhibitions, or for the
exhibition as a whole. The products of interest come from the catalogue of the booth's enterprise. Follow-up moves
forward only (new -> contacted -> negotiating -> won or lost); won and lost are final. Every write is audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.core import audit
from canting.core.models import Role, User
from canting.core.services import create, require_visible, update
from canting.exhibitions.models import Exhibition, Exhibitor, ExhibitorStatus, Lead, LeadState

LEAD_FIELDS = ("name", "company", "country", "email", "phone", "notes")
NEXT_STATES: dict[str, tuple[str, ...]] = {
    LeadState.NEW: (LeadState.CONTACTED, LeadState.NEGOTIATING, LeadState.WON, LeadState.LOST),
    LeadState.CONTACTED: (LeadState.NEGOTIATING, LeadState.WON, LeadState.LOST),
    LeadState.NEGOTIATING: (LeadState.WON, LeadState.LOST),
    LeadState.WON: (),
    LeadState.LOST: (),
}


def booths_for(actor: User, exhibition: Exhibition) -> QuerySet[Exhibitor]:
    """The selected exhibitors of an exhibition the actor may capture leads for (an artisan: their own only)."""
    return (
        Exhibitor.objects.for_user(actor)
        .filter(exhibition=exhibition, status=ExhibitorStatus.SELECTED)
        .select_related("enterprise")
        .order_by("enterprise__name", "id")
    )


def products_of_interest(exhibition: Exhibition, exhibitors: QuerySet[Exhibitor]) -> QuerySet[Product]:
    """Products a lead may name: the catalogues of the given exhibitors, archived pieces left out."""
    return (
        Product.objects.filter(enterprise__in=exhibitors.values("enterprise"))
        .exclude(status="archived")
        .select_related("enterprise")
        .order_by("enterprise__name", "name", "id")
    )


def _check_booth(actor: User | None, exhibition: Exhibition, exhibitor: Exhibitor | None) -> None:
    if exhibitor is None:
        if actor is not None and actor.role != Role.STAFF:
            raise ValidationError({"exhibitor": ValidationError(_("Choose your booth."), code="no_booth")})
        return
    require_visible(Exhibitor.objects, exhibitor, actor, _("You cannot capture leads for this booth."))
    if exhibitor.exhibition_id != exhibition.pk:
        raise ValidationError(
            {"exhibitor": ValidationError(_("This booth is at another exhibition."), code="other_exhibition")}
        )
    if exhibitor.status != ExhibitorStatus.SELECTED:
        raise ValidationError(
            {"exhibitor": ValidationError(_("Only a selected exhibitor captures leads."), code="not_selected")}
        )


def _check_products(exhibition: Exhibition, exhibitor: Exhibitor | None, products: Iterable[Product]) -> None:
    if exhibitor is not None:
        allowed = {exhibitor.enterprise_id}
    else:
        allowed = set(
            Exhibitor.objects.filter(exhibition=exhibition, status=ExhibitorStatus.SELECTED).values_list(
                "enterprise_id", flat=True
            )
        )
    if any(product.enterprise_id not in allowed for product in products):
        raise ValidationError(
            {"products": ValidationError(_("Choose products of the booth's own catalogue."), code="not_own_product")}
        )


@transaction.atomic
def capture_lead(
    actor: User | None,
    exhibition: Exhibition,
    exhibitor: Exhibitor | None,
    data: Mapping[str, Any],
    products: Iterable[Product] = (),
) -> Lead:
    """Write down an interested buyer met at the exhibition (at a booth, or by staff for the whole exhibition)."""
    require_visible(Exhibition.objects, exhibition, actor, _("You cannot capture leads for this exhibition."))
    _check_booth(actor, exhibition, exhibitor)
    products = list(products)
    _check_products(exhibition, exhibitor, products)
    lead = Lead(exhibition=exhibition, exhibitor=exhibitor, captured_by=actor, state=LeadState.NEW)
    for name in LEAD_FIELDS:
        if name in data:
            setattr(lead, name, data[name] or "")
    create(lead, actor=actor, action="exhibitions.lead.captured")
    if products:
        lead.products.set(products)
        audit.record(
            actor=actor,
            action="exhibitions.lead.products",
            instance=lead,
            changes={"products": [[], sorted(str(p.pk) for p in products)]},
        )
    return lead


def next_states(lead: Lead) -> tuple[str, ...]:
    return NEXT_STATES.get(lead.state, ())


@transaction.atomic
def follow_up(actor: User | None, lead: Lead, state: str, notes: str) -> Lead:
    """Move a lead's follow-up forward and keep its notes."""
    require_visible(Lead.objects, lead, actor, _("You cannot follow up this lead."))
    if state != lead.state and state not in next_states(lead):
        raise ValidationError(
            {
                "state": ValidationError(
                    _("A lead cannot go from “%(old)s” to “%(new)s”.")
                    % {
                        "old": lead.get_state_display(),
                        "new": LeadState(state).label if state in LeadState.values else state,
                    },
                    code="bad_transition",
                )
            }
        )
    return update(lead, {"state": state, "notes": notes}, actor=actor, action="exhibitions.lead.followed_up")
