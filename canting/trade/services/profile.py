"""The export profile of an enterprise: what it needs to export in its own name beyond the registry (customs
access on its NIB, its REX number, who signs, its bank details, its usual port). One per enterprise, created the
first time it is saved. An artisan keeps their own enterprise's; staff those of the enterprises in their area."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.core import services
from canting.core.models import Role, User
from canting.registry.models import Enterprise
from canting.trade.models import ExportProfile

PROFILE_FIELDS = (
    "customs_access",
    "customs_access_on",
    "rex_number",
    "rex_registered_on",
    "signatory",
    "signatory_title",
    "bank_details",
    "port_of_loading",
)


def check_profile_editor(actor: User | None, enterprise: Enterprise) -> None:
    """Staff of the enterprise's area and the enterprise's own artisans keep its export profile."""
    if actor is not None and (not actor.is_authenticated or actor.role not in (Role.STAFF, Role.ARTISAN)):
        raise ValidationError(_("Only office staff and the enterprise itself keep its export profile."), code="role")
    services.require_visible(
        Enterprise.objects, enterprise, actor, _("This enterprise's export profile is kept by someone else.")
    )


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Only the profile's own fields; a REX number in capitals without spaces; dates that go with their facts."""
    values = {name: data[name] for name in PROFILE_FIELDS if name in data}
    if "rex_number" in values:
        values["rex_number"] = "".join((values["rex_number"] or "").split()).upper()
    if values.get("customs_access") is False:
        values.setdefault("customs_access_on", None)
    errors: dict[str, str] = {}
    if values.get("customs_access_on") and values.get("customs_access") is False:
        errors["customs_access_on"] = _("Give the date only when the NIB has customs access.")
    if values.get("rex_registered_on") and not values.get("rex_number"):
        errors["rex_registered_on"] = _("Give the REX registration date together with the REX number.")
    if errors:
        raise ValidationError(errors, code="inconsistent")
    return values


@transaction.atomic
def save_profile(*, actor: User | None, enterprise: Enterprise, data: dict[str, Any]) -> ExportProfile:
    """Create the enterprise's export profile with ``data``, or change it; audited either way."""
    check_profile_editor(actor, enterprise)
    values = _clean(data)
    existing = ExportProfile.objects.select_for_update().filter(enterprise=enterprise).first()
    if existing is None:
        return services.create(
            ExportProfile(enterprise=enterprise, updated_by=actor, **values),
            actor=actor,
            action="trade.profile.created",
        )
    return services.update(existing, {**values, "updated_by": actor}, actor=actor, action="trade.profile.changed")
