"""``canting daily``: queue every daily task, to be run once a day from cron or a systemd timer."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus

# Every task that runs once a day, by import path.
DAILY_TASKS = (
    "canting.certification.tasks.expire_and_remind",
    "canting.training.tasks.expire_certificates",
    "canting.turnover.tasks.rebuild_totals",
    "canting.turnover.tasks.reassess_and_follow_up",
    "canting.turnover.tasks.refresh_all_readiness",
    "canting.turnover.tasks.remind_late_reporters",
)


class Command(BaseCommand):
    help = (
        "Queue the daily tasks (certificate and certification expiry, turnover totals, business classes, readiness "
        "scores, reminders). "
        "With TASKS_BACKEND=immediate they run now."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = []
        for path in DAILY_TASKS:
            started = time.monotonic()
            result = import_string(path).enqueue()
            if result.status == TaskResultStatus.SUCCESSFUL:
                seconds = time.monotonic() - started
                self.stdout.write(f"{path}: done {result.return_value} in {seconds:.1f} s")
            elif result.status == TaskResultStatus.FAILED:
                failed.append(path)
                self.stderr.write(f"{path}: failed\n{result.errors[-1].traceback if result.errors else ''}")
            else:
                self.stdout.write(f"{path}: queued as {result.id}")
        if failed:
            raise CommandError(f"{len(failed)} daily task(s) failed: {', '.join(failed)}")
