"""The turnover API: monthly reports, read in the reader's scope (staff their area, an artisan their enterprise)."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from rest_framework import viewsets

from canting.core.permissions import ARTISAN, STAFF, HasRole
from canting.turnover.api.serializers import ReportSerializer
from canting.turnover.filtersets.reports import ReportFilterSet
from canting.turnover.models import TurnoverReport


class ReportViewSet(viewsets.ReadOnlyModelViewSet[TurnoverReport]):
    """Monthly turnover reports. Staff read those of the enterprises in their area, an artisan those of their own
    enterprise. Filter by state, month (YYYY-MM), enterprise and village. Read only: filing, accepting and
    returning happen on the working pages."""

    permission_classes = [HasRole]
    allowed_roles = frozenset({STAFF, ARTISAN})
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet

    def get_queryset(self) -> QuerySet[TurnoverReport]:
        return cast(
            "QuerySet[TurnoverReport]",
            TurnoverReport.objects.for_user(self.request.user)
            .select_related("enterprise")
            .order_by("-month", "enterprise__name", "id"),
        )
