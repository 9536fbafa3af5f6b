"""Excel import of enterprises and people: the template, the upload, and the preview that is applied or discarded.

The pages only parse requests and show results; reading, checking and writing are ``canting.registry.importing``,
run in the background (``importing.background``) while the import's page shows their progress (``ImportStatusView``).
A preview of a whole province holds 60,000 rows a sheet, so its page shows them a page at a time.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from canting.core import numbers
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import XLSX_TYPE, xlsx_response
from canting.registry import importing
from canting.registry.forms import ImportUploadForm
from canting.registry.importing import background, progress
from canting.registry.models import ImportBatch, ImportStatus
from canting.registry.models.imports import WORKING

STAFF_ONLY = frozenset({STAFF})
ROWS_PER_PAGE = 200  # per sheet
ERRORS_LISTED = 1000  # in the table of errors; each sheet's rows with errors can still be paged through


class ImportUploadView(RoleRequiredMixin, FormView):  # type: ignore[type-arg]
    """Upload a filled-in template; a sound file becomes a preview, anything else is refused with the reason."""

    allowed_roles = STAFF_ONLY
    form_class = ImportUploadForm
    template_name = "registry/import_upload.html"

    def get_form(self, form_class: Any = None) -> ImportUploadForm:
        form: ImportUploadForm = super().get_form(form_class)
        form.fields["file"].widget.attrs["accept"] = f".xlsx,{XLSX_TYPE}"
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "recent": importing.batches_for(self.request.user).only(*ImportBatch.LIGHT_FIELDS)[:10],
            "max_bytes": settings.IMPORT_MAX_BYTES,
            "max_rows": settings.IMPORT_MAX_ROWS,
        }

    def form_valid(self, form: ImportUploadForm) -> HttpResponse:
        try:
            batch = background.upload_import(form.cleaned_data["file"], actor=current_user(self.request))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
            return self.form_invalid(form)
        return redirect(batch)


class ImportTemplateView(RoleRequiredMixin, View):
    """The empty workbook: sheets IKM and Orang with their column names, and Petunjuk explaining each column."""

    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        return xlsx_response("canting-impor-ikm.xlsx", importing.build_template())


def _page_parameter(sheet: str) -> str:
    return f"page_{sheet}"


def _link(query: QueryDict, anchor: str = "", **changes: Any) -> str:
    """This page's address (its query string) with some parameters changed, and an anchor."""
    params = query.copy()
    for name, value in changes.items():
        params[name] = str(value)
    return "?" + params.urlencode() + (f"#{anchor}" if anchor else "")


def _sheet_tables(batch: ImportBatch, only_errors: bool, query: QueryDict) -> list[dict[str, Any]]:
    """Each sheet as the file had it, a page of rows at a time, every cell beside the errors found in it."""
    by_row: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for error in batch.errors:
        by_row[(error["sheet"], error["row"])].append(error)
    tables = []
    for spec in importing.SHEETS:
        sheet = batch.rows.get(spec.name) or {"headers": {}, "rows": []}
        columns = [column for column in spec.columns if column.key in sheet["headers"]]
        headers = [sheet["headers"][column.key] for column in columns]
        shown = [row for row in sheet["rows"] if (spec.name, row["row"]) in by_row] if only_errors else sheet["rows"]
        page = Paginator(shown, ROWS_PER_PAGE).get_page(query.get(_page_parameter(spec.name)))
        rows = []
        for row in page.object_list:
            errors = by_row.get((spec.name, row["row"]), [])
            before = row.get("before", {})
            cells = [
                {
                    "text": row["cells"].get(column.key, ""),
                    "errors": [e["message"] for e in errors if e["column"] == h],
                    "changed": column.key in before,
                    "before": _registered(column.key, before.get(column.key)),
                }
                for column, h in zip(columns, headers, strict=True)
            ]
            loose = [e["message"] for e in errors if e["column"] not in headers]
            rows.append(
                {
                    "number": row["row"],
                    "action": row.get("action", ""),
                    "cells": cells,
                    "errors": errors,
                    "loose": loose,
                }
            )
        tables.append(
            {
                "name": spec.name,
                "headers": headers,
                "rows": rows,
                "total": len(sheet["rows"]),
                "page": page,
                "pages": _pages(page, query, _page_parameter(spec.name)),
            }
        )
    return tables


def _pages(page: Page[Any], query: QueryDict, parameter: str) -> dict[str, Any] | None:
    """Links to the previous and next page of one sheet's rows, keeping the other sheet's page."""
    if page.paginator.num_pages < 2:
        return None
    return {
        "first": page.start_index(),
        "last": page.end_index(),
        "count": page.paginator.count,
        "previous": _link(query, "", **{parameter: page.previous_page_number()}) if page.has_previous() else "",
        "next": _link(query, "", **{parameter: page.next_page_number()}) if page.has_next() else "",
    }


def _listed_errors(batch: ImportBatch, tables: list[dict[str, Any]], query: QueryDict) -> list[dict[str, Any]]:
    """The first ``ERRORS_LISTED`` errors, each with a link to its row: on this page when it is shown here, else on
    the page of rows with errors that holds it."""
    here = {(table["name"], row["number"]) for table in tables for row in table["rows"]}
    position: dict[tuple[str, int], int] = {}  # (sheet, row) -> its place among the sheet's rows with errors
    counted: dict[str, int] = defaultdict(int)
    for error in batch.errors:  # sorted by sheet and row
        key = (error["sheet"], error["row"])
        if key not in position:
            position[key] = counted[key[0]]
            counted[key[0]] += 1
    listed = []
    for error in batch.errors[:ERRORS_LISTED]:
        key = (error["sheet"], error["row"])
        anchor = f"{error['sheet']}-{error['row']}"
        if key in here:
            link = f"#{anchor}"
        else:
            page = position[key] // ROWS_PER_PAGE + 1
            changes = {"show": "errors", _page_parameter(error["sheet"]): page}
            link = _link(query, anchor, **changes)
        listed.append({**error, "link": link})
    return listed


