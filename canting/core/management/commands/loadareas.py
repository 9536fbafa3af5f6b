from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from canting.core.areas import SOURCE, load_areas


class Command(BaseCommand):
    help = "Load Kemendagri area codes (province, regency/city, district, village) into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--prefix", default="", help="Only this area and what lies in it, e.g. 35 (Jawa Timur).")

    def handle(self, *args: Any, prefix: str = "", **options: Any) -> None:
        def progress(n: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {n:,} areas written")

        try:
            count = load_areas(prefix, progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{count:,} areas loaded ({SOURCE})."))
