"""Facilities, their fair-use quotas and closed days: kept by the office staff of the centre's area."""

from __future__ import annotations

import datetime
import secrets
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.catalogue import images
from canting.core import audit, services
from canting.core.models import User
from canting.core.scope import require_staff
from canting.facilities.models import CalendarFeed, ClosedDay, Facility, Quota
from canting.registry.models import Centre, Enterprise

PHOTO_WIDTH = "640"  # the copy shown on the pages: sharp enough on a phone, small enough for a list


def check_staff(actor: User | None) -> None:
    """Facilities, quotas and closed days are kept by the office."""
    require_staff(actor, _("Only office staff keep the centre's facilities."))


def _check_centre(actor: User, centre: Centre) -> None:
    services.require_visible(Centre.objects, centre, actor, _("This centre belongs to another area's office."))


def _check_facility(actor: User, facility: Facility) -> None:
    services.require_visible(Facility.objects, facility, actor, _("This facility belongs to another area's office."))


def store_photo(upload: IO[bytes], size: int | None) -> str:
    """Check an uploaded photo by its content (Pillow), bound it in bytes and pixels, strip its metadata, and keep
    a WebP copy with the catalogue's pictures (served the same way); returns the stored name."""
    stored = images.store(upload, size)
    return stored.renditions.get(PHOTO_WIDTH) or stored.renditions[max(stored.renditions, key=int)]


def _check_rules(data: dict[str, Any]) -> None:
    closed = data.get("closed_weekdays")
    if closed is not None and (
        not isinstance(closed, list) or any(not isinstance(d, int) or not 0 <= d <= 6 for d in closed)
    ):
        raise ValidationError({"closed_weekdays": _("Weekdays are numbers from 0 (Monday) to 6 (Sunday).")})
    if closed is not None and len(set(closed)) == 7:
        raise ValidationError(
            {"closed_weekdays": _("A facility closed on every weekday can never be booked.")}, code="always_closed"
        )


@transaction.atomic
def save_facility(
    *,
    actor: User,
    data: dict[str, Any],
    facility: Facility | None = None,
    photo: IO[bytes] | None = None,
    photo_size: int | None = None,
) -> Facility:
    """Record a facility of a centre, or change its rules. A new photo replaces the old one."""
    check_staff(actor)
    data = dict(data)
    data.pop("photo", None)
    if "closed_weekdays" in data:
        data["closed_weekdays"] = sorted({int(d) for d in data["closed_weekdays"] or []})
    _check_rules(data)
    centre = data.get("centre")
    if centre is not None:
        _check_centre(actor, centre)
    if photo is not None:
        data["photo"] = store_photo(photo, photo_size)
    if facility is None:
        return services.create(Facility(**data), actor=actor, action="facilities.facility.created")
    _check_facility(actor, facility)
    fresh = Facility.objects.select_for_update().get(pk=facility.pk)
    return services.update(fresh, data, actor=actor, action="facilities.facility.changed")


@transaction.atomic
def save_quota(*, actor: User, facility: Facility, enterprise: Enterprise | None, hours_per_month: int) -> Quota:
    """Set the monthly hours one enterprise (or, with none, every enterprise without its own) may book."""
    check_staff(actor)
    _check_facility(actor, facility)
    existing = Quota.objects.select_for_update().filter(facility=facility, enterprise=enterprise).first()
    if existing is None:
        return services.create(
            Quota(facility=facility, enterprise=enterprise, hours_per_month=hours_per_month),
            actor=actor,
            action="facilities.quota.created",
        )
    return services.update(
        existing, {"hours_per_month": hours_per_month}, actor=actor, action="facilities.quota.changed"
    )


@transaction.atomic
def remove_quota(*, actor: User, quota: Quota) -> None:
    check_staff(actor)
    _check_facility(actor, quota.facility)
    audit.record(
        actor=actor,
        action="facilities.quota.removed",
        instance=quota.facility,
        changes={"quota": [f"{quota.enterprise_id or '*'}: {quota.hours_per_month}", None]},
    )
    quota.delete()


@transaction.atomic
def add_closed_day(
    *, actor: User, centre: Centre, day: datetime.date, reason: str, facility: Facility | None = None
) -> ClosedDay:
    """Close the whole centre (no facility) or one facility on a day: a public holiday, maintenance."""
    check_staff(actor)
    _check_centre(actor, centre)
    if facility is not None:
        _check_facility(actor, facility)
        if facility.centre_id != centre.pk:
            raise ValidationError({"facility": _("This facility belongs to another centre.")}, code="other_centre")
    if ClosedDay.objects.filter(centre=centre, facility=facility, day=day).exists():
        raise ValidationError({"day": _("This day is already closed.")}, code="already_closed")
    return services.create(
        ClosedDay(centre=centre, facility=facility, day=day, reason=reason),
        actor=actor,
        action="facilities.closed_day.created",
    )


@transaction.atomic
def remove_closed_day(*, actor: User, closed: ClosedDay) -> None:
    check_staff(actor)
    _check_centre(actor, closed.centre)
    audit.record(
        actor=actor,
        action="facilities.closed_day.removed",
        instance=closed.centre,
        changes={"closed_day": [f"{closed.day} {closed.facility_id or '*'} {closed.reason}", None]},
    )
    closed.delete()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed(*, actor: User, enterprise: Enterprise) -> CalendarFeed:
    """The secret feed address of an enterprise's bookings, made on first asking."""
    services.require_visible(Enterprise.objects, enterprise, actor, _("This is another enterprise's calendar."))
    feed = CalendarFeed.objects.select_for_update().filter(enterprise=enterprise).first()
    if feed is not None:
        return feed
    feed = CalendarFeed.objects.create(enterprise=enterprise, token=_new_token())
    audit.record(actor=actor, action="facilities.feed.created", instance=enterprise)
    return feed


@transaction.atomic
def reset_feed(*, actor: User, enterprise: Enterprise) -> CalendarFeed:
    """A new secret address: the old one stops working at once (a link that leaked is closed this way)."""
    feed = calendar_feed(actor=actor, enterprise=enterprise)
    feed.token = _new_token()
    feed.save(update_fields=["token"])
    audit.record(actor=actor, action="facilities.feed.reset", instance=enterprise)
    return feed
