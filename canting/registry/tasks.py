"""Background work of the registry (django-tasks): checking and applying a spreadsheet import.

Queued by ``canting.registry.importing.background``, which the import pages call. The arguments are the batch's and
the officer's ids and the officer's language (the messages a check writes are read in it), never the rows: with the
database backend the arguments are stored in the task queue's table.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django_tasks import task

from canting.registry.importing import background


@task()
def check_import(batch_id: int, language: str) -> dict[str, Any]:
    """Read and check an uploaded workbook, leaving a preview (or the reason the file was refused)."""
    with translation.override(language):
        return background.run_check(batch_id)


@task()
def apply_import(batch_id: int, actor_id: int, language: str) -> dict[str, Any]:
    """Apply a clean preview to the registry, all or nothing."""
    with translation.override(language):
        return background.run_apply(batch_id, actor_id)
