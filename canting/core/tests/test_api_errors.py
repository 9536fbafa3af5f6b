"""The API's refusals are the ones its schema documents: JSON bodies, documented codes, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from canting.core.tests.test_openapi import COMMITTED
from canting.settings import UNKNOWN_ADDRESS, client_address


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/products/1.5/", "/api/v1/motifs/abc/", "/api/v1/nowhere/"])
def test_an_address_no_endpoint_matches_answers_404_in_json(path: str) -> None:
    response = APIClient().get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
def test_a_page_no_view_matches_keeps_the_site_404_page(client: Any) -> None:
    response = client.get("/id/nowhere/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({}, UNKNOWN_ADDRESS),
        ({"REMOTE_ADDR": ""}, UNKNOWN_ADDRESS),
        ({"REMOTE_ADDR": "unix:/run/gunicorn.sock"}, UNKNOWN_ADDRESS),
        ({"REMOTE_ADDR": "203.0.113.9"}, "203.0.113.9"),
        ({"REMOTE_ADDR": "2001:db8::1"}, "2001:db8::1"),
    ],
)
def test_a_client_address_that_cannot_be_read_is_the_unknown_one(meta: dict[str, str], expected: str) -> None:
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)

    assert client_address(request) == expected


@override_settings(PROXY_COUNT=1)
def test_a_proxy_hop_that_is_not_an_address_is_the_unknown_one() -> None:
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="garbage", REMOTE_ADDR="10.0.0.2")

    assert client_address(request) == UNKNOWN_ADDRESS


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/passports/0/", "/api/v1/certificates/verify/0/"])
def test_a_rate_limited_code_lookup_without_a_client_address_answers(path: str) -> None:
    """The rate limits of the public code lookups answered 500 to a request without REMOTE_ADDR."""
    response = APIClient().get(path, REMOTE_ADDR="")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "method", "codes"),
    [
        ("/api/v1/batches/", "get", {"200", "400", "403", "404"}),  # filters; a page beyond the last
        ("/api/v1/batches/", "post", {"201", "400", "403"}),
        ("/api/v1/batches/{id}/", "get", {"200", "403", "404"}),
        ("/api/v1/batches/{id}/", "patch", {"200", "400", "403", "404"}),
        ("/api/v1/areas/", "get", {"200", "400", "403", "404", "429"}),  # throttled for visitors
    ],
)
def test_the_schema_documents_the_refusals_an_endpoint_answers(
    schema: dict[str, Any], path: str, method: str, codes: set[str]
) -> None:
    assert set(schema["paths"][path][method]["responses"]) == codes
