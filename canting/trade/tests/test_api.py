"""The export desk's API: buyers and orders read in the reader's scope, filtered by the pages' FilterSets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from canting.trade.tests.factories import complete_order

pytestmark = pytest.mark.django_db


def test_an_artisan_reads_only_their_own_orders(
    client: Any, artisan: Any, enterprise: Any, other_enterprise: Any
) -> None:
    own = complete_order(enterprise=enterprise)
    theirs = complete_order(enterprise=other_enterprise)
    client.force_login(artisan)
    listed = client.get(reverse("api-trade-order-list")).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [own.pk]
    assert client.get(reverse("api-trade-order-detail", args=[theirs.pk])).status_code == 404
    buyers = client.get(reverse("api-trade-buyer-list")).json()
    buyer_rows = buyers["results"] if isinstance(buyers, dict) else buyers
    assert [row["id"] for row in buyer_rows] == [own.buyer_id]


def test_an_order_comes_with_its_lines_packages_and_totals(client: Any, staff: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    client.force_login(staff)
    data = client.get(reverse("api-trade-order-detail", args=[order.pk])).json()
    assert data["number"] == order.number
    assert data["incoterm"] == "FCA"
    assert data["buyer_country"] == "JP"
    assert Decimal(data["goods"]) == Decimal("2675.00")
    assert [line["hs_code"] for line in data["lines"]] == ["5208.52", "6205.20"]
    # Every field the schema declares is in the answer: each line's amount, which the lines add up to the goods.
    assert all("amount" in line for line in data["lines"])
    assert sum(Decimal(line["amount"]) for line in data["lines"]) == Decimal(data["goods"])
    assert [len(p["items"]) for p in data["packages"]] == [1, 1]


def test_orders_filter_by_status_and_country(client: Any, staff: Any, enterprise: Any) -> None:
    complete_order(enterprise=enterprise)
    shipped = complete_order(enterprise=enterprise, status="shipped")
    client.force_login(staff)
    listed = client.get(reverse("api-trade-order-list"), {"status": "shipped", "country": "JP"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [shipped.pk]


def test_the_order_api_runs_a_fixed_number_of_queries(
    client: Any, staff: Any, enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        complete_order(enterprise=enterprise)
    client.force_login(staff)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("api-trade-order-list")).status_code == 200


def test_assessors_and_visitors_read_nothing(client: Any, assessor: Any) -> None:
    assert client.get(reverse("api-trade-order-list")).status_code == 403
    client.force_login(assessor)
    assert client.get(reverse("api-trade-buyer-list")).status_code == 403
