"""Daily sales at an exhibitor's booth, and the visitors staff count each day.

A sale belongs to a selected exhibitor, falls on one of the exhibition's days, names a product of the exhibitor's
own catalogue (or describes what was sold), and has a positive amount. Every write is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.core import audit
from canting.core.models import User
from canting.core.scope import require_staff
from canting.core.services import create, require_visible, update
from canting.exhibitions.models import Exhibition, Exhibitor, ExhibitorStatus, PaymentMethod, Sale, VisitorCount

SALE_FIELDS = ("day", "product", "description", "quantity", "amount", "payment")


def exhibition_days(exhibition: Exhibition) -> Iterator[datetime.date]:
    day = exhibition.starts_on
    while day <= exhibition.ends_on:
        yield day
        day += datetime.timedelta(days=1)


def default_day(exhibition: Exhibition, today: datetime.date | None = None) -> datetime.date:
    """Today while the exhibition runs, else its last day (the day most sales are entered after the fact)."""
    today = today or timezone.localdate()
    return today if exhibition.starts_on <= today <= exhibition.ends_on else exhibition.ends_on


def sale_products(exhibitor: Exhibitor) -> QuerySet[Product]:
    """The products an exhibitor can sell: its enterprise's catalogue, published first, archived ones left out."""
    return (
        Product.objects.filter(enterprise_id=exhibitor.enterprise_id)
        .exclude(status="archived")
        .order_by("-status", "name", "id")  # "published" sorts after "draft": descending puts it first
    )


def _check_exhibitor(exhibitor: Exhibitor) -> None:
    if exhibitor.status != ExhibitorStatus.SELECTED:
        raise ValidationError(_("Only a selected exhibitor records sales."), code="not_selected")


def _check_day(exhibition: Exhibition, day: datetime.date) -> None:
    if not exhibition.starts_on <= day <= exhibition.ends_on:
        raise ValidationError(
            {
                "day": ValidationError(
                    _("The exhibition runs from %(first)s to %(last)s; choose one of its days.")
                    % {
                        "first": exhibition.starts_on.strftime("%d-%m-%Y"),
                        "last": exhibition.ends_on.strftime("%d-%m-%Y"),
                    },
                    code="outside_exhibition",
                )
            }
        )


def _check_what(exhibitor: Exhibitor, product: Product | None, description: str) -> None:
    if product is None and not description.strip():
        raise ValidationError(_("Choose a product or describe what was sold."), code="says_nothing")
    if product is not None and product.enterprise_id != exhibitor.enterprise_id:
        raise ValidationError(
            {"product": ValidationError(_("This product is not in your catalogue."), code="not_own_product")}
        )


