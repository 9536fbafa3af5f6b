"""How far a background check or apply has got, for the progress bar on the import's page.

Kept in the cache, which every process serving Canting shares (the web workers and the task worker: see CACHE_URL),
not in the batch's row: an apply writes inside one transaction, and nothing it writes there, a progress figure
included, is visible to the page until it commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from canting.core import numbers

TIMEOUT = 24 * 60 * 60
# Each step's share of the whole job, in percent: (from, to).
STEPS = {
    "queued": (0, 0),
    "reading": (0, 5),
    "checking": (5, 95),
    "saving": (95, 100),
    "rechecking": (0, 50),
    "writing": (50, 100),
}


def _key(batch_id: int) -> str:
    return f"registry:import:{batch_id}:progress"


@dataclass
class Progress:
    """Where one batch's task is: a step of ``STEPS``, and how many of its rows are done."""

    step: str = "queued"
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        low, high = STEPS.get(self.step, (0, 0))
        share = self.done / self.total if self.total else 0
        return int(low + (high - low) * min(share, 1))

    @property
    def label(self) -> str:
        figures = {"done": numbers.show(self.done), "total": numbers.show(self.total)}
        labels = {
            "queued": _("Waiting for its turn…"),
            "reading": _("Reading the file…"),
            "checking": _("Checking rows: %(done)s of %(total)s") % figures,
            "saving": _("Saving the preview…"),
            "rechecking": _("Checking rows against the registry again: %(done)s of %(total)s") % figures,
            "writing": _("Writing to the registry: %(done)s of %(total)s rows") % figures,
        }
        return labels.get(self.step, labels["queued"])


def report(batch_id: int, step: str, done: int = 0, total: int = 0) -> None:
    cache.set(_key(batch_id), {"step": step, "done": done, "total": total}, TIMEOUT)


def read(batch_id: int) -> Progress:
    """The last figure reported; ``queued`` when there is none (not started, or the cache is not shared)."""
    found: Any = cache.get(_key(batch_id))
    return Progress(**found) if isinstance(found, dict) else Progress()


def clear(batch_id: int) -> None:
    cache.delete(_key(batch_id))


class Reporter:
    """Reports one step of one batch: ``reporter(done)`` after each chunk of ``total`` rows."""

    def __init__(self, batch_id: int, step: str, total: int) -> None:
        self.batch_id, self.step, self.total = batch_id, step, total
        report(batch_id, step, 0, total)

    def __call__(self, done: int) -> None:
        report(self.batch_id, self.step, done, self.total)