def _registered(key: str, value: Any) -> str:
    """A registered value that a row overwrites, written as the page's language writes it."""
    if value in ("", None):
        return ""
    if key == "investment":
        return f"Rp {numbers.show(Decimal(value))}"
    if isinstance(value, int) and not isinstance(value, bool):
        return numbers.show(value)
    return str(value)


def _ignored_columns(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """(sheet, the columns it leaves out) for each sheet that leaves some out; previews staged before the column
    letters were kept give the names alone."""
    found = []
    for sheet, ignored in summary.get("ignored_columns", {}).items():
        names = []
        for column in ignored:
            if isinstance(column, str):
                names.append(column)
            elif column["header"]:
                names.append(_("%(name)s (column %(letter)s)") % {"name": column["header"], "letter": column["column"]})
            else:
                names.append(_("column %(letter)s, which has no name") % {"letter": column["column"]})
        if names:
            found.append((sheet, ", ".join(names)))
    return found


def _progress(batch: ImportBatch) -> dict[str, Any]:
    """What the progress bar shows: where a working batch's task has got, and whether it is done."""
    found = progress.read(batch.pk)
    working = batch.status in WORKING
    return {
        "status": batch.status,
        "finished": not working,
        "percent": found.percent if working else 100,
        "label": found.label if working else batch.get_status_display(),
        "url": batch.get_absolute_url(),
    }


def _summary_cards(summary: dict[str, Any], errors: list[dict[str, Any]]) -> list[tuple[str, tuple[int, str]]]:
    """(label, (figure, detail)) for the counts above the preview; error counts come from the errors themselves."""

    def detail(counts: dict[str, int]) -> tuple[int, str]:
        text = _("%(new)d new · %(update)d updated · %(same)d unchanged") % counts
        return counts["rows"], text

    empty = {"rows": 0, "new": 0, "update": 0, "same": 0}
    cards = [
        (_("Enterprises (sheet IKM)"), detail(summary.get("IKM", empty))),
        (_("People (sheet Orang)"), detail(summary.get("Orang", empty))),
        (_("New roles in enterprises"), (summary.get("memberships", {}).get("new", 0), "")),
    ]
    if errors:
        rows = importing.rows_with_errors(errors)
        cards.append(
            (_("Errors"), (len(errors), ngettext("in %(rows)d row", "in %(rows)d rows", rows) % {"rows": rows}))
        )
    return cards


class ImportPreviewView(RoleRequiredMixin, TemplateView):
    """What an upload would do, row by row; POST ``action=apply`` writes it all, ``action=discard`` sets it aside.

    While the file is being checked or applied, the page shows a progress bar instead (canting.js follows it).
    """

    allowed_roles = STAFF_ONLY
    template_name = "registry/import_preview.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.batch = get_object_or_404(importing.batches_for(request.user).defer("source"), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        batch = self.batch
        query = self.request.GET
        only_errors = query.get("show") == "errors"
        sheets = _sheet_tables(batch, only_errors, query) if batch.status == ImportStatus.PREVIEW else []
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "summary": batch.summary,
            "summary_cards": _summary_cards(batch.summary, batch.errors),
            "rows_with_errors": importing.rows_with_errors(batch.errors),
            "updates": sum(batch.summary.get(sheet.name, {}).get("update", 0) for sheet in importing.SHEETS),
            "ignored_columns": _ignored_columns(batch.summary),
            "sheets": sheets,
            "errors": _listed_errors(batch, sheets, query),
            "errors_listed": min(len(batch.errors), ERRORS_LISTED),
            "only_errors": only_errors,
            "can_apply": batch.status == ImportStatus.PREVIEW and not batch.errors,
            "working": batch.status in WORKING,
            "progress": _progress(batch),
            "status_url": reverse("registry:import-status", args=[batch.pk]),
        }

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = self.batch
        action = request.POST.get("action")
        try:
            if action == "apply":
                outcome = background.queue_apply(batch, actor=current_user(request))
                if outcome["status"] == ImportStatus.APPLIED:
                    messages.success(request, _("The import has been applied."))
                elif outcome["status"] == "queued":
                    messages.info(request, _("The import is being applied. This page shows how far it has got."))
                elif outcome["status"] == "failed":
                    messages.error(request, _("Applying stopped because of an internal error; nothing was written."))
                for message in outcome["messages"]:
                    messages.error(request, message)
            elif action == "discard":
                importing.discard_import(batch, actor=current_user(request))
                messages.info(request, _("The import has been discarded; nothing was written."))
                return redirect("registry:import-upload")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(batch)


class ImportStatusView(RoleRequiredMixin, View):
    """How far the check or the apply of one import has got, as JSON for the progress bar on its page:
    ``{"status", "finished", "percent", "label", "url"}``. Reads neither the rows nor the file."""

    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        batches = importing.batches_for(request.user).only(*ImportBatch.LIGHT_FIELDS)
        response = JsonResponse(_progress(get_object_or_404(batches, pk=pk)))
        response["Cache-Control"] = "no-store"
        return response
