"""The import as the pages run it: checking and applying as background tasks, with their progress.

A province's file (60,000 rows and more) takes longer to check and apply than a web request may last, so the
pages hand both to ``canting.registry.tasks`` and show a progress bar that asks ``progress`` how far they have got.
With ``TASKS_BACKEND=immediate`` (one centre, development, the tests) a task runs as it is queued, so the work is
done when these functions return, and they answer as ``stage_import`` and ``apply_import`` do.

The task functions here return a small outcome, ``{"status": ..., "messages": [...]}``, rather than raising for a
refusal: a refused file or apply is an answer for the officer, not a failure of the task.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tasks import TaskResult, TaskResultStatus

from canting.core.models import User
from canting.registry.importing import progress
from canting.registry.importing.actions import (
    Steps,
    _lock_open,
    _require_staff,
    apply_import,
    check_file,
    read_upload,
    refuse_while_applying,
)
from canting.registry.models import ImportBatch, ImportStatus

logger = logging.getLogger(__name__)

CHECK_FAILED = "check_failed"  # the code of the message for a check that broke on an error of ours


def _steps(batch_id: int) -> Steps:
    return lambda step, total: progress.Reporter(batch_id, step, total)


def _outcome(result: TaskResult[Any]) -> dict[str, Any]:
    """What a task answered, if it has run already (immediate backend); ``queued`` while it waits for a worker."""
    if result.status == TaskResultStatus.SUCCESSFUL:
        return dict(result.return_value or {})
    if result.status == TaskResultStatus.FAILED:
        return {"status": "failed", "messages": []}
    return {"status": "queued", "messages": []}


# --- checking ---------------------------------------------------------------------------------------------------
def upload_import(upload: UploadedFile, *, actor: User) -> ImportBatch:
    """Keep an upload and queue its check; the batch's page follows the check and then shows the preview.

    When the check has already run (immediate backend) and refused the file as a whole, the batch is not kept and
    ``ValidationError`` is raised with the reasons, as ``stage_import`` does.
    """
    from canting.registry import tasks

    data = read_upload(upload, actor)
    batch = ImportBatch.objects.create(
        created_by=actor,
        filename=(upload.name or "import.xlsx")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        status=ImportStatus.CHECKING,
        source=data,
    )
    progress.report(batch.pk, "queued")
    outcome = _outcome(tasks.check_import.enqueue(batch.pk, get_language()))
    if outcome["status"] == ImportStatus.REFUSED and outcome.get("code") != CHECK_FAILED:
        batch.delete()  # it holds nothing but the refusal, which the officer reads on the upload form
        raise ValidationError(outcome["messages"])
    batch.refresh_from_db(fields=["status", "summary"])  # the rows stay where they are: the page reads them
    return batch


def _finish_check(batch_id: int, **fields: Any) -> bool:
    """Store a check's result, unless the batch was discarded (or its file erased) while it was being checked."""
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch_id, status=ImportStatus.CHECKING)
            .only(*ImportBatch.LIGHT_FIELDS)
            .first()
        )
        if batch is None:
            return False
        for name, value in {**fields, "source": None}.items():
            setattr(batch, name, value)
        batch.save(update_fields=[*fields, "source", "updated_at"])
    progress.clear(batch_id)
    return True


def run_check(batch_id: int) -> dict[str, Any]:
    """Read and check a queued upload as its uploader sees the registry (the task ``check_import``)."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.CHECKING).select_related("created_by").first()
    if batch is None or batch.source is None:
        return {"status": "gone", "messages": []}
    data = bytes(batch.source)
    progress.report(batch_id, "reading")
    try:
        preview = check_file(data, actor=batch.created_by, steps=_steps(batch_id))
    except ValidationError as exc:
        _finish_check(batch_id, status=ImportStatus.REFUSED, summary={"refused": exc.messages})
        return {"status": ImportStatus.REFUSED, "messages": exc.messages}
    except Exception:
        logger.exception("checking import %s failed", batch_id)
        message = _("Canting could not check this file because of an internal error. Upload it again later.")
        _finish_check(batch_id, status=ImportStatus.REFUSED, summary={"refused": [message]})
        return {"status": ImportStatus.REFUSED, "messages": [message], "code": CHECK_FAILED}
    progress.report(batch_id, "saving")
    _finish_check(batch_id, status=ImportStatus.PREVIEW, **preview)
    return {"status": ImportStatus.PREVIEW, "messages": [], "errors": len(preview["errors"])}


# --- applying ---------------------------------------------------------------------------------------------------
def queue_apply(batch: ImportBatch, *, actor: User) -> dict[str, Any]:
    """Queue the apply of a clean preview; refused (``ValidationError``) when it has errors or is not open.

    Returns the task's outcome (see the module's docstring): ``applied`` or ``refused`` when it has already run,
    ``failed`` when it broke, ``queued`` while it waits for a worker.
    """
    from canting.registry import tasks

    _require_staff(actor)
    refuse_while_applying(batch)
    with transaction.atomic():
        locked = _lock_open(batch, *ImportBatch.LIGHT_FIELDS, "errors")  # refuses one applied, discarded, refused
        if locked.status == ImportStatus.CHECKING:
            raise ValidationError(_("This file is still being checked."), code="checking")
        if locked.status == ImportStatus.APPLYING:
            raise ValidationError(_("This import is being applied; wait until it has finished."), code="applying")
        if locked.errors:
            raise ValidationError(
                _("An import with errors cannot be applied. Correct the file and upload it again."), code="has_errors"
            )
        locked.status = ImportStatus.APPLYING
        locked.save(update_fields=["status", "updated_at"])
    progress.report(batch.pk, "queued")
    return _outcome(tasks.apply_import.enqueue(batch.pk, actor.pk, get_language()))


def run_apply(batch_id: int, actor_id: int) -> dict[str, Any]:
    """Apply a queued batch for the officer who asked (the task ``apply_import``)."""
    batch = ImportBatch.objects.filter(pk=batch_id).only(*ImportBatch.LIGHT_FIELDS).first()
    actor = User.objects.filter(pk=actor_id).first()
    if batch is None or actor is None:
        return {"status": "gone", "messages": []}
    try:
        apply_import(batch, actor=actor, steps=_steps(batch_id))
    except ValidationError as exc:
        return {"status": "refused", "messages": exc.messages}
    finally:
        progress.clear(batch_id)
    return {"status": ImportStatus.APPLIED, "messages": []}
