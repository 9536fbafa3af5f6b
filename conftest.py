"""Shared fixtures: the Kota Mojokerto areas (loaded once per test database) and the named personas.

``CANTING_TEST_TODAY=YYYY-MM-DD`` moves the clock of the whole run to that day (09:00 in the deployment's time zone,
then ticking), so the suite can be proven on any date: month ends, year ends, leap days.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from canting.core.testing import OTHER_VILLAGE, make_user, staff_user

TEST_TODAY = "CANTING_TEST_TODAY"
_TRAVEL = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    value = os.environ.get(TEST_TODAY, "").strip()
    if not value:
        return
    import datetime
    import zoneinfo

    import time_machine

    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"{TEST_TODAY}={value!r} is not a date: write it as YYYY-MM-DD") from None
    zone = zoneinfo.ZoneInfo(os.environ.get("TIME_ZONE") or "Asia/Jakarta")
    travel = time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=zone), tick=True)
    travel.start()
    config.stash[_TRAVEL] = travel


def pytest_unconfigure(config: pytest.Config) -> None:
    travel = config.stash.get(_TRAVEL, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    if _TRAVEL in config.stash:
        return f"clock moved to {os.environ[TEST_TODAY]} 09:00 by {TEST_TODAY}"
    return None


@pytest.fixture(autouse=True)
def _story_day(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.on_day(2026, 12, 7)`` (or ``pytestmark`` for a module): the test's story happens on that
    day, 10:00 local time, whatever the real date is; for tests built on the factories' fixed dates (a certificate
    valid from 2025 to 2028)."""
    marker = request.node.get_closest_marker("on_day")
    if marker is None:
        yield
        return
    import datetime

    from canting.core.testing import on_day

    with on_day(datetime.date(*marker.args)):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from canting.core.areas import load_areas

    with django_db_blocker.unblock():
        load_areas("35.76")  # Kota Mojokerto: 3 districts, 18 villages
        load_areas("35.15.01")  # one district of Sidoarjo, for staff of another region


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: Any) -> Iterator[None]:
    """The suite's cache lives in a folder of its own, never in the data folder a development server may be using
    at the same time (the embedded default is a cache on disk, shared by every process that opens it)."""
    from django.conf import settings
    from django.test import override_settings

    caches = {name: {**config} for name, config in settings.CACHES.items()}
    for config in caches.values():
        if config["BACKEND"] == "canting.core.cache.DiskCache":
            config["LOCATION"] = str(tmp_path_factory.mktemp("cache"))
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(scope="session", autouse=True)
def _quick_settings() -> Iterator[None]:
    """Two settings that cost the suite minutes and guard nothing it tests:

    - passwords of test logins are hashed with MD5 (Argon2 takes tens of milliseconds of CPU for each of the
      suite's ~850 logins); the deployment's hashers stay behind it, so their hashes still verify, and the tests of
      the hashing itself ask for them with ``production_hashers``;
    - WhiteNoise looks static files up when asked (as with DEBUG) instead of indexing all of them whenever a test
      client is made: every ``Client()`` builds the middleware again.
    """
    from django.conf import settings
    from django.test import override_settings

    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers, WHITENOISE_AUTOREFRESH=True):
        yield


@pytest.fixture
def production_hashers(settings: Any) -> None:
    """The deployment's own password hashers, for the tests of hashing."""
    from canting import settings as deployment

    settings.PASSWORD_HASHERS = deployment.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Every test starts in the site's language: a request in English (its cookie) leaves the thread in English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Every test starts with an empty cache: a public page cached by one test must not answer in another."""
    from django.core.cache import cache

    cache.clear()


_DEMO_OPEN = pytest.StashKey[Any]()  # the demo's outer transaction while its tests run


