"""The areas endpoint: public Kemendagri reference data, filtered like the area picker."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

AREAS = reverse("api-area-list")


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_visitors_may_read_areas() -> None:
    response = APIClient().get(AREAS + "?parent=35.76")

    assert codes(response) == ["35.76.01", "35.76.02", "35.76.03"]
    assert response.json()["results"][1] == {
        "code": "35.76.02",
        "name": "Magersari",
        "level": 3,
        "parent": "35.76",
    }


def test_an_area_by_its_code(assessor: Any) -> None:
    client = APIClient()
    client.force_authenticate(assessor)

    body = client.get(reverse("api-area-detail", args=["35.76.02.1001"])).json()

    assert (body["name"], body["level"], body["parent"]) == ("Gununggedangan", 4, "35.76.02")
    assert client.get(reverse("api-area-detail", args=["35.99"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?level=2", ["35.15", "35.76"]),
        ("?code=35.15&level=3", ["35.15.01"]),
        ("?q=gununggedangan", ["35.76.02.1001"]),
    ],
)
def test_area_filters(staff: Any, query: str, expected: list[str]) -> None:
    client = APIClient()
    client.force_authenticate(staff)

    assert codes(client.get(AREAS + query)) == expected


def test_areas_are_read_only(staff: Any) -> None:
    client = APIClient()
    client.force_authenticate(staff)

    response = client.post(AREAS, {"code": "35.76.09", "name": "Baru", "level": 3, "parent": "35.76"})

    assert response.status_code == 405


@pytest.mark.parametrize("query", ["?parent=35.76", "?level=4"])
def test_area_list_query_count(staff: Any, django_assert_num_queries: Any, query: str) -> None:
    client = APIClient()
    client.force_authenticate(staff)

    with django_assert_num_queries(2):  # count + page
        assert client.get(AREAS + query).status_code == 200
