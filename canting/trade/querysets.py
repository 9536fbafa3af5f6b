"""Who may see what at the export desk.

- buyers, orders, export profiles and their lines and packages: staff see those of enterprises in their area (every
  area when they have none); an artisan those of their own enterprise only; assessors and visitors none;
- products' export facts follow their product's enterprise in the same way;
- reference data (HS table, Incoterms, origin rules, market notes, rates): every signed-in user reads it, staff
  change it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.functions import Coalesce

from canting.registry.querysets import EnterpriseOwnedQuerySet

if TYPE_CHECKING:
    from canting.core.models import User

MONEY = models.DecimalField(max_digits=24, decimal_places=4)
RUPIAH = models.DecimalField(max_digits=30, decimal_places=6)


class ExportOrderQuerySet(EnterpriseOwnedQuerySet):
    def sold(self) -> ExportOrderQuerySet:
        """Orders that left the country: shipped or paid."""
        return self.filter(status__in=("shipped", "paid"), shipped_on__isnull=False)

    def with_totals(self) -> ExportOrderQuerySet:
        """Each order with ``goods`` (its lines' quantity x unit price), ``total`` (goods + freight + insurance, the
        invoice total in the order's currency) and ``value_idr`` (that total in rupiah at the order's own rate).

        The lines are summed in a subquery per order, so the annotation stays right whatever else is joined."""
        from canting.trade.models import OrderLine

        amount = models.ExpressionWrapper(models.F("quantity") * models.F("unit_price"), output_field=MONEY)
        lines = (
            OrderLine.objects.filter(order=models.OuterRef("pk"))
            .order_by()
            .values("order")
            .annotate(sum=models.Sum(amount))
            .values("sum")
        )
        goods = Coalesce(models.Subquery(lines, output_field=MONEY), models.Value(Decimal(0)), output_field=MONEY)
        total = models.F("goods") + models.F("freight") + models.F("insurance")
        return self.annotate(goods=goods).annotate(
            total=models.ExpressionWrapper(total, output_field=MONEY),
            value_idr=models.ExpressionWrapper(
                models.F("total") * models.F("exchange_rate"),
                output_field=models.DecimalField(max_digits=30, decimal_places=6),
            ),
        )


class ByOrderQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "order__enterprise"


class ProductExportQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "product__enterprise"


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
