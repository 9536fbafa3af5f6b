"""The turnover API: reports read through ``for_user``; an artisan never reads another enterprise's figures."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from rest_framework.test import APIClient

from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.django_db


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_artisan_reads_only_their_own_reports(artisan: Any, enterprise: Any, other_enterprise: Any) -> None:
    mine = TurnoverReportFactory(enterprise=enterprise, month=datetime.date(2025, 1, 1))
    theirs = TurnoverReportFactory(enterprise=other_enterprise, month=datetime.date(2025, 1, 1))
    listed = api(artisan).get("/api/v1/turnover-reports/").json()
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    assert api(artisan).get(f"/api/v1/turnover-reports/{theirs.pk}/").status_code == 404
    assert api(artisan).get(f"/api/v1/turnover-reports/?enterprise={other_enterprise.pk}").json()["results"] == []


def test_staff_read_and_filter_the_reports_of_their_area(
    staff: Any, enterprise: Any, other_enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    for month in range(1, 13):
        TurnoverReportFactory(enterprise=enterprise, month=datetime.date(2024, month, 1), state="submitted")
        TurnoverReportFactory(enterprise=other_enterprise, month=datetime.date(2024, month, 1))
    with django_assert_max_num_queries(6):
        listed = api(staff).get("/api/v1/turnover-reports/").json()
    assert listed["count"] == 24
    march = api(staff).get("/api/v1/turnover-reports/?month=2024-03&state=submitted").json()
    assert [(r["enterprise_name"], r["month"], r["total_sales"]) for r in march["results"]] == [
        ("Batik Sekar Uji", "2024-03-01", "10000000")
    ]


def test_the_api_is_read_only(staff: Any) -> None:
    assert api(staff).post("/api/v1/turnover-reports/", {}, format="json").status_code == 405
