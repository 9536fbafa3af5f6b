"""The API fuzzed against its own schema: every operation of docs/api/openapi.yaml, as every role, with requests
generated from the schema (valid and invalid), sent through the WSGI application; no answer is a server error, and
every answer is one the schema documents (its status code, content type and body).

Writes are fuzzed too: each request runs in a savepoint rolled back after it, inside the test's transaction (the
demo's data, loaded once for the module, stays as it was). Bounded and reproducible: ``FUZZ_EXAMPLES`` requests per
operation and role (``CANTING_FUZZ_EXAMPLES`` asks for more), half valid and half invalid, derandomized so CI sends
the same requests every run; ``CANTING_FUZZ_SEED=<number>`` fuzzes with other ones (CONTRIBUTING.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from canting.core.testing import fuzzed
from canting.core.tests.test_openapi import COMMITTED

SCHEMA = schemathesis.openapi.from_path(COMMITTED)
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}
FUZZ_EXAMPLES = int(os.environ.get("CANTING_FUZZ_EXAMPLES") or 10)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = ["visitor", "staff", "artisan", "assessor"]


@pytest.fixture(scope="module")
def app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, without closing the test's database connection at each request's start and end
    (Django's test client leaves those signals out for the same reason)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_answers_every_request_as_its_schema_says(
    demo_loaded: Any, db: Any, request: pytest.FixtureRequest, app: WSGIHandler, role: str, label: str
) -> None:
    operation = OPERATIONS[label]
    # Only this role's persona: each one's password is hashed, which costs more than a few requests.
    user = None if role == "visitor" else request.getfixturevalue(role)
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"} if user else {}
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @fuzzed(FUZZ_EXAMPLES)
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        with transaction.atomic():
            response = case.call(app=app, headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)
            transaction.set_rollback(True)

    fuzz()
