"""What the health probe checks: the three things without which every page fails.

A load balancer sends traffic only where ``/healthz/`` answers 200, so the probe must fail whenever pages would:
the database does not answer or was never migrated, the production build's static manifest is missing or stale
(every page names its stylesheet through it), or the uploads folder cannot be written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import DatabaseError, connection

# A file every page links: when the manifest cannot name it, no page renders.
PROBE_STATIC = "core/canting.css"


class Unhealthy(Exception):
    """A check failed; the message says what to look at, without paths or secrets."""


def check_database() -> None:
    try:
        with connection.cursor() as cursor:
            # The migrations table exists only once `canting migrate` has run: a bare SELECT 1 would pass before.
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            (applied,) = cursor.fetchone()
    except DatabaseError:
        raise Unhealthy("the database does not answer, or has not been migrated") from None
    if not applied:
        raise Unhealthy("the database has not been migrated")


def check_static() -> None:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return  # development serves the apps' files as they are: no build to check
    try:
        name = staticfiles_storage.stored_name(PROBE_STATIC)
    except ValueError:
        raise Unhealthy("the static files were not collected (run `canting collectstatic`)") from None
    if not staticfiles_storage.exists(name):
        raise Unhealthy("the static manifest names files that are missing (run `canting collectstatic`)")


def check_media() -> None:
    root = Path(settings.MEDIA_ROOT)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-"):
            pass
    except OSError:
        raise Unhealthy("the uploads folder (MEDIA_ROOT) cannot be written") from None


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "static": check_static, "media": check_media}


def run_checks() -> dict[str, str]:
    """Each check's name with ``ok`` or what is wrong."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Unhealthy as problem:
            results[name] = str(problem)
        else:
            results[name] = "ok"
    return results
