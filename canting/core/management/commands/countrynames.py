from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from canting.core.countries import CATALOGUE, write_catalogue


class Command(BaseCommand):
    help = "Write the Indonesian country names (CLDR, through Babel) into the catalogue django-countries reads."

    def handle(self, *args: Any, **options: Any) -> None:
        count = write_catalogue()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{count} country names written to {CATALOGUE}."))
