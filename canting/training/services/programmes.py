"""Programmes, their sessions, and the competency units and schemes they teach and assess: kept by office staff."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.core import audit, services
from canting.core.models import Role, User
from canting.core.scope import code_of, require_staff, require_within
from canting.training.models import SEATED, CompetencyScheme, CompetencyUnit, Programme, TrainingSession


def check_staff(actor: User | None) -> None:
    """Programmes, sessions, units and schemes are kept by the office."""
    require_staff(actor, _("Only office staff keep training programmes and sessions."))


def _set_many(instance: Any, name: str, chosen: Iterable[Any] | None, actor: User, action: str) -> None:
    """Replace a many-to-many choice and audit the change (ids before and after) when there is one."""
    if chosen is None:
        return
    manager = getattr(instance, name)
    before = sorted(manager.values_list("pk", flat=True))
    after_objects = list(chosen)
    after = sorted(obj.pk for obj in after_objects)
    if before == after:
        return
    manager.set(after_objects)
    audit.record(actor=actor, action=action, instance=instance, changes={name: [before, after]})


@transaction.atomic
def save_programme(*, actor: User, data: dict[str, Any], programme: Programme | None = None) -> Programme:
    """Record a programme, or correct one. Staff of an area keep only their area's programmes."""
    check_staff(actor)
    if programme is None:
        created = Programme(**data)
        if "area" not in data and "area_id" not in data:
            created.area_id = actor.area_id
        require_within(actor, created.area_id, field="area", required=True)
        return services.create(created, actor=actor, action="training.programme.created")
    services.require_visible(Programme.objects, programme, actor, _("This programme belongs to another area's office."))
    if "area" in data or "area_id" in data:
        require_within(actor, code_of(data.get("area", data.get("area_id"))), field="area", required=True)
    fresh = Programme.objects.select_for_update().get(pk=programme.pk)
    return services.update(fresh, data, actor=actor, action="training.programme.changed")


@transaction.atomic
def save_session(
    *,
    actor: User,
    programme: Programme,
    data: dict[str, Any],
    units: Iterable[CompetencyUnit] | None = None,
    trainers: Iterable[User] | None = None,
    session: TrainingSession | None = None,
) -> TrainingSession:
    """Plan a session of a programme, or change one: dates, place, seats, trainers and the units it covers.

    Seats cannot drop below the participants already seated.
    """
    check_staff(actor)
    services.require_visible(Programme.objects, programme, actor, _("This programme belongs to another area's office."))
    trainer_list = list(trainers) if trainers is not None else None
    if trainer_list and any(t.role != Role.ASSESSOR for t in trainer_list):
        raise ValidationError({"trainers": _("Only assessors can be chosen as trainers.")}, code="not_assessor")
    if session is None:
        saved = services.create(
            TrainingSession(programme=programme, **data), actor=actor, action="training.session.created"
        )
    else:
        fresh = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if fresh.programme_id != programme.pk:
            raise ValidationError(_("This session belongs to another programme."), code="other_programme")
        quota = data.get("quota")
        if quota is not None:
            seated = fresh.enrolments.filter(status__in=SEATED).count()
            if quota < seated:
                raise ValidationError(
                    {
                        "quota": _("%(count)d participants already hold a seat: the seats cannot be fewer.")
                        % {"count": seated}
                    },
                    code="quota_below_seated",
                )
        saved = services.update(fresh, data, actor=actor, action="training.session.changed")
    _set_many(saved, "units", units, actor, "training.session.changed")
    _set_many(saved, "trainers", trainer_list, actor, "training.session.changed")
    return saved


@transaction.atomic
def save_unit(*, actor: User, data: dict[str, Any], unit: CompetencyUnit | None = None) -> CompetencyUnit:
    """Record an SKKNI unit, or correct its title or standard; a unit no longer used is set out of use."""
    check_staff(actor)
    if unit is None:
        return services.create(CompetencyUnit(**data), actor=actor, action="training.unit.created")
    fresh = CompetencyUnit.objects.select_for_update().get(pk=unit.pk)
    return services.update(fresh, data, actor=actor, action="training.unit.changed")


@transaction.atomic
def save_scheme(
    *, actor: User, data: dict[str, Any], units: Iterable[CompetencyUnit], scheme: CompetencyScheme | None = None
) -> CompetencyScheme:
    """Record a certification scheme with its units, or change one. A scheme has at least one unit."""
    check_staff(actor)
    chosen = list(units)
    if not chosen:
        raise ValidationError({"units": _("Choose at least one unit.")}, code="no_units")
    if scheme is None:
        saved = services.create(CompetencyScheme(**data), actor=actor, action="training.scheme.created")
    else:
        fresh = CompetencyScheme.objects.select_for_update().get(pk=scheme.pk)
        saved = services.update(fresh, data, actor=actor, action="training.scheme.changed")
    _set_many(saved, "units", chosen, actor, "training.scheme.changed")
    return saved
