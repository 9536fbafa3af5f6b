"""The one way lists work: a FilterSet (shared with the API) filters and sorts, pages of 25, and ?format=xlsx
exports every matching row with the same filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.views.generic import ListView

from canting.core.permissions import RoleRequiredMixin
from canting.core.xlsx import build_workbook, xlsx_response


class FilteredListView(RoleRequiredMixin, ListView):  # type: ignore[type-arg]
    filterset_class: ClassVar[type[django_filters.FilterSet]]
    paginate_by = 25
    export_name: ClassVar[str] = "export"
    export_columns: ClassVar[Sequence[str | Promise]] = ()  # the export's column titles, lazily translated

    def base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["total"] = context["paginator"].count if context.get("paginator") else len(context["object_list"])
        return context

    def export_header(self) -> Sequence[str]:
        if not self.export_columns:
            raise NotImplementedError
        return [str(title) for title in self.export_columns]

    def export_row(self, obj: Any) -> Sequence[Any]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("format") == "xlsx":
            rows = (self.export_row(obj) for obj in self.get_queryset().iterator(chunk_size=500))
            content = build_workbook([(str(self.export_name), self.export_header(), rows)])
            stamp = timezone.localdate().isoformat()
            return xlsx_response(f"{self.export_name}-{stamp}.xlsx", content)
        return super().get(request, *args, **kwargs)  # type: ignore[no-any-return]
