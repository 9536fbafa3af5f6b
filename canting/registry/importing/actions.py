"""The import's services: stage an upload as a preview, apply a clean preview all or nothing, or discard it.

These run where they are called; ``background`` runs the same work as tasks, with a progress bar, for the pages.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from canting.core import audit
from canting.core.models import User
from canting.core.permissions import STAFF, role_of
from canting.registry.importing.checks import Plan, Planned, Progress, check_rows
from canting.registry.importing.columns import IKM, ORANG, SHEETS, RowError, Sheet
from canting.registry.importing.workbook import check_size, read_workbook
from canting.registry.importing.writing import statement_parameters, write_plan
from canting.registry.models import ImportBatch, ImportStatus
from canting.registry.models.imports import WORKING

# Asked for each step of a task ("checking", 60000) for the callable that is told how many of its rows are done.
Steps = Callable[[str, int], Progress]


class ImportRefused(ValidationError):
    """Applying found errors: nothing was written, and ``errors`` names each row and column."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            ngettext(
                "The import was not applied: checked again against the registry, %(count)d row has an error. "
                "Nothing was written.",
                "The import was not applied: checked again against the registry, %(count)d rows have errors. "
                "Nothing was written.",
                rows_with_errors(errors),
            )
            % {"count": rows_with_errors(errors)},
            code="import_refused",
        )
        self.errors = errors


def rows_with_errors(errors: list[RowError]) -> int:
    """How many rows of the file the errors are about (a row can have several)."""
    return len({(e["sheet"], e["row"]) for e in errors})


def batches_for(user: Any) -> QuerySet[ImportBatch]:
    """The imports a user may open: the ones they uploaded themselves (imports are for office staff only)."""
    if role_of(user) != STAFF:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(created_by=user)


def _require_staff(actor: Any) -> None:
    if role_of(actor) != STAFF:
        raise PermissionDenied


def _sort(errors: list[RowError], sheets: dict[str, Any]) -> list[RowError]:
    """In the order the officer reads the file: sheet, row, then column from left to right."""
    order = {spec.name: index for index, spec in enumerate(SHEETS)}
    columns = {
        (spec.name, sheets[spec.name]["headers"].get(c.key, c.header)): index
        for spec in SHEETS
        for index, c in enumerate(spec.columns)
    }
    return sorted(errors, key=lambda e: (order[e["sheet"]], e["row"], columns.get((e["sheet"], e["column"]), -1)))


def _summary(plan: Plan, sheets: dict[str, Any], errors: list[RowError]) -> dict[str, Any]:
    def tally(items: list[Planned], spec: Sheet) -> dict[str, int]:
        counts = {"rows": len(sheets[spec.name]["rows"]), "new": 0, "update": 0, "same": 0}
        for item in items:
            counts[item.action] += 1
        return counts

    return {
        IKM.name: tally(plan.enterprises, IKM),
        ORANG.name: tally(plan.people, ORANG),
        "memberships": {"new": plan.new_memberships},
        "errors": len(errors),
        "rows_with_errors": rows_with_errors(errors),
        "ignored_columns": {spec.name: sheets[spec.name]["ignored"] for spec in SHEETS},
    }


def row_count(sheets: dict[str, Any]) -> int:
    return sum(len(sheets[spec.name]["rows"]) for spec in SHEETS)


def check_file(data: bytes, *, actor: User, steps: Steps | None = None) -> dict[str, Any]:
    """Read and check an uploaded workbook: the fields of its preview (rows, errors, summary, SHA-256).

    Raises ``ValidationError`` for a file refused as a whole (see ``read_workbook``). Nothing is written.
    """
    sheets, errors = read_workbook(data)
    plan = check_rows(sheets, actor, progress=steps("checking", row_count(sheets)) if steps else None)
    errors = _sort(errors + plan.errors, sheets)
    planned = {(IKM.name, p.row): p for p in plan.enterprises} | {(ORANG.name, p.row): p for p in plan.people}
    for spec in SHEETS:
        for row in sheets[spec.name]["rows"]:
            item = planned.get((spec.name, row["row"]))
            row["action"] = item.action if item is not None else ""
            row["before"] = item.before if item is not None else {}
    digest = hashlib.sha256(data).hexdigest()
    earlier = batches_for(actor).filter(sha256=digest, status=ImportStatus.APPLIED).order_by("-applied_at").first()
    summary = _summary(plan, sheets, errors)
    summary["applied_before"] = earlier.applied_at.isoformat() if earlier and earlier.applied_at else None
    return {"sha256": digest, "rows": sheets, "errors": errors, "summary": summary}


def read_upload(upload: UploadedFile, actor: User) -> bytes:
    """The bytes of an upload by staff, refused (``ValidationError``) when larger than ``IMPORT_MAX_BYTES``."""
    _require_staff(actor)
    check_size(upload.size or 0)
    data = upload.read(settings.IMPORT_MAX_BYTES + 1)
    check_size(len(data))
    return data


def stage_import(upload: UploadedFile, *, actor: User) -> ImportBatch:
    """Read and check an upload and keep it as a preview. Nothing in the registry changes.

    A file that is not a sound workbook in the template's layout raises ``ValidationError`` and is not kept.
    """
    data = read_upload(upload, actor)
    preview = check_file(data, actor=actor)
    return ImportBatch.objects.create(created_by=actor, filename=(upload.name or "import.xlsx")[:255], **preview)


