"""Standards, their test parameters and the laboratories: reference data that office staff keep.

A standard's limits are data with an edition and a source, because amendments change them. Results copy the
limit they were judged by, so editing a parameter here never changes a verdict already given.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from canting.certification.models import Laboratory, Parameter, Standard
from canting.core import audit, services
from canting.core.models import User
from canting.core.scope import require_staff

PARAMETER_FIELDS = (
    "name_ind",
    "name_en",
    "unit",
    "test_method",
    "comparator",
    "limit",
    "upper_limit",
    "techniques",
    "limit_checked",
    "position",
)


def check_staff(actor: User | None) -> None:
    """Reference data and laboratory results are kept by the office."""
    require_staff(actor, _("Only office staff keep standards, laboratories and test reports."))


def _normalise(parameter: Parameter) -> None:
    """Techniques are a set: store each once, in a stable order, so an unchanged choice audits as unchanged."""
    if isinstance(parameter.techniques, list):
        parameter.techniques = sorted({str(t) for t in parameter.techniques})


@transaction.atomic
def save_standard(*, actor: User, data: dict[str, Any], standard: Standard | None = None) -> Standard:
    """Record a standard in one edition, or correct one. A new edition is a new standard, not an edit."""
    check_staff(actor)
    if standard is None:
        return services.create(Standard(**data), actor=actor, action="certification.standard.created")
    fresh = Standard.objects.select_for_update().get(pk=standard.pk)
    return services.update(fresh, data, actor=actor, action="certification.standard.changed")


@transaction.atomic
def save_parameter(
    *, actor: User, standard: Standard, data: dict[str, Any], parameter: Parameter | None = None
) -> Parameter:
    """Add a parameter to a standard, or change one. Results already judged keep the limit they were judged by."""
    check_staff(actor)
    unknown = set(data) - set(PARAMETER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown parameter fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if parameter is None:
        created = Parameter(standard=standard, **data)
        _normalise(created)
        return services.create(created, actor=actor, action="certification.parameter.created")
    fresh = Parameter.objects.select_for_update().get(pk=parameter.pk)
    if fresh.standard_id != standard.pk:
        raise ValidationError(_("This parameter belongs to another standard."), code="other_standard")
    return services.update(
        fresh,
        data,
        actor=actor,
        action="certification.parameter.changed",
        prepare=_normalise,
    )


@transaction.atomic
def delete_parameter(parameter: Parameter, *, actor: User) -> None:
    """Remove a parameter entered by mistake.

    A parameter that has judged any result stays: its results would keep their copy of the limit (the link is
    SET_NULL), but the report would lose the link the results page uses to show, re-enter or remove that value,
    and the record of which requirement judged it. A requirement that an amendment drops is retired by recording
    the new edition as its own standard and withdrawing the old one.
    """
    check_staff(actor)
    fresh = Parameter.objects.select_for_update().get(pk=parameter.pk)
    used = fresh.results.count()
    if used:
        raise ValidationError(
            _(
                "%(name)s has judged %(count)d test result(s) and cannot be deleted. Record the new edition as its "
                "own standard and withdraw this one instead."
            )
            % {"name": fresh.name, "count": used},
            code="parameter_in_use",
        )
    audit.record(
        actor=actor,
        action="certification.parameter.deleted",
        instance=fresh.standard,
        # The history names parameters in Indonesian, whatever the language of the page that deleted it.
        changes={"parameters": [f"{fresh.name_ind} ({fresh.limit_text})", None]},  # type: ignore[attr-defined]
    )
    fresh.delete()


@transaction.atomic
def save_laboratory(*, actor: User, data: dict[str, Any], laboratory: Laboratory | None = None) -> Laboratory:
    check_staff(actor)
    if laboratory is None:
        return services.create(Laboratory(**data), actor=actor, action="certification.laboratory.created")
    fresh = Laboratory.objects.select_for_update().get(pk=laboratory.pk)
    return services.update(fresh, data, actor=actor, action="certification.laboratory.changed")
