from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from canting import demo
from canting.core.models import Area


class Command(BaseCommand):
    help = "Load the Kota Mojokerto demo data into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no enterprise; either way, print the demo's logins.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo.is_loaded():
            if not options["if_empty"]:
                raise CommandError("The database already holds enterprises; the demo loads only into an empty one.")
        else:
            if not Area.objects.filter(code="35.76").exists():
                call_command("loadareas", verbosity=options["verbosity"])
            self.stdout.write("Loading the Kota Mojokerto demo data ...")
            self.stdout.flush()
            demo.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo.logins_text())
