"""Graduation: staff approve that an enterprise has moved up, then its turnover is monitored for some months."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core import services as core
from canting.core.dates import add_months
from canting.core.models import User
from canting.registry.models import Enterprise
from canting.turnover.models import Criterion, Graduation, GraduationStatus, SchemeBasis, TurnoverReport
from canting.turnover.readiness import GRADUATION_NOTE_BELOW, evaluate_one, growth_percent
from canting.turnover.services import readiness
from canting.turnover.services.classes import current_classes


def approve(
    enterprise: Enterprise,
    *,
    actor: User,
    months: int,
    note: str = "",
    on: datetime.date | None = None,
) -> Graduation:
    """Record that ``enterprise`` has graduated, with its readiness results as they stand, and start monitoring.

    Allowed at any score, but under GRADUATION_NOTE_BELOW the officer must say why in the note. Refused while the
    enterprise is still monitored after an earlier graduation.
    """
    on = on or timezone.localdate()
    note = (note or "").strip()
    core.require_visible(Enterprise.objects, enterprise, actor, _("This enterprise is outside your working area."))
    with transaction.atomic():
        Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
        if Graduation.objects.filter(enterprise=enterprise, status=GraduationStatus.MONITORING).exists():
            raise ValidationError(
                _("This enterprise is already being monitored after a graduation."), code="already_monitored"
            )
        assessment = evaluate_one(enterprise, on=on)
        if assessment.score < GRADUATION_NOTE_BELOW and not note:
            raise ValidationError(
                {
                    "note": _("The readiness score is %(score)d, under %(limit)d: say in the note why it graduates.")
                    % {"score": assessment.score, "limit": GRADUATION_NOTE_BELOW}
                },
                code="note_required",
            )
        classes = current_classes([enterprise.pk]).get(enterprise.pk, {})
        graduation = Graduation(
            enterprise=enterprise,
            status=GraduationStatus.MONITORING,
            score=assessment.score,
            criteria=assessment.snapshot(),
            business_class=classes.get(SchemeBasis.SALES, classes.get(SchemeBasis.INDUSTRY, "")),
            approved_on=on,
            approved_by=actor,
            monitoring_months=months,
            monitoring_until=add_months(on, months),
            note=note,
        )
        graduation.full_clean()
        graduation.save()
        # The criteria snapshot stays on the graduation itself; the trail records the decision.
        fields = [name for name in core.editable_fields(graduation) if name != "criteria"]
        audit.record(
            actor=actor,
            action="turnover.graduation.approved",
            instance=graduation,
            changes=audit.diff({}, audit.snapshot(graduation, fields)),
            note=note,
        )
        return graduation


def complete_due_graduations(on: datetime.date | None = None) -> int:
    """Mark monitoring completed where ``monitoring_until`` has passed (the daily task); returns how many."""
    on = on or timezone.localdate()
    done = 0
    with transaction.atomic():
        due = Graduation.objects.select_for_update().filter(status=GraduationStatus.MONITORING, monitoring_until__lt=on)
        for graduation in due.order_by("pk"):
            core.update(
                graduation,
                {"status": GraduationStatus.COMPLETED},
                actor=None,
                action="turnover.graduation.completed",
            )
            done += 1
    return done


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    sales: Decimal | None
    year_before: Decimal | None

    @property
    def growth(self) -> Decimal | None:
        return growth_percent(self.sales, self.year_before) if self.sales is not None else None


def monitoring_rows(graduation: Graduation, on: datetime.date | None = None) -> list[MonthRow]:
    """Accepted sales of each month since the approval (up to the end of monitoring or today), next to the same
    month a year before: one aggregate query."""
    on = on or timezone.localdate()
    first = graduation.approved_on.replace(day=1)
    last = min(graduation.monitoring_until, on).replace(day=1)
    if last < first:
        return []
    rows = (
        TurnoverReport.objects.accepted()
        .filter(enterprise_id=graduation.enterprise_id, month__gte=add_months(first, -12), month__lte=last)
        .order_by()
        .values("month")
        .annotate(sales=Sum(F("domestic_sales") + F("export_sales")))
        .values_list("month", "sales")
    )
    sales: dict[datetime.date, Any] = dict(rows)
    months = []
    month = first
    while month <= last:
        months.append(MonthRow(month, sales.get(month), sales.get(add_months(month, -12))))
        month = add_months(month, 1)
    return months


CRITERION_FIELDS = ("name_ind", "name_en", "weight", "target", "active", "position")


def save_criterion(criterion: Criterion, data: dict[str, Any], *, actor: User | None) -> Criterion:
    """Change a readiness criterion's weight, target, names, order or whether it counts; audited."""
    changes = {name: data[name] for name in CRITERION_FIELDS if name in data}
    with transaction.atomic():
        saved = core.update(criterion, changes, actor=actor, action="turnover.criterion.changed")
        readiness.inputs_changed()  # every stored score weighs this criterion
        return saved
