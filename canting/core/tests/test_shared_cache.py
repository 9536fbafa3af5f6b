"""The embedded default's cache is shared by every process that serves Canting: gunicorn's workers count one
passport rate limit per client address, not one each."""

from __future__ import annotations

import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

RATE = 5
REQUESTS = 24
MOST = 400  # requests at most while waiting for the second worker to take one


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url() -> str:
    """The test database, as a URL a second process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def status_of(url: str) -> int:
    request = urllib.request.Request(url, headers={"Connection": "close"})  # noqa: S310 -- a loopback address
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.django_db(transaction=True)
def test_two_gunicorn_workers_count_one_passport_limit(tmp_path: Path) -> None:
    port = free_port()
    with translation.override("en"):
        path = reverse("passport:detail", args=["ABCDEFGHJKM"])  # well formed, never issued: 404 when not limited
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        CANTING_DATA_DIR=str(tmp_path),  # a cache folder of its own, shared by this server's two workers
        DATABASE_URL=database_url(),
        PASSPORT_RATE=f"{RATE}/h",  # an hour's window: the count cannot start over mid-test
        SHOWCASE_CACHE_SECONDS="0",
        DJANGO_SETTINGS_MODULE="canting.settings",
    )
    log = tmp_path / "access.log"
    server = subprocess.Popen(  # noqa: S603 -- this interpreter, fixed arguments
        [sys.executable, "-m", "gunicorn", "canting.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if status_of(f"http://127.0.0.1:{port}/healthz/") == 200:
                    break
            except OSError:
                time.sleep(0.2)
        url = f"http://127.0.0.1:{port}{path}"
        statuses = [status_of(url) for _ in range(RATE)]
        # Which worker accepts a connection is the kernel's choice, and one idle worker may take them all: requests
        # go four at a time, so one worker is busy when another arrives, until both workers have answered.
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            while len(statuses) < MOST and (len(statuses) < REQUESTS or len(workers_in(log)) < 2):
                statuses += pool.map(status_of, [url] * 4)
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert len(workers_in(log)) == 2, f"one worker answered all {len(statuses)} requests"
    assert statuses[:RATE] == [404] * RATE
    assert statuses[RATE:] == [429] * (len(statuses) - RATE)  # the other worker counted the same five


def workers_in(log: Path) -> set[str]:
    """The process ids in gunicorn's access log: which workers have answered."""
    lines = log.read_text().splitlines() if log.exists() else []
    return {line.split()[0] for line in lines if line.strip()}


def test_the_embedded_default_is_a_cache_on_disk_under_the_data_folder(tmp_path: Path) -> None:
    from canting.core.tests.test_settings import read_setting

    result = read_setting(tmp_path, {}, "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["canting.core.cache.DiskCache", str(tmp_path / "cache")]


def test_a_redis_address_selects_redis(tmp_path: Path) -> None:
    from canting.core.tests.test_settings import read_setting

    result = read_setting(tmp_path, {"CACHE_URL": "redis://127.0.0.1:6379/1"}, "settings.CACHES['default']['BACKEND']")

    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db
def test_a_request_opens_no_new_cache_connection_once_the_first_has(monkeypatch: pytest.MonkeyPatch) -> None:
    """diskcache's SQLite connections stay open between requests, as the database's do (CONN_MAX_AGE): opening
    them again cost every public page about a millisecond."""
    import sqlite3

    import diskcache.core
    from django.test import Client

    opened: list[str] = []
    connect = sqlite3.connect

    def counting_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(str(args[0]))
        return connect(*args, **kwargs)

    monkeypatch.setattr(diskcache.core.sqlite3, "connect", counting_connect)
    with translation.override("id"):
        path = reverse("showcase:products")
    Client().get(path)
    Client().get(path)  # both cache shards the page uses are open now
    opened.clear()

    assert Client().get(path)["X-Cache"] == "hit"
    assert opened == []


def test_sqlite_connections_are_kept_between_requests(tmp_path: Path) -> None:
    from canting.core.tests.test_settings import read_setting

    result = read_setting(tmp_path, {}, "settings.DATABASES['default']['CONN_MAX_AGE']")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60"
