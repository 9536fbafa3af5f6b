"""Production batches: recorded by the artisan for their own products, or by staff for the enterprises of their area."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.certification.models import Batch
from canting.core import services
from canting.core.models import Role, User


def check_may_keep(actor: User, product: Product) -> None:
    """An artisan records batches of their own enterprise's products; staff those of the enterprises they serve."""
    if actor.role == Role.ARTISAN:
        if actor.enterprise_id is None or actor.enterprise_id != product.enterprise_id:
            raise ValidationError({"product": _("You can record batches only of your own products.")}, code="not_own")
    elif actor.role == Role.STAFF:
        if not Product.objects.for_user(actor).filter(pk=product.pk).exists():
            raise ValidationError({"product": _("This product is outside your working area.")}, code="outside_area")
    else:
        raise ValidationError(_("Only the enterprise or office staff record production batches."), code="not_allowed")


def _normalise(batch: Batch) -> None:
    if isinstance(batch.dye_classes, list):
        batch.dye_classes = sorted({str(c) for c in batch.dye_classes})
    batch.naphthol_salt = (batch.naphthol_salt or "").strip()


@transaction.atomic
def create_batch(*, actor: User, product: Product, data: dict[str, Any]) -> Batch:
    """Record a production run of ``product``; the batch belongs to the product's enterprise."""
    check_may_keep(actor, product)
    batch = Batch(product=product, enterprise_id=product.enterprise_id, **data)
    _normalise(batch)
    return services.create(batch, actor=actor, action="certification.batch.created")


@transaction.atomic
def update_batch(batch: Batch, *, actor: User, changes: dict[str, Any]) -> Batch:
    """Correct a batch's facts. Its product stays: reports and labels already point at that cloth."""
    fresh = Batch.objects.select_for_update().select_related("product").get(pk=batch.pk)
    check_may_keep(actor, fresh.product)
    if "enterprise" in changes or ("product" in changes and changes["product"] != fresh.product):
        raise ValidationError(
            {"product": _("A batch stays with the product it was made for; record a new batch instead.")},
            code="product_fixed",
        )
    changes = {k: v for k, v in changes.items() if k != "product"}
    return services.update(fresh, changes, actor=actor, action="certification.batch.changed", prepare=_normalise)
