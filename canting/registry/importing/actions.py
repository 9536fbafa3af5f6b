"""The import's services: stage an upload as a preview, apply a clean preview all or nothing, or discard it."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from canting.core import audit
from canting.core.models import User
from canting.core.permissions import STAFF, role_of
from canting.registry import services
from canting.registry.importing.checks import Plan, Planned, check_rows, errors_from
from canting.registry.importing.columns import IKM, ORANG, SHEETS, RowError, Sheet
from canting.registry.importing.workbook import check_size, read_workbook
from canting.registry.models import Enterprise, ImportBatch, ImportStatus, Person


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


def stage_import(upload: UploadedFile, *, actor: User) -> ImportBatch:
    """Read and check an upload and keep it as a preview. Nothing in the registry changes.

    A file that is not a sound workbook in the template's layout raises ``ValidationError`` and is not kept.
    """
    _require_staff(actor)
    check_size(upload.size or 0)
    data = upload.read(settings.IMPORT_MAX_BYTES + 1)
    sheets, errors = read_workbook(data)
    plan = check_rows(sheets, actor)
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
    return ImportBatch.objects.create(
        created_by=actor,
        filename=(upload.name or "import.xlsx")[:255],
        sha256=digest,
        rows=sheets,
        errors=errors,
        summary=summary,
    )


def _lock_open(batch: ImportBatch) -> ImportBatch:
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status == ImportStatus.APPLIED:
        raise ValidationError(_("This import has already been applied; it cannot be applied again."), code="applied")
    if locked.status == ImportStatus.DISCARDED:
        raise ValidationError(_("This import was discarded; upload the file again to import it."), code="discarded")
    return locked


def _decide(batch: ImportBatch, changes: dict[str, Any], *, actor: User | None, action: str) -> ImportBatch:
    """Close a preview (applied or discarded), audit it, and drop the staging copy of its rows.

    The rows hold NIKs, phones and addresses; the registry, which masks them and can erase them on request, is the
    one place they should live. They are left out of the audit event for the same reason.
    """
    before = audit.snapshot(batch, changes)
    for name, value in changes.items():
        setattr(batch, name, value)
    batch.rows = {}
    batch.save(update_fields=[*changes, "rows", "updated_at"])
    audit.record(
        actor=actor,
        action=action,
        instance=batch,
        changes=audit.diff(before, audit.snapshot(batch, changes)),
        note=batch.filename,
    )
    return batch


def _save(item: Planned, spec: Sheet, headers: dict[str, str], actor: User) -> Any:
    """Create or update one row's record through the registry's services, which also write its audit event."""
    try:
        if item.action == "new":
            create = services.create_enterprise if spec is IKM else services.create_person
            return create(actor=actor, data=item.changes)
        if item.action == "update":
            update = services.update_enterprise if spec is IKM else services.update_person
            return update(item.instance, actor=actor, changes=item.changes)  # type: ignore[arg-type]
    except ValidationError as exc:
        # Rows are checked one by one; two rows of the same file can still collide (e.g. swapped names).
        raise ImportRefused(errors_from(spec, item.row, headers, exc)) from exc
    return item.instance


def _write(plan: Plan, batch: ImportBatch, actor: User) -> None:
    headers = {spec.name: batch.rows[spec.name]["headers"] for spec in SHEETS}
    by_nib: dict[str, Enterprise] = dict(plan.registered)
    for item in plan.enterprises:
        enterprise = _save(item, IKM, headers[IKM.name], actor)
        by_nib[enterprise.nib] = enterprise
    by_nik: dict[str, Person] = {}
    for item in plan.people:
        person = _save(item, ORANG, headers[ORANG.name], actor)
        by_nik[person.nik] = person
    for _row, nik, nib, role in plan.memberships:
        services.add_membership(actor=actor, enterprise=by_nib[nib], person=by_nik[nik], role=role)


def apply_import(batch: ImportBatch, *, actor: User) -> ImportBatch:
    """Write a clean preview to the registry in one transaction: every row, or nothing at all.

    Everything is checked again first, because the registry may have changed since the preview. When that finds
    errors, they are kept on the batch for the preview page and ``ImportRefused`` is raised.
    """
    _require_staff(actor)
    try:
        with transaction.atomic():
            locked = _lock_open(batch)
            if locked.errors:
                raise ValidationError(
                    _("An import with errors cannot be applied. Correct the file and upload it again."),
                    code="has_errors",
                )
            plan = check_rows(locked.rows, actor)
            if plan.errors:
                raise ImportRefused(_sort(plan.errors, locked.rows))
            _write(plan, locked, actor)
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
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEW).update(errors=exc.errors, summary=summary)
        batch.errors, batch.summary = exc.errors, summary
        raise


@transaction.atomic
def discard_import(batch: ImportBatch, *, actor: User) -> ImportBatch:
    """Set a preview aside without writing anything to the registry."""
    _require_staff(actor)
    locked = _lock_open(batch)
    return _decide(locked, {"status": ImportStatus.DISCARDED}, actor=actor, action="registry.import.discarded")


def discard_stale_previews(*, older_than: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Discard previews nobody applied within ``older_than``, so the NIKs and phones they hold do not linger in
    staging (UU PDP). Run daily, e.g. ``canting discardimports``. Returns how many were discarded."""
    cutoff = (now or timezone.now()) - older_than
    stale = ImportBatch.objects.filter(status=ImportStatus.PREVIEW, created_at__lt=cutoff).order_by("pk")
    count = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().filter(pk=pk, status=ImportStatus.PREVIEW).first()
            if batch is None:
                continue  # applied or discarded meanwhile
            _decide(batch, {"status": ImportStatus.DISCARDED}, actor=None, action="registry.import.expired")
            count += 1
    return count
