"""Who may see what in turnover: the house's ``for_user`` on every model.

- staff see the reports, classes and graduations of enterprises in their area (every area when they have none);
- an artisan sees their own enterprise's only;
- assessors and visitors see none. The public figures page reads only aggregates, never these rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from canting.core.scope import staff_places
from canting.registry.querysets import EnterpriseOwnedQuerySet

if TYPE_CHECKING:
    from canting.core.models import User


class TurnoverReportQuerySet(EnterpriseOwnedQuerySet):
    def accepted(self) -> TurnoverReportQuerySet:
        return self.filter(state="accepted")


class ReminderQuerySet(EnterpriseOwnedQuerySet):
    pass


class ClassRecordQuerySet(EnterpriseOwnedQuerySet):
    def current(self) -> ClassRecordQuerySet:
        return self.filter(current=True)


class GraduationQuerySet(EnterpriseOwnedQuerySet):
    pass


class MonthlyTotalQuerySet(models.QuerySet):
    """Totals hold no enterprise's figures alone, but staff are still kept to their area's villages and centre."""

    def for_user(self, user: User | Any) -> MonthlyTotalQuerySet:
        places = staff_places(user, village="village__code", centre="centre_id")
        return self.filter(places) if places is not None else self.none()

    def in_area(self, prefix: str | None) -> MonthlyTotalQuerySet:
        return self.filter(village__code__startswith=prefix) if prefix else self
