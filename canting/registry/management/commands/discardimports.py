from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from canting.registry.importing import discard_stale_previews


class Command(BaseCommand):
    help = "Discard import previews left unapplied, so the personal data they hold does not linger. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Discard previews older than this (default 7).")

    def handle(self, *args: Any, days: int = 7, **options: Any) -> None:
        count = discard_stale_previews(older_than=datetime.timedelta(days=max(days, 0)))
        self.stdout.write(f"{count} stale import preview(s) discarded.")
