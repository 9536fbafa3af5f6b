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


def open_menu(page: Any) -> None:
    """Open the phone's menu and wait until it has finished opening: a tap during Bootstrap's collapse animation can
    land beside a button that is still moving, on a busy machine more often."""
    page.locator(".navbar-toggler").click()
    page.locator(".navbar-collapse.show").wait_for()


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


# Query-string values people and probes send: numbers beyond a database integer, negative, not numbers, impossible
# dates, text in other scripts, a NUL (PostgreSQL refuses it in a string), markup and quotes. Keyed by the argument
# they were first seen to break; any of them may be sent to any argument.
ODD_QUERY_VALUES: dict[str, list[str]] = {
    "enterprise": ["1e20", "abc"],
    "year": ["99999", "-5"],
    "centre": ["99", "x"],
    "month": ["2026-13", "x"],
    "page": ["99999", "x"],
    "ordering": ["nonsense"],
    "product": ["1e20"],
    "session": ["99999999999999999999"],
    "area": ["'; --"],
}
ODD_VALUES = sorted(
    {value for values in ODD_QUERY_VALUES.values() for value in values}
    | {"", " ", "0", "-1", "1.5", "-0", "NaN", "inf", "2026-02-30", "2026-00-10", "0000-00-00", "9999-12-31"}
    | {"31/12/2026", "1.000", "1,5", "true", "on", "١٢٣", "Batik Ñusantara ✓", "🦄", "\x00", "%", "_", "a" * 300}
    | {"<script>", "' OR '1'='1", "-ordering", "35.76", "35.76.02.1001", "xlsx", "csv"}
)


def odd_query_strings(names: Sequence[str], choices: Sequence[str] = ()) -> Any:
    """A Hypothesis strategy of query strings (lists of key and value pairs, keys may repeat) for a list page whose
    filters are ``names``: each key a filter, a paging or sorting argument or something else; each value odd, or one
    of the page's own ``choices`` so that odd values meet valid ones."""
    from hypothesis import strategies as st

    keys = st.sampled_from(sorted({*names, "page", "sort", "ordering", "format", "per_page", "q"})) | st.text(
        max_size=8
    )
    numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
    dates = st.dates().map(lambda day: day.isoformat())
    values = st.sampled_from(ODD_VALUES) | numbers | dates | st.text(max_size=20)
    if choices:
        values |= st.sampled_from(sorted(choices))
    pairs = st.lists(st.tuples(keys, values), max_size=5)
    # The same query asked as the workbook export, which reads every matching row instead of one page.
    return st.tuples(pairs, st.booleans()).map(lambda drawn: [*drawn[0], *([("format", "xlsx")] if drawn[1] else [])])


FUZZ_SEED = "CANTING_FUZZ_SEED"


def fuzzed(max_examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis settings of the suite's fuzz tests: ``max_examples`` inputs, no deadline (a workbook export takes
    its time), the same inputs every run so CI is reproducible, unless ``CANTING_FUZZ_SEED=<number>`` asks for
    other ones (CONTRIBUTING.md, Running the checks)."""
    import os

    from hypothesis import HealthCheck, seed
    from hypothesis import settings as hypothesis_settings

    value = os.environ.get(FUZZ_SEED, "").strip()
    if value and not value.isdigit():
        raise ValueError(f"{FUZZ_SEED}={value!r} is not a number")

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        test = hypothesis_settings(
            max_examples=max_examples,
            deadline=None,
            derandomize=not value,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(test)
        return seed(int(value))(test) if value else test

    return decorate
