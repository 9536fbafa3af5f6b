"""Exhibitions and their booths: planned and kept by the office staff of the exhibition's region."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from canting.core import audit, public_cache, services
from canting.core.models import Area, User
from canting.core.scope import code_of, require_staff, require_within
from canting.exhibitions.models import Booth, BoothAssignment, Exhibition

TRANSLATED = ("name_ind", "name_en", "description_ind", "description_en")


def check_staff(actor: User | None, message: str | None = None) -> None:
    """Exhibitions, booths and the choice of exhibitors belong to the office."""
    require_staff(actor, message or _("Only office staff plan exhibitions."))


def check_exhibition(actor: User | None, exhibition: Exhibition) -> None:
    check_staff(actor)
    services.require_visible(
        Exhibition.objects, exhibition, actor, _("This exhibition is run by another region's office.")
    )


def _check_area(actor: User | None, area: Area | None) -> None:
    require_within(actor, code_of(area), field="area", message=_("Choose a region of your own office."))


def _check_dates(data: dict[str, Any]) -> None:
    starts, ends, deadline = data.get("starts_on"), data.get("ends_on"), data.get("application_deadline")
    if starts and ends and ends < starts:
        raise ValidationError({"ends_on": _("An exhibition cannot end before it starts.")}, code="ends_before_start")
    if deadline and ends and deadline > ends:
        raise ValidationError(
            {"application_deadline": _("Applications must close before the exhibition ends.")},
            code="deadline_after_end",
        )


@transaction.atomic
def save_exhibition(*, actor: User | None, data: dict[str, Any], exhibition: Exhibition | None = None) -> Exhibition:
    """Plan an exhibition, or change it. Its name is kept in Indonesian (required) and English (optional)."""
    check_staff(actor)
    data = dict(data)
    if not (data.get("name_ind") or "").strip() and (exhibition is None or "name_ind" in data):
        raise ValidationError({"name_ind": _("Give the exhibition's name in Indonesian.")}, code="name_required")
    _check_area(actor, data.get("area"))
    transaction.on_commit(public_cache.bump_version)
    if exhibition is None:
        _check_dates(data)
        return services.create(
            Exhibition(**data, created_by=actor), actor=actor, action="exhibitions.exhibition.created"
        )
    check_exhibition(actor, exhibition)
    fresh = Exhibition.objects.select_for_update().get(pk=exhibition.pk)
    merged = {k: data.get(k, getattr(fresh, k)) for k in ("starts_on", "ends_on", "application_deadline")}
    _check_dates(merged)
    if "starts_on" in data or "ends_on" in data:
        outside = BoothAssignment.objects.filter(booth__exhibition=fresh, active=True).filter(
            Q(starts_on__lt=merged["starts_on"]) | Q(ends_on__gt=merged["ends_on"])
        )
        if outside.exists():
            raise ValidationError(
                _("Some booths are given for days outside the new dates; move those assignments first."),
                code="assignments_outside",
            )
    return services.update(fresh, data, actor=actor, action="exhibitions.exhibition.changed")


@transaction.atomic
def save_booth(
    *, actor: User | None, exhibition: Exhibition, data: dict[str, Any], booth: Booth | None = None
) -> Booth:
    """Add a booth to an exhibition, or change its code, size, position or price."""
    check_exhibition(actor, exhibition)
    if booth is None:
        return services.create(Booth(exhibition=exhibition, **data), actor=actor, action="exhibitions.booth.created")
    if booth.exhibition_id != exhibition.pk:
        raise ValidationError(_("This booth belongs to another exhibition."), code="other_exhibition")
    fresh = Booth.objects.select_for_update().get(pk=booth.pk)
    return services.update(fresh, data, actor=actor, action="exhibitions.booth.changed")


@transaction.atomic
def remove_booth(*, actor: User | None, booth: Booth) -> None:
    """Take a booth off the plan; one that was ever given to an exhibitor stays (its history would be lost)."""
    check_exhibition(actor, booth.exhibition)
    fresh = Booth.objects.select_for_update().get(pk=booth.pk)
    if fresh.assignments.exists():
        raise ValidationError(
            _("Booth %(code)s has been given to an exhibitor and cannot be removed.") % {"code": fresh.code},
            code="booth_assigned",
        )
    audit.record(
        actor=actor,
        action="exhibitions.booth.removed",
        instance=fresh.exhibition,
        changes={"booth": [fresh.code, None]},
    )
    fresh.delete()
