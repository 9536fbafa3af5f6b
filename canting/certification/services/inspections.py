"""Authenticity inspections: staff check a piece against the signs of batik, hold a suspect piece back from the
public showcase, and settle the suspicion later (cleared, reclassified as tiruan, or withdrawn from sale)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.catalogue.models import Product, ProductStatus
from canting.certification.models import SIGNS, Answer, Inspection, Outcome, Resolution, outcome_of
from canting.certification.services.standards import check_staff
from canting.core import audit, public_cache, services
from canting.core.models import User
from canting.registry.models import Technique

SIGN_CODES = {sign.code for sign in SIGNS}


def _check_answers(answers: Any) -> dict[str, str]:
    if not isinstance(answers, dict) or not answers:
        raise ValidationError({"answers": _("Answer the checklist.")}, code="answers_required")
    unknown = sorted(set(answers) - SIGN_CODES)
    if unknown:
        raise ValidationError({"answers": _("Unknown signs: %(codes)s.") % {"codes": ", ".join(unknown)}}, code="sign")
    if any(value not in Answer.values for value in answers.values()):
        raise ValidationError({"answers": _("Answer each sign with yes, no or cannot tell.")}, code="answer")
    return {code: str(answers[code]) for code in sorted(answers)}


def _set_hold(product: Product, hold: bool, *, actor: User, note: str) -> None:
    """Hold a piece back from the showcase, or let it return; a visitor sees the change at once."""
    if product.quality_hold == hold:
        return
    audit.record(
        actor=actor,
        action="catalogue.product.quality_hold" if hold else "catalogue.product.quality_hold_lifted",
        instance=product,
        changes={"quality_hold": [product.quality_hold, hold]},
        note=note,
    )
    product.quality_hold = hold
    product.save(update_fields=["quality_hold", "updated_at"])
    transaction.on_commit(public_cache.bump_version)


@transaction.atomic
def inspect(*, actor: User, product: Product, data: dict[str, Any]) -> Inspection:
    """Record an inspection of ``product``: the checklist decides the outcome (``outcome_of``), and a suspected
    imitation is held back from the public showcase until the suspicion is resolved."""
    check_staff(actor)
    fresh = Product.objects.select_for_update().get(pk=product.pk)
    if not Product.objects.for_user(actor).filter(pk=fresh.pk).exists():
        raise ValidationError(_("This product is outside your working area."), code="outside_area")
    if fresh.technique == Technique.TIRUAN:
        raise ValidationError(
            _("This product is already declared tiruan (not batik): there is no batik claim to inspect."),
            code="tiruan",
        )
    data = dict(data)
    answers = _check_answers(data.pop("answers", None))
    batch = data.get("batch")
    if batch is not None and batch.product_id != fresh.pk:
        raise ValidationError({"batch": _("This batch is of another product.")}, code="batch")
    inspection = Inspection(
        product=fresh,
        inspector=actor,
        declared_technique=fresh.technique,
        answers=answers,
        outcome=outcome_of(fresh.technique, answers),
        **data,
    )
    inspection = services.create(inspection, actor=actor, action="certification.inspection.recorded")
    if inspection.outcome == Outcome.SUSPECTED:
        _set_hold(fresh, True, actor=actor, note=_("Suspected imitation at inspection %(pk)s.") % {"pk": inspection.pk})
    return inspection


@transaction.atomic
def resolve(inspection: Inspection, *, actor: User, resolution: str, note: str) -> Inspection:
    """Settle an open suspicion, with a written note.

    - cleared: the piece is the batik it was declared to be;
    - reclassified: it is tiruan; the product becomes tiruan and returns to draft, so the enterprise must publish
      it again, and publishing refuses a tiruan piece whose name or description still says batik;
    - withdrawn: the enterprise takes it off sale; the product is archived.
    The hold on the showcase lifts once no other suspicion on the product remains open.
    """
    check_staff(actor)
    note = (note or "").strip()
    if resolution not in Resolution.values:
        raise ValidationError({"resolution": _("Choose how the suspicion was settled.")}, code="resolution")
    if not note:
        raise ValidationError({"note": _("Write what was found and decided.")}, code="note_required")
    fresh = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not Inspection.objects.for_user(actor).filter(pk=fresh.pk).exists():
        raise ValidationError(_("This inspection is outside your working area."), code="outside_area")
    if not fresh.is_open:
        raise ValidationError(_("This inspection has no open suspicion to resolve."), code="not_open")
    product = Product.objects.select_for_update().get(pk=fresh.product_id)
    fresh = services.update(
        fresh,
        {
            "resolution": resolution,
            "resolution_note": note,
            "resolved_by": actor,
            "resolved_at": timezone.now(),
        },
        actor=actor,
        action="certification.inspection.resolved",
        note=note,
    )
    changes: dict[str, Any] = {}
    if resolution == Resolution.RECLASSIFIED:
        changes = {"technique": Technique.TIRUAN.value, "status": ProductStatus.DRAFT.value, "featured": False}
    elif resolution == Resolution.WITHDRAWN:
        changes = {"status": ProductStatus.ARCHIVED.value, "featured": False}
    changed = {
        name: [getattr(product, name), value] for name, value in changes.items() if getattr(product, name) != value
    }
    if changed:
        # Not through the catalogue's own checks: a piece found to be tiruan may still be named batik, and that is
        # exactly what its enterprise must now correct before publishing it again.
        for name, (_old, new) in changed.items():
            setattr(product, name, new)
        product.save(update_fields=[*changed, "updated_at"])
        audit.record(
            actor=actor,
            action=f"catalogue.product.{resolution}",
            instance=product,
            changes=changed,
            note=note,
        )
        transaction.on_commit(public_cache.bump_version)
    still_open = Inspection.objects.open().filter(product=product).exclude(pk=fresh.pk).exists()
    if not still_open:
        _set_hold(product, False, actor=actor, note=note)
    return fresh