def _check_amount(amount: Decimal | None, quantity: int | None) -> None:
    if quantity is None or quantity < 1:
        raise ValidationError({"quantity": ValidationError(_("Sell at least one piece."), code="no_quantity")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": ValidationError(_("The amount must be more than zero."), code="no_amount")})


def _amount_or_price(data: Mapping[str, Any]) -> Decimal | None:
    """The amount typed, or the product's price times the quantity when none was typed."""
    amount = data.get("amount")
    product = data.get("product")
    if amount is None and product is not None:
        return Decimal(product.price) * int(data.get("quantity") or 1)
    return amount  # type: ignore[no-any-return]


@transaction.atomic
def record_sale(actor: User | None, exhibitor: Exhibitor, data: Mapping[str, Any]) -> Sale:
    """Record one sale at the exhibitor's booth."""
    require_visible(Exhibitor.objects, exhibitor, actor, _("You cannot record sales for this exhibitor."))
    exhibition = exhibitor.exhibition
    _check_exhibitor(exhibitor)
    _check_day(exhibition, data["day"])
    product = data.get("product")
    description = (data.get("description") or "").strip()
    _check_what(exhibitor, product, description)
    quantity = data.get("quantity") or 1
    amount = _amount_or_price({**data, "quantity": quantity})
    _check_amount(amount, quantity)
    assert amount is not None  # checked above
    sale = Sale(
        exhibitor=exhibitor,
        day=data["day"],
        product=product,
        description=description,
        quantity=quantity,
        amount=amount,
        payment=data.get("payment") or PaymentMethod.CASH,
        recorded_by=actor,
    )
    return create(sale, actor=actor, action="exhibitions.sale.recorded")


@transaction.atomic
def change_sale(actor: User | None, sale: Sale, data: Mapping[str, Any]) -> Sale:
    """Correct a sale: the same rules as recording it."""
    require_visible(Sale.objects, sale, actor, _("You cannot change this sale."))
    exhibitor = sale.exhibitor
    _check_exhibitor(exhibitor)
    _check_day(exhibitor.exhibition, data["day"])
    description = (data.get("description") or "").strip()
    _check_what(exhibitor, data.get("product"), description)
    amount = _amount_or_price(data)
    _check_amount(amount, data.get("quantity"))
    changes = {name: data[name] for name in SALE_FIELDS if name in data}
    changes.update(description=description, amount=amount)
    return update(sale, changes, actor=actor, action="exhibitions.sale.changed")


@transaction.atomic
def delete_sale(actor: User | None, sale: Sale) -> None:
    """Take back a sale entered by mistake; the trail keeps what it was."""
    require_visible(Sale.objects, sale, actor, _("You cannot delete this sale."))
    audit.record(
        actor=actor,
        action="exhibitions.sale.deleted",
        instance=sale,
        changes={name: [value, None] for name, value in audit.snapshot(sale, SALE_FIELDS).items()},
    )
    sale.delete()


def totals_by_payment(sales: QuerySet[Sale]) -> dict[str, Any]:
    """Pieces, amount and count per payment method (every method listed, zero when unused), and the grand total."""
    rows: dict[str, Any] = {
        row["payment"]: row
        for row in sales.order_by()
        .values("payment")
        .annotate(amount=Sum("amount"), pieces=Sum("quantity"), sales=Count("id"))
    }
    methods = [
        {
            "method": value,
            "label": label,
            "amount": rows.get(value, {}).get("amount") or Decimal(0),
            "sales": rows.get(value, {}).get("sales") or 0,
        }
        for value, label in PaymentMethod.choices
    ]
    return {
        "methods": methods,
        "amount": sum((m["amount"] for m in methods), Decimal(0)),
        "sales": sum(m["sales"] for m in methods),
        "pieces": sum((row["pieces"] or 0) for row in rows.values()),
    }


@transaction.atomic
def record_visitors(actor: User | None, exhibition: Exhibition, counts: Mapping[datetime.date, int | None]) -> int:
    """Set the visitor count of some of the exhibition's days (None clears a day); returns how many changed."""
    require_visible(Exhibition.objects, exhibition, actor, _("You cannot record visitors for this exhibition."))
    require_staff(actor, _("Only staff record visitor counts."))
    existing = {row.day: row for row in VisitorCount.objects.select_for_update().filter(exhibition=exhibition)}
    changed = 0
    for day, visitors in counts.items():
        _check_day(exhibition, day)
        row = existing.get(day)
        if visitors is None:
            if row is not None:
                audit.record(
                    actor=actor,
                    action="exhibitions.visitors.cleared",
                    instance=row,
                    changes={"visitors": [row.visitors, None]},
                )
                row.delete()
                changed += 1
        elif row is None:
            create(
                VisitorCount(exhibition=exhibition, day=day, visitors=visitors, recorded_by=actor),
                actor=actor,
                action="exhibitions.visitors.recorded",
            )
            changed += 1
        elif row.visitors != visitors:
            update(
                row, {"visitors": visitors, "recorded_by": actor}, actor=actor, action="exhibitions.visitors.changed"
            )
            changed += 1
    return changed
