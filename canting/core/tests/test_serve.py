"""`canting serve` names the address it serves at in every link it builds, unless CANTING_SITE_URL says otherwise."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings

from canting.certification.services.labels import label_url
from canting.core.management.commands.serve import Command, local_site_url


@pytest.fixture
def environ(monkeypatch: Any, settings: Any) -> Any:
    """No site address in the environment; what the command writes into the settings is undone after the test."""
    monkeypatch.delenv("CANTING_SITE_URL", raising=False)
    settings.CANTING_SITE_URL = "http://127.0.0.1:8000"
    return monkeypatch


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "http://127.0.0.1:8123"),
        ("localhost", "http://localhost:8123"),
        ("0.0.0.0", "http://127.0.0.1:8123"),  # noqa: S104 -- a host name under test, nothing is bound
        ("::1", "http://[::1]:8123"),
    ],
)
def test_the_served_address_is_one_a_browser_opens(host: str, expected: str) -> None:
    assert local_site_url(host, 8123) == expected


def test_serving_on_another_port_moves_every_link_there(environ: Any) -> None:
    site = Command().site_address("127.0.0.1", 8123)

    assert site == "http://127.0.0.1:8123"
    assert os.environ["CANTING_SITE_URL"] == site  # the gunicorn workers that replace the command inherit it
    assert label_url("ABCDEFGHJKM") == "http://127.0.0.1:8123/p/ABCDEFGHJKM"


def test_a_site_address_that_was_set_wins_over_the_port(environ: Any) -> None:
    environ.setenv("CANTING_SITE_URL", "https://canting.example.id")
    settings.CANTING_SITE_URL = "https://canting.example.id"

    assert Command().site_address("0.0.0.0", 8123)  # noqa: S104 == "https://canting.example.id"
    assert label_url("ABCDEFGHJKM") == "https://canting.example.id/p/ABCDEFGHJKM"
