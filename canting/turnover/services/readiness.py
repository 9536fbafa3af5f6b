"""Stored readiness scores: every registered enterprise's score and checklist, computed by the evaluators of
``canting.turnover.readiness`` a batch at a time, so the office's list filters, sorts and pages in the database.

Scores are derived data, not decisions: refreshing them writes no audit event (the graduation that reads one keeps
its own snapshot). They are refreshed for every enterprise by the daily task, for the enterprises whose turnover
reports changed as soon as the change is committed, and for every enterprise when a criterion changes (marked
stale at once, so the list says so until the refresh has run).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from canting.registry.models import Enterprise
from canting.turnover.models import ReadinessScore
from canting.turnover.readiness import Assessment, active_criteria, evaluate

BATCH = 2000  # enterprises evaluated per round of queries

Progress = Callable[[int, int], None]


def stored(assessment: Assessment, at: datetime.datetime) -> ReadinessScore:
    """The row that keeps ``assessment``: the score and, per criterion, its code, result, value and proof."""
    return ReadinessScore(
        enterprise_id=assessment.enterprise_id,
        score=assessment.score,
        items=[
            {"code": line.criterion.code, "met": line.result.met, "value": line.result.value, "url": line.result.url}
            for line in assessment.lines
        ],
        computed_at=at,
        stale=False,
    )


def refresh(
    enterprise_ids: Iterable[int],
    *,
    on: datetime.date | None = None,
    batch: int = BATCH,
    progress: Progress | None = None,
) -> int:
    """Compute and store the scores of ``enterprise_ids`` (registered or not: the enterprise's own page may ask),
    a fixed number of queries per ``batch`` enterprises. Returns how many were computed; ``progress(done, total)``
    is called after each batch."""
    ids = sorted(set(enterprise_ids))
    return _refresh(ids, lambda chunk: Enterprise.objects.filter(pk__in=chunk), on=on, batch=batch, progress=progress)


def refresh_all(*, on: datetime.date | None = None, batch: int = BATCH, progress: Progress | None = None) -> int:
    """Every registered enterprise's score (the daily task), a range of ids at a time; the scores of enterprises no
    longer registered go."""
    registered = Enterprise.objects.registered()
    ReadinessScore.objects.exclude(enterprise__in=registered).delete()
    ids = list(registered.order_by("pk").values_list("pk", flat=True))
    # A batch is the registered enterprises between two ids: no list of thousands of ids in each query.
    return _refresh(
        ids, lambda chunk: registered.filter(pk__gte=chunk[0], pk__lte=chunk[-1]), on=on, batch=batch, progress=progress
    )


def _refresh(
    ids: list[int],
    chosen: Callable[[list[int]], QuerySet[Enterprise]],
    *,
    on: datetime.date | None,
    batch: int,
    progress: Progress | None,
) -> int:
    criteria = active_criteria()
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        enterprises = chosen(chunk)
        at = timezone.now()
        assessments = evaluate(enterprises, criteria=criteria, on=on)
        fresh = [stored(assessment, at) for assessment in assessments.values()]
        before = {
            pk: (score, items)
            for pk, score, items in ReadinessScore.objects.filter(enterprise__in=enterprises).values_list(
                "enterprise_id", "score", "items"
            )
        }
        # Most scores are the same as yesterday's: only the changed ones are written, the rest are confirmed.
        changed = [row for row in fresh if before.get(row.enterprise_id) != (row.score, row.items)]
        with transaction.atomic():
            if changed:
                ReadinessScore.objects.bulk_create(
                    changed,
                    update_conflicts=True,
                    unique_fields=["enterprise"],
                    update_fields=["score", "items", "computed_at", "stale"],
                )
            if len(changed) < len(fresh):
                ReadinessScore.objects.filter(enterprise__in=enterprises).exclude(computed_at=at).update(
                    computed_at=at, stale=False
                )
        done += len(chunk)
        if progress is not None:
            progress(done, len(ids))
    return done


def refresh_stale(*, on: datetime.date | None = None, progress: Progress | None = None) -> int:
    """The scores marked stale, and those of registered enterprises that have none yet."""
    missing = Enterprise.objects.registered().filter(readiness__isnull=True).values_list("pk", flat=True)
    waiting = ReadinessScore.objects.filter(stale=True).values_list("enterprise_id", flat=True)
    return refresh([*missing, *waiting], on=on, progress=progress)


def mark_stale(enterprise_ids: Sequence[int] | None = None) -> int:
    """Mark the scores of ``enterprise_ids`` (all, when None) as awaiting a refresh: one update."""
    rows = ReadinessScore.objects.filter(stale=False)
    if enterprise_ids is not None:
        rows = rows.filter(enterprise_id__in=list(enterprise_ids))
    return rows.update(stale=True)


def inputs_changed(enterprise_ids: Sequence[int] | None = None) -> None:
    """What a service calls when it changed what scores are computed from (``None``: every enterprise, as when a
    criterion changes): the scores are marked stale now and refreshed in the background once the change is
    committed."""
    from canting.turnover import tasks  # the task module imports the services

    mark_stale(enterprise_ids)
    ids = None if enterprise_ids is None else list(enterprise_ids)
    transaction.on_commit(lambda: tasks.refresh_readiness.enqueue(ids))
