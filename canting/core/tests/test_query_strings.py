"""Odd query strings get an answer, never a server error: every page and API list without arguments in its address,
opened by staff, an artisan and a visitor with the values people and probes send."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from canting.core.tests.test_url_walk import named_patterns

ODD = {
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


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "artisan", "visitor"])
def test_odd_values_in_query_strings_never_cause_a_server_error(personas: dict[str, Any], role: str) -> None:
    client = Client(raise_request_exception=False)
    if personas[role] is not None:
        client.force_login(personas[role])
    failures = []
    for name, pattern in named_patterns().items():
        if pattern.pattern.regex.groupindex or name in {"logout", "favicon"}:
            continue
        url = reverse(name)
        for key, values in ODD.items():
            for value in values:
                status = client.get(url, {key: value}).status_code
                if status >= 500:
                    failures.append(f"{url}?{key}={value}: {status}")
    assert not failures, "\n".join(failures)
