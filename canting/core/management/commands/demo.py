from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from canting.core import demo
from canting.core.models import Area


class Command(BaseCommand):
    help = "Load the Kota Mojokerto demo data into an empty database."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo.is_loaded():
            raise CommandError("The database already holds enterprises; the demo loads only into an empty one.")
        if not Area.objects.filter(code="35.76").exists():
            call_command("loadareas", verbosity=options["verbosity"])
        demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Start Canting with `canting serve`."))
        self.stdout.write(demo.logins_text())
