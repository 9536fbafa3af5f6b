"""Odd query strings get an answer, never a server error: every page and API list without arguments in its address,
opened by staff, an artisan and a visitor with the values people and probes send."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from canting.core.testing import ODD_QUERY_VALUES
from canting.core.tests.test_url_walk import named_patterns


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
        for key, values in ODD_QUERY_VALUES.items():
            for value in values:
                status = client.get(url, {key: value}).status_code
                if status >= 500:
                    failures.append(f"{url}?{key}={value}: {status}")
    assert not failures, "\n".join(failures)