@pytest.fixture(scope="session")
def demo_loaded(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[Path]:
    """The whole demo, loaded once in a run (it takes seconds) into an outer transaction that each test's own
    transaction nests in. The tests that ask for it run one after another (``pytest_collection_modifyitems``), and
    the transaction is rolled back after the last of them (``pytest_runtest_teardown``). Yields where its pictures
    are."""
    from django.db import transaction
    from django.test import override_settings

    from canting import demo

    media = tmp_path_factory.mktemp("demo-media")
    stack = contextlib.ExitStack()
    stack.enter_context(django_db_blocker.unblock())
    stack.enter_context(override_settings(MEDIA_ROOT=media))
    stack.enter_context(transaction.atomic())
    stack.callback(transaction.set_rollback, True)  # runs first: the atomic block then rolls back
    request.config.stash[_DEMO_OPEN] = stack
    demo.load()
    yield media
    _close_demo(request.config)


def _close_demo(config: pytest.Config) -> None:
    stack = config.stash.get(_DEMO_OPEN, None)
    if stack is not None:
        del config.stash[_DEMO_OPEN]
        stack.close()


def _uses_demo(item: pytest.Item) -> bool:
    return "demo_loaded" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The demo's tests run together, where the first of them stands in pytest-django's order (all of them use the
    ``db`` fixture), so no other test runs inside the demo's transaction."""
    demo_items = [item for item in items if _uses_demo(item)]
    if not demo_items:
        return
    for item in demo_items:  # with pytest-xdist (--dist loadgroup), one worker runs them all, in this order
        item.add_marker(pytest.mark.xdist_group("demo"))
    at = items.index(demo_items[0])
    others = [item for item in items if not _uses_demo(item)]
    items[:] = others[:at] + demo_items + others[at:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield  # the test's own fixtures (its transaction) are torn down first
    if _uses_demo(item) and (nextitem is None or not _uses_demo(nextitem)):
        _close_demo(item.config)


def _enterprise(name: str, **extra: Any) -> Any:
    from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory

    made = EnterpriseFactory(name=name, **extra)
    MembershipFactory(enterprise=made)
    return made


def _personas(enterprise: Any, other_enterprise: Any) -> dict[str, Any]:
    return {
        "staff": staff_user(),
        "artisan": make_user("ani", "artisan", enterprise=enterprise),
        "other_artisan": make_user("budi", "artisan", enterprise=other_enterprise),
        "assessor": make_user("hendro", "assessor"),
        "visitor": None,
    }


@pytest.fixture
def enterprise(db: Any) -> Any:
    return _enterprise("Batik Sekar Uji")


@pytest.fixture
def other_enterprise(db: Any) -> Any:
    return _enterprise("Batik Lain", village_id=OTHER_VILLAGE)


@pytest.fixture
def staff(db: Any) -> Any:
    return staff_user()


@pytest.fixture
def artisan(enterprise: Any) -> Any:
    return make_user("ani", "artisan", enterprise=enterprise)


@pytest.fixture
def other_artisan(other_enterprise: Any) -> Any:
    return make_user("budi", "artisan", enterprise=other_enterprise)


@pytest.fixture
def assessor(db: Any) -> Any:
    return make_user("hendro", "assessor")


@pytest.fixture
def personas(staff: Any, artisan: Any, other_artisan: Any, assessor: Any) -> dict[str, Any]:
    """Every role, keyed by name; ``visitor`` is None (not signed in)."""
    return {"staff": staff, "artisan": artisan, "other_artisan": other_artisan, "assessor": assessor, "visitor": None}


@pytest.fixture(scope="module")
def module_db(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """A transaction open for a whole test module, rolled back after it: what module-scoped fixtures write in it
    is made once and seen by every test of the module (each test's own ``db`` transaction nests in it)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_personas(module_db: None) -> dict[str, Any]:
    """The ``personas``, made once for a module (``module_db``); ``enterprise`` is the artisan's."""
    return _personas(_enterprise("Batik Sekar Uji"), _enterprise("Batik Lain", village_id=OTHER_VILLAGE))


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def restore_areas(transactional_db: Any) -> None:
    """Tests against the live server run on a database that is emptied after each of them (pytest-django runs them
    after the others); put the test areas back before each one."""
    from canting.core.areas import load_areas

    load_areas("35.76")
    load_areas("35.15.01")


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; skipped without it unless CANTING_REQUIRE_BROWSER=1 (CI)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CANTING_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}, and CANTING_REQUIRE_BROWSER=1")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    # The suite runs a worker per CPU beside the live servers and their databases: a page may take longer than
    # Playwright's 5 s to show what a test waits for, without being wrong.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
