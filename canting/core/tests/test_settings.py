"""Settings: bad configuration stops the process with a message naming the variable; production is locked down.

Each case that changes the environment loads the settings in a fresh process, as a deployment would.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import get_hasher
from django.test import RequestFactory

from canting.demo import DEMO_PASSWORD

# Every variable the settings read: a case starts from none of them, so the caller's environment cannot leak in.
SETTINGS_VARIABLES = (
    "CANTING_MODE",
    "CANTING_DEBUG",
    "CANTING_DATA_DIR",
    "CANTING_SITE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "MEDIA_ROOT",
    "MEDIA_ACCEL_REDIRECT",
    "SESSION_HOURS",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "PROXY_COUNT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
)
PRODUCTION = {
    "CANTING_MODE": "production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "canting.example.id",
    "CANTING_SITE_URL": "https://canting.example.id",
}
PRINT_SETTING = "from django.conf import settings; print({expr})"


def run_canting(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``canting ARGS`` in a new process with only ``env`` among the settings variables."""
    # Browser tests allow Django's async-unsafe calls in this process; a deployment must not inherit that.
    inherited = set(SETTINGS_VARIABLES) | {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in inherited}
    environ.update({"CANTING_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "canting.settings", **env})
    return subprocess.run(  # noqa: S603 -- this interpreter, fixed arguments
        [sys.executable, *args], env=environ, capture_output=True, text=True, timeout=120, check=False
    )


def read_setting(tmp_path: Path, env: dict[str, str], expr: str) -> subprocess.CompletedProcess[str]:
    return run_canting(tmp_path, env, "-c", "import django; django.setup(); " + PRINT_SETTING.format(expr=expr))


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = read_setting(tmp_path, env, "settings.DEBUG")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_a_placeholder_secret_key(tmp_path: Path) -> None:
    result = read_setting(tmp_path, {**PRODUCTION, "SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "1")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}

    result = read_setting(tmp_path, env, "1")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_a_malformed_boolean_names_the_variable(tmp_path: Path) -> None:
    result = read_setting(tmp_path, {"CANTING_DEBUG": "maybe"}, "settings.DEBUG")

    assert result.returncode != 0
    assert "CANTING_DEBUG must be one of" in result.stderr
    assert "'maybe'" in result.stderr


def test_a_malformed_number_names_the_variable(tmp_path: Path) -> None:
    result = read_setting(tmp_path, {"SESSION_HOURS": "twelve"}, "settings.SESSION_COOKIE_AGE")

    assert result.returncode != 0
    assert "SESSION_HOURS must be a whole number" in result.stderr


@pytest.mark.parametrize("location", ["internal-media/", "/internal-media", "https://x.id/m/"])
def test_an_accel_redirect_location_that_is_not_one_names_the_variable(tmp_path: Path, location: str) -> None:
    result = read_setting(tmp_path, {"MEDIA_ACCEL_REDIRECT": location}, "settings.MEDIA_ACCEL_REDIRECT")

    assert result.returncode != 0
    assert f"MEDIA_ACCEL_REDIRECT={location!r} is not a location" in result.stderr


def test_sessions_longer_than_twelve_hours_are_refused(tmp_path: Path) -> None:
    result = read_setting(tmp_path, {"SESSION_HOURS": "13"}, "settings.SESSION_COOKIE_AGE")

    assert result.returncode != 0
    assert "SESSION_HOURS must be 12 or less" in result.stderr


def test_production_passes_the_deployment_checks_without_a_warning(tmp_path: Path) -> None:
    result = run_canting(tmp_path, PRODUCTION, "-m", "canting.cli", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr.upper()


def test_production_without_a_site_address_refuses_to_start(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "CANTING_SITE_URL"}

    result = read_setting(tmp_path, env, "settings.CANTING_SITE_URL")

    assert result.returncode != 0
    assert "CANTING_SITE_URL is required when CANTING_MODE=production" in result.stderr


@pytest.mark.parametrize("address", ["canting.example.id", "ftp://canting.example.id", "https://x.id/canting/"])
def test_a_site_address_that_is_not_one_names_the_variable(tmp_path: Path, address: str) -> None:
    result = read_setting(tmp_path, {**PRODUCTION, "CANTING_SITE_URL": address}, "1")

    assert result.returncode != 0
    assert f"CANTING_SITE_URL={address!r} is not a site address" in result.stderr


def test_production_links_use_the_site_address_as_written(tmp_path: Path) -> None:
    result = read_setting(
        tmp_path, {**PRODUCTION, "CANTING_SITE_URL": "https://batik.example.id/"}, "settings.CANTING_SITE_URL"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://batik.example.id"


def test_production_keeps_cookies_on_https_and_off_scripts(tmp_path: Path) -> None:
    expr = "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY"

    result = read_setting(tmp_path, PRODUCTION, expr)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_production_redirects_to_https_except_the_health_probe(tmp_path: Path) -> None:
    probe = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "print(c.get('/login/', HTTP_HOST='canting.example.id')['Location'], "
        "c.get('/healthz/', HTTP_HOST='canting.example.id').status_code)"
    )

    result = run_canting(tmp_path, PRODUCTION, "-c", probe)

    assert result.returncode == 0, result.stderr
    # Not redirected: the probe answers itself (503 here, as this fresh data folder was never migrated or built).
    assert result.stdout.split() == ["https://canting.example.id/login/", "503"]


def test_sqlite_runs_in_wal_mode(tmp_path: Path, settings: Any) -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the default database is not SQLite")
    # The test database lives in memory, which has no write-ahead log: open the file a laptop install would use.
    query = (
        "import django; django.setup(); from django.db import connection; cursor = connection.cursor(); "
        "cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0])"
    )

    result = run_canting(tmp_path, {}, "-c", query)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"
    assert (tmp_path / "canting.sqlite3").exists()


def test_sessions_last_twelve_hours_at_most(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


@pytest.mark.usefixtures("production_hashers")
def test_passwords_are_hashed_with_argon2(settings: Any) -> None:
    assert get_hasher("default").algorithm == "argon2"
    assert get_hasher("default").encode(DEMO_PASSWORD, "somesaltvalue12").startswith("argon2$")


def test_failed_logins_cool_off_instead_of_locking_for_good(settings: Any) -> None:
    assert isinstance(settings.AXES_COOLOFF_TIME, timedelta)
    assert timedelta(0) < settings.AXES_COOLOFF_TIME <= timedelta(hours=24)
    assert settings.AXES_FAILURE_LIMIT >= 3
    assert settings.AXES_RESET_ON_SUCCESS is True


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.9"),  # reached directly: the socket's address
        (0, "203.0.113.7", "10.0.0.9"),  # reached directly: a header the client wrote is ignored
        (1, "203.0.113.7", "203.0.113.7"),  # one proxy that replaces the header
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # one proxy that appends: the client wrote the first
        (2, "198.51.100.1, 203.0.113.7, 10.1.1.1", "203.0.113.7"),  # a load balancer, then nginx
        (1, "", "10.0.0.9"),  # a request that did not come through the proxy
    ],
)
def test_the_login_throttle_counts_the_real_client_address(
    settings: Any, proxies: int, forwarded_for: str, expected: str
) -> None:
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/login/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert django_settings.AXES_CLIENT_IP_CALLABLE(request) == expected
