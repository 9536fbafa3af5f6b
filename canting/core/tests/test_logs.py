"""The log says that a page was refused, without a traceback; real errors keep theirs."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured console handler writes, for the length of a test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


@pytest.mark.django_db
def test_a_refused_page_logs_one_line_without_a_traceback(client: Client, artisan: Any, console: io.StringIO) -> None:
    client.force_login(artisan)

    assert client.get(reverse("registry:enterprise-list")).status_code == 403

    assert "Forbidden (Permission denied): /registry/enterprises/" in console.getvalue()
    assert "Traceback" not in console.getvalue()


def test_an_error_keeps_its_traceback(console: io.StringIO) -> None:
    try:
        raise RuntimeError("kaboom")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /x/", exc_info=True, extra={"status_code": 500}
        )

    assert "Traceback" in console.getvalue() and "kaboom" in console.getvalue()
