"""Named test personas, shared by every app's tests (fixtures in the repository's conftest.py).

- ``staff``: Rina, an officer of Kota Mojokerto's office (working area 35.76);
- ``artisan`` and ``other_artisan``: owners of two different enterprises;
- ``assessor``: a trainer and assessor;
- ``visitor``: nobody signed in.
"""

from __future__ import annotations

import datetime
import threading
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from canting.core.models import Area, Role, User

CITY = "35.76"
VILLAGE = "35.76.02.1001"  # Gununggedangan, Magersari
OTHER_VILLAGE = "35.76.03.1002"  # Miji, Kranggan


def make_user(username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, first_name=username.title(), **extra)
    user.set_password("correct horse battery")
    user.save()
    return user


def staff_user(username: str = "rina", area: str | None = CITY) -> User:
    return make_user(username, Role.STAFF, area=Area.objects.get(code=area) if area else None)


# Browser tests (fixtures ``browser`` and ``restore_areas`` are in the repository's conftest.py).
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def on_day(day: datetime.date, hour: int = 10) -> Any:
    """The clock moved to ``hour`` o'clock of ``day`` in the deployment's time zone, ticking on: for a test whose
    story happens on a given day (a report read on a session's last day), whatever the real date is."""
    import time_machine

    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return time_machine.travel(moment, tick=True)


def pick_area(page: Any, prefix: str, village: str) -> None:
    """Choose a village in a form's area cascade as a person does: province, regency, district, then village, each
    list filled by the server once the one above is chosen. ``prefix`` is the form's prefix ('' for none)."""
    parts = village.split(".")
    for step, depth in (("province", 1), ("regency", 2), ("district", 3), ("village", 4)):
        code = ".".join(parts[:depth])
        field = f"#id_{prefix}-{step}" if prefix else f"#id_{step}"
        page.wait_for_selector(f"{field} option[value='{code}']", state="attached")
        page.select_option(field, code)


def shoot(page: Any, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/screenshots/, to be looked at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@dataclass
class Race:
    """What calls run at the same moment came to: values returned, refusals (ValidationError), anything else."""

    made: list[Any] = field(default_factory=list)
    refused: list[ValidationError] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def at_once(calls: Sequence[Callable[[], Any]]) -> Race:
    """Run every call in its own thread, with its own database connection, released together by a barrier.

    For tests that a guarantee holds under concurrency (``django_db(transaction=True)``). Threads speak English, the
    language refusals are asserted in (a new thread starts in the site's language).
    """
    start = threading.Barrier(len(calls))
    race = Race()

    def run(call: Callable[[], Any]) -> None:
        try:
            translation.activate("en")
            start.wait()
            race.made.append(call())
        except ValidationError as exc:
            race.refused.append(exc)
        except BaseException as exc:
            race.errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return race
