"""Who may see what in turnover: the house's ``for_user`` on every model.

- staff see the reports, classes and graduations of enterprises in their area (every area when they have none);
- an artisan sees their own enterprise's only;
- assessors and visitors see none. The public figures page reads only aggregates, never these rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from canting.core.models import User


def _visible_enterprises(user: Any) -> models.QuerySet[Any]:
    return apps.get_model("registry", "Enterprise").objects.for_user(user)


class EnterpriseOwnedQuerySet(models.QuerySet):
    """Rows that hang off one enterprise: visible exactly when the enterprise is."""

    def for_user(self, user: User | Any) -> Any:
        return self.filter(enterprise__in=_visible_enterprises(user))


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
    """Totals hold no enterprise's figures alone, but staff are still kept to their area's villages."""

    def for_user(self, user: User | Any) -> MonthlyTotalQuerySet:
        from canting.core.models import Role

        if not (user.is_authenticated and user.is_active and user.role == Role.STAFF):
            return self.none()
        return self.filter(village__code__startswith=user.area_id) if user.area_id else self.all()

    def in_area(self, prefix: str | None) -> MonthlyTotalQuerySet:
        return self.filter(village__code__startswith=prefix) if prefix else self
