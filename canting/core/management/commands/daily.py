"""``canting daily``: queue every daily task, to be run once a day from cron or a systemd timer."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from canting.core import daily


class Command(BaseCommand):
    help = (
        "Queue the daily tasks (certificate and certification expiry, turnover totals, business classes, readiness "
        "scores, reminders). "
        "With TASKS_BACKEND=immediate they run now."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = []
        for task in daily.tasks():  # registered by the apps (canting.core.daily)
            path = task.module_path
            started = time.monotonic()
            result = task.enqueue()
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
