"""What staff see beside each applicant when they choose exhibitors, computed in the database for the whole list.

- ``holds_batikmark``: the enterprise holds a valid Batikmark certificate (any technique) today;
- ``filed_months``: of the last twelve complete months, how many it reported turnover for (submitted or accepted);
  it "reports regularly" with as many as the readiness criterion for regular reporting asks (data, staff edit it);
- ``exhibited_elsewhere``: it was selected for another exhibition starting in the same year as this one;
- ``published_products``: pieces it shows in its published catalogue.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from canting.catalogue.models import Product
from canting.certification.models import BATIKMARK_SCHEMES, Certification
from canting.exhibitions.models import Exhibition, Exhibitor, ExhibitorStatus
from canting.turnover.models import FILED, Criterion, CriterionKind, TurnoverReport
from canting.turnover.readiness import last_months

# Used only when the regular-reporting criterion has been removed or has no target.
DEFAULT_REGULAR_MONTHS = 10


def regular_months() -> int:
    """How many of the last twelve months an enterprise must have reported: the readiness criterion's target."""
    target = (
        Criterion.objects.filter(kind=CriterionKind.REPORTING, active=True, target__isnull=False)
        .values_list("target", flat=True)
        .first()
    )
    return int(target) if target is not None else DEFAULT_REGULAR_MONTHS


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """How many rows of ``queryset`` (already tied to the enterprise by OuterRef) there are, as one subquery."""
    counted = queryset.order_by().values("enterprise_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_criteria(
    exhibitors: QuerySet[Exhibitor], exhibition: Exhibition, on: datetime.date | None = None
) -> QuerySet[Exhibitor]:
    """The exhibitors of one exhibition, each annotated with the selection criteria (one query for the list)."""
    on = on or timezone.localdate()
    first, last = last_months(on, 12)
    enterprise = OuterRef("enterprise_id")
    batikmark = Certification.objects.valid(on).filter(
        enterprise=enterprise, scheme__in=list(BATIKMARK_SCHEMES.values())
    )
    filed = TurnoverReport.objects.filter(enterprise=enterprise, state__in=FILED, month__gte=first, month__lte=last)
    elsewhere = Exhibitor.objects.filter(
        enterprise=enterprise, status=ExhibitorStatus.SELECTED, exhibition__starts_on__year=exhibition.starts_on.year
    ).exclude(exhibition=exhibition)
    published = Product.objects.filter(enterprise=enterprise, status="published")
    return exhibitors.annotate(
        holds_batikmark=Exists(batikmark),
        filed_months=_count(filed),
        exhibited_elsewhere=Exists(elsewhere),
        published_products=_count(published),
    )