def _lock_open(batch: ImportBatch, *fields: str) -> ImportBatch:
    """The batch, locked, if it is still open; ``fields`` (all when none) are the ones loaded."""
    batches = ImportBatch.objects.select_for_update()
    locked = (batches.only(*fields) if fields else batches).get(pk=batch.pk)
    if locked.status == ImportStatus.APPLIED:
        raise ValidationError(_("This import has already been applied; it cannot be applied again."), code="applied")
    if locked.status == ImportStatus.DISCARDED:
        raise ValidationError(_("This import was discarded; upload the file again to import it."), code="discarded")
    if locked.status == ImportStatus.REFUSED:
        raise ValidationError(_("This file could not be read; correct it and upload it again."), code="refused")
    return locked


def _decide(batch: ImportBatch, changes: dict[str, Any], *, actor: User | None, action: str) -> ImportBatch:
    """Close a preview (applied or discarded), audit it, and drop the staging copy of its rows.

    The rows (and the uploaded file, if it was never checked) hold NIKs, phones and addresses; the registry, which
    masks them and can erase them on request, is the one place they should live. They are left out of the audit
    event for the same reason.
    """
    before = audit.snapshot(batch, changes)
    for name, value in changes.items():
        setattr(batch, name, value)
    batch.rows, batch.source = {}, None
    batch.save(update_fields=[*changes, "rows", "source", "updated_at"])
    audit.record(
        actor=actor,
        action=action,
        instance=batch,
        changes=audit.diff(before, audit.snapshot(batch, changes)),
        note=batch.filename,
    )
    return batch


def _reopen(batch: ImportBatch) -> None:
    """A batch whose apply stopped goes back to its preview (nothing was written: the transaction rolled back)."""
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.APPLYING).update(status=ImportStatus.PREVIEW)
    if batch.status == ImportStatus.APPLYING:
        batch.status = ImportStatus.PREVIEW


def apply_import(batch: ImportBatch, *, actor: User, steps: Steps | None = None) -> ImportBatch:
    """Write a clean preview to the registry in one transaction: every row, or nothing at all.

    Everything is checked again first, because the registry may have changed since the preview, with the records
    the rows change locked until the end. When that finds errors, they are kept on the batch for the preview page
    and ``ImportRefused`` is raised. Rows are checked and written a chunk at a time (``checks.CHUNK``), each chunk
    in a fixed number of queries.
    """
    _require_staff(actor)
    try:
        with transaction.atomic(), statement_parameters():
            locked = _lock_open(batch)
            if locked.errors:
                raise ValidationError(
                    _("An import with errors cannot be applied. Correct the file and upload it again."),
                    code="has_errors",
                )
            total = row_count(locked.rows)
            plan = check_rows(locked.rows, actor, recheck=True, progress=steps("rechecking", total) if steps else None)
            if plan.errors:
                raise ImportRefused(_sort(plan.errors, locked.rows))
            write_plan(plan, actor, progress=steps("writing", total) if steps else None)
            summary = {**locked.summary, **_summary(plan, locked.rows, [])}
            return _decide(
                locked,
                {"status": ImportStatus.APPLIED, "applied_at": timezone.now(), "summary": summary},
                actor=actor,
                action="registry.import.applied",
            )
    except ImportRefused as exc:
        # Only the staging record is touched, after the rollback, so the preview can show why, with its counts.
        summary = {**batch.summary, "errors": len(exc.errors), "rows_with_errors": rows_with_errors(exc.errors)}
        ImportBatch.objects.filter(pk=batch.pk, status__in=[ImportStatus.PREVIEW, ImportStatus.APPLYING]).update(
            errors=exc.errors, summary=summary, status=ImportStatus.PREVIEW
        )
        batch.errors, batch.summary, batch.status = exc.errors, summary, ImportStatus.PREVIEW
        raise
    except IntegrityError as exc:
        # Checked under lock, a row can still meet a record that another officer inserted at the same moment.
        _reopen(batch)
        raise ValidationError(
            _(
                "While the import was being applied, someone else registered an enterprise or a person it holds. "
                "Nothing was written; open the import again to check it and apply it."
            ),
            code="conflict",
        ) from exc
    except BaseException:
        _reopen(batch)
        raise


def refuse_while_applying(batch: ImportBatch) -> None:
    """Asked before taking the batch's lock, which an apply holds until it has written everything (on SQLite the
    whole database's), so that a second request is told at once instead of waiting for it."""
    if ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.APPLYING).exists():
        raise ValidationError(_("This import is being applied; wait until it has finished."), code="applying")


def discard_import(batch: ImportBatch, *, actor: User) -> ImportBatch:
    """Set a preview aside without writing anything to the registry."""
    _require_staff(actor)
    refuse_while_applying(batch)
    with transaction.atomic():
        locked = _lock_open(batch, *ImportBatch.LIGHT_FIELDS)
        return _decide(locked, {"status": ImportStatus.DISCARDED}, actor=actor, action="registry.import.discarded")


def discard_stale_previews(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Discard previews nobody applied within ``older_than``, so the NIKs and phones they hold do not linger in
    staging (UU PDP). Run daily, e.g. ``canting discardimports``. Returns how many were discarded.

    Uploads whose check or apply never finished (a task worker that was stopped) go the same way.
    """
    cutoff = (now or timezone.now()) - older_than
    open_ = [ImportStatus.PREVIEW, *WORKING]
    stale = ImportBatch.objects.filter(status__in=open_, created_at__lt=cutoff).order_by("pk")
    count = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            batch = (
                ImportBatch.objects.select_for_update()
                .filter(pk=pk, status__in=open_)
                .only(*ImportBatch.LIGHT_FIELDS)
                .first()
            )
            if batch is None:
                continue  # applied or discarded meanwhile
            _decide(batch, {"status": ImportStatus.DISCARDED}, actor=None, action="registry.import.expired")
            count += 1
    return count
