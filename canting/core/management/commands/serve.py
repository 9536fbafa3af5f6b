from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from canting.core.models import Area

# Addresses that mean "every interface": a browser cannot open them, so links name this machine instead.
ANY_ADDRESS = {"0.0.0.0", "::", "[::]"}  # noqa: S104 -- compared with, not bound to


def local_site_url(host: str, port: int) -> str:
    """The address a development server is opened at, for links built without a request (QR codes, e-mails)."""
    if host in ANY_ADDRESS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Prepare the database (migrate, areas, optional demo data) and serve Canting."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Load the demo data when the database is empty.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        site = self.site_address(options["host"], options["port"])
        call_command("migrate", interactive=False, verbosity=0)
        if not Area.objects.exists():
            self.stdout.write("Loading Kemendagri area codes for all of Indonesia ...")
            call_command("loadareas", verbosity=1)
        if settings.PRODUCTION:
            # The embedded production install builds its static files here, as docs/operations.md does by hand.
            call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            call_command("demo", "--if-empty", stdout=self.stdout)  # loads it into an empty database, prints logins
        self.stdout.write(self.style.SUCCESS(f"Canting is running at {site}"))
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

    def site_address(self, host: str, port: int) -> str:
        """The public address: CANTING_SITE_URL where set (production requires it), else the address served here.
        Set in the environment, so the gunicorn workers that replace this process build the same links."""
        if os.environ.get("CANTING_SITE_URL", "").strip():
            return str(settings.CANTING_SITE_URL)
        site = local_site_url(host, port)
        if host in ANY_ADDRESS:
            self.stdout.write(
                f"Links and QR codes will point to {site}, which only this computer opens. For phones on the "
                "network, set CANTING_SITE_URL to this computer's address, e.g. http://192.168.1.10:"
                f"{port}, and start again."
            )
        os.environ["CANTING_SITE_URL"] = site
        settings.CANTING_SITE_URL = site
        return site
