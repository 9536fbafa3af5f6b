from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from canting.core import demo
from canting.core.models import Area


class Command(BaseCommand):
    help = "Prepare the database (migrate, areas, optional demo data) and serve Canting."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Load the demo data when the database is empty.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not Area.objects.exists():
            self.stdout.write("Loading Kemendagri area codes for all of Indonesia ...")
            call_command("loadareas", verbosity=1)
        if options["demo"] and not demo.is_loaded():
            self.stdout.write("Loading the Kota Mojokerto demo data ...")
            demo.load()
        url = f"http://{options['host']}:{options['port']}"
        if options["demo"]:
            self.stdout.write(self.style.SUCCESS(demo.logins_text(url)))
        else:
            self.stdout.write(self.style.SUCCESS(f"Canting is running at {url}"))
        self.stdout.flush()
        bind = f"{options['host']}:{options['port']}"
        if os.name == "posix" and shutil.which("gunicorn", path=os.path.dirname(sys.executable)) is not None:
            argv = [
                sys.executable, "-m", "gunicorn", "canting.wsgi",
                "--bind", bind, "--workers", str(options["workers"]),
                "--access-logfile", "-", "--graceful-timeout", "5",
            ]  # fmt: skip
            os.execv(sys.executable, argv)  # noqa: S606 -- replaces this process with gunicorn, no shell involved
        call_command("runserver", bind, use_reloader=False)
