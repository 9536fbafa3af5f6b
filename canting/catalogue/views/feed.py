"""The marketplace feed download: published products as a bulk-upload sheet, in xlsx or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from canting.catalogue.feed import feed_rows, header
from canting.catalogue.filtersets import ProductFilterSet
from canting.catalogue.models import Product
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.core.site import site_url
from canting.core.xlsx import build_workbook, xlsx_response


def xlsx_file(filename: str, columns: Sequence[str], rows: list[list[Any]]) -> HttpResponse:
    """One sheet, bold frozen header (``canting.core.xlsx``)."""
    return xlsx_response(f"{filename}.xlsx", build_workbook([(_("Products"), columns, rows)]))


def csv_file(filename: str, columns: Sequence[str], rows: list[list[Any]]) -> HttpResponse:
    """UTF-8 with a byte-order mark, so Excel shows Indonesian and English text right when the file is opened."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


WRITERS: dict[str, Callable[[str, Sequence[str], list[list[Any]]], HttpResponse]] = {
    "xlsx": xlsx_file,
    "csv": csv_file,
}


class FeedView(RoleRequiredMixin, View):
    """Published products ready to upload to a marketplace in bulk.

    Staff download every published product of their area's enterprises (``?enterprise=<id>`` for one of them, and
    the other filters of the product list); an artisan downloads their own enterprise's. Drafts and archived pieces
    never go into the feed.
    """

    allowed_roles = frozenset({STAFF, ARTISAN})

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        write = WRITERS.get(fmt)
        if write is None:
            raise Http404
        products = Product.objects.for_user(current_user(request)).public()
        filterset = ProductFilterSet(request.GET, queryset=products)
        if not filterset.is_valid():
            return HttpResponseBadRequest(filterset.errors.as_text(), content_type="text/plain; charset=utf-8")
        rows = feed_rows(filterset.qs, site_url)
        return write(f"marketplace-{timezone.localdate():%Y-%m-%d}", header(), rows)
