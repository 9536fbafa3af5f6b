"""Who may see what at the export desk.

- buyers, orders, export profiles and their lines and packages: staff see those of enterprises in their area (every
  area when they have none); an artisan those of their own enterprise only; assessors and visitors none;
- products' export facts follow their product's enterprise in the same way;
- reference data (HS table, Incoterms, origin rules, market notes, rates): every signed-in user reads it, staff
  change it.
"""

from __future__ import annotations

import datetime
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


class ExportOrderQuerySet(EnterpriseOwnedQuerySet):
    def sold(self) -> ExportOrderQuerySet:
        """Orders that left the country: shipped or paid."""
        return self.filter(status__in=("shipped", "paid"), shipped_on__isnull=False)


class ByOrderQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> Any:
        return self.filter(order__enterprise__in=_visible_enterprises(user))


class ProductExportQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> Any:
        return self.filter(product__enterprise__in=_visible_enterprises(user))


class ReferenceQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> Any:
        if user is not None and user.is_authenticated and user.is_active:
            return self.all()
        return self.none()

    def holding_on(self, day: datetime.date) -> Any:
        """Rows that hold on ``day``."""
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )
