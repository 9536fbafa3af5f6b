"""The one way lists work: a FilterSet (shared with the API) filters and sorts, pages of 25, and ?format=xlsx
exports every matching row with the same filters.

Lists are counted exactly up to ``EXACT_UP_TO`` rows, which covers every list an officer of one area works through;
a longer one (the country's reports) says "more than 10,000" and pages without a last page: each page reads one row
past its end to know whether a next one exists, so no request counts millions of rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext as _
from django.views.generic import ListView

from canting.core.forms import style_widgets
from canting.core.permissions import STAFF, RoleRequiredMixin, role_of
from canting.core.xlsx import build_workbook, xlsx_response

EXACT_UP_TO = 10_000


def bounded_count(rows: Any, limit: int) -> int:
    """How many rows there are, counting no further than ``limit`` (a database stops reading there)."""
    if not isinstance(rows, QuerySet):
        return min(len(rows), limit)
    rows = rows.order_by()
    query = rows.query
    if query.group_by is None and not query.combinator and not query.values_select and not query.distinct_fields:
        rows = rows.values("pk")  # the row's key is enough to count it; annotations are left uncomputed
    return int(rows[:limit].count())


class OpenPage(Page):  # type: ignore[type-arg]
    """A page of a list whose length is not known: whether a next page exists was read with the page."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class ListPaginator(Paginator):
    """Pages that count exactly up to ``exact_up_to`` rows, and beyond that page on without a total.

    ``count`` may be given when the caller counted already (with a sum, say). ``open_ended`` tells the templates
    that the total is unknown: they show "Page n" and "more than 10,000".

    With ``ids_first`` a page is read in two steps: the page's primary keys in the list's order, then their rows.
    For a list sorted across a join over millions of rows (reports by month and enterprise name), the first step can
    read an index alone instead of every wide row it sorts.
    """

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        exact_up_to: int | None = None,
        count: int | None = None,
        ids_first: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.exact_up_to = EXACT_UP_TO if exact_up_to is None else exact_up_to
        self.ids_first = ids_first
        if count is not None:
            self.__dict__["count"] = count

    @cached_property
    def count(self) -> int:
        return bounded_count(self.object_list, self.exact_up_to + 1)

    @property
    def open_ended(self) -> bool:
        return self.count > self.exact_up_to

    @property
    def num_pages(self) -> int:  # type: ignore[override]
        """The pages known to exist (all of them when the list was counted)."""
        if not self.open_ended:
            return int(super().num_pages)
        return math.ceil(self.count / self.per_page)

    def total_label(self) -> int | str:
        """The total as a list's heading shows it."""
        if not self.open_ended:
            return self.count
        return _("more than %(count)s") % {"count": formats.number_format(self.exact_up_to, force_grouping=True)}

    def validate_number(self, number: Any) -> int:
        if not self.open_ended:
            return int(super().validate_number(number))
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def rows(self, bottom: int, top: int) -> Any:
        """The list's rows from ``bottom`` to ``top`` (exclusive), in its order."""
        if not self.ids_first:
            return self.object_list[bottom:top]
        rows: Any = self.object_list  # a queryset: ids_first pages nothing else
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.open_ended:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return Page(self.rows(bottom, top), number, self)
        rows = list(self.rows(bottom, bottom + self.per_page + 1))
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return OpenPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class FilteredListView(RoleRequiredMixin, ListView):  # type: ignore[type-arg]
    filterset_class: ClassVar[type[django_filters.FilterSet]]
    paginate_by = 25
    paginator_class = ListPaginator
    page_ids_first: ClassVar[bool] = False  # see ListPaginator: for lists sorted across a join over millions of rows
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

    def get_paginator(self, *args: Any, **kwargs: Any) -> Any:
        return super().get_paginator(*args, ids_first=self.page_ids_first, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        paginator = context.get("paginator")
        if paginator is None:
            context["total"] = len(context["object_list"])
        else:
            label = getattr(paginator, "total_label", None)
            context["total"] = label() if label is not None else paginator.count
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


class ListPage(FilteredListView):
    """A list with Bootstrap filter widgets, and ``is_staff`` for the columns and buttons only staff see."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}
