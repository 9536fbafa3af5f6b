"""The KPIs on a crafted dataset equal the numbers worked out by hand (see dataset.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canting.core.testing import OTHER_VILLAGE, make_user, staff_user
from canting.dashboard.selectors import Scope, kpis, monthly_series, turnover_by_village
from canting.dashboard.tests.dataset import MOJOKERTO, build

pytestmark = pytest.mark.django_db
MARCH = Scope(2025, 3)


@pytest.fixture
def data() -> dict[str, Any]:
    return build()


def test_every_kpi_of_mojokerto_staff_equals_the_hand_count(data: dict[str, Any]) -> None:
    # Given the crafted dataset and an officer of Kota Mojokerto
    # When the dashboard's KPIs are computed for January-March 2025
    result = kpis(MARCH, staff_user())
    # Then every number is the hand count: other states, areas and years left out
    assert result == MOJOKERTO


def test_the_city_scope_without_a_user_equals_the_staff_view(data: dict[str, Any]) -> None:
    assert kpis(Scope(2025, 3, area="35.76")) == MOJOKERTO


def test_the_national_view_adds_the_other_region(data: dict[str, Any]) -> None:
    result = kpis(MARCH)
    assert result["turnover_month"] == Decimal(350 + 101000)
    assert result["export_month"] == Decimal(1050)
    assert result["pieces_by_technique_ytd"]["tulis"] == 109
    assert (result["workers_men"], result["workers_women"]) == (12, 24)
    assert (result["reports_due"], result["reports_filed"]) == (4, 3)
    assert result["compliance_pct"] == Decimal("75.0")
    assert result["enterprises_by_class"] == {"pp7": {"kecil": 1, "mikro": 1, "menengah": 1}, "ikm": {"kecil": 1}}
    assert result["class_moves_ytd"] == 2
    assert (result["batikmark_holders"], result["sni_holders"]) == (2, 1)
    assert (result["people_trained_ytd"], result["people_certified_ytd"]) == (3, 3)


def test_staff_of_another_region_see_none_of_mojokerto(data: dict[str, Any]) -> None:
    sidoarjo = staff_user("sari", area="35.15.01")
    result = kpis(MARCH, sidoarjo)
    assert result["turnover_month"] == Decimal(101000)
    assert result["turnover_ytd_previous"] == Decimal(0)
    assert result["turnover_growth_pct"] is None
    assert result["reports_due"] == 1
    assert result["enterprises_by_class"] == {"pp7": {"menengah": 1}}
    # and asking for Mojokerto's area gives nothing rather than Mojokerto's figures
    mojokerto = kpis(Scope(2025, 3, area="35.76"), sidoarjo)
    assert mojokerto["turnover_ytd"] == Decimal(0)
    assert mojokerto["reports_due"] == 0
    assert mojokerto["compliance_pct"] is None


def test_a_kecamatan_and_a_centre_narrow_the_figures(data: dict[str, Any]) -> None:
    kranggan = kpis(Scope(2025, 3, area=OTHER_VILLAGE[:8]))
    assert kranggan["turnover_ytd"] == Decimal(400)
    assert kranggan["turnover_month"] == Decimal(0)
    assert (kranggan["reports_due"], kranggan["reports_filed"]) == (1, 1)
    centre = kpis(Scope(2025, 3, centre_id=data["c1"].pk))
    assert centre["turnover_ytd"] == Decimal(450)
    assert centre["turnover_ytd_previous"] == Decimal(200)
    assert centre["reports_due"] == 1
    assert centre["batikmark_holders"] == 1
    assert centre["people_trained_ytd"] == 1


def test_a_non_staff_user_sees_no_figures(data: dict[str, Any]) -> None:
    artisan = make_user("ani", "artisan", enterprise=data["e1"])
    result = kpis(MARCH, artisan)
    assert result["turnover_ytd"] == Decimal(0)
    assert result["reports_due"] == 0
    assert result["enterprises_by_class"] == {}


def test_the_kpis_take_eight_queries_whatever_the_data(data: dict[str, Any]) -> None:
    staff = staff_user()
    with CaptureQueriesContext(connection) as queries:
        kpis(MARCH, staff)
    assert len(queries.captured_queries) == 8


def test_the_series_cover_24_months_ending_with_the_month(data: dict[str, Any]) -> None:
    series = monthly_series(MARCH, staff_user())
    assert len(series) == 24
    assert (series[0].month.isoformat(), series[-1].month.isoformat()) == ("2023-04-01", "2025-03-01")
    by_month = {m.month.isoformat(): (m.domestic, m.export, m.pieces) for m in series if m.turnover}
    assert by_month == {
        "2024-02-01": (Decimal(200), Decimal(0), {"tulis": 0, "cap": 0, "kombinasi": 0, "tiruan": 0}),
        "2024-04-01": (Decimal(999), Decimal(0), {"tulis": 0, "cap": 0, "kombinasi": 0, "tiruan": 0}),
        "2025-01-01": (Decimal(100), Decimal(0), {"tulis": 4, "cap": 0, "kombinasi": 0, "tiruan": 0}),
        "2025-02-01": (Decimal(400), Decimal(0), {"tulis": 0, "cap": 10, "kombinasi": 0, "tiruan": 3}),
        "2025-03-01": (Decimal(300), Decimal(50), {"tulis": 5, "cap": 2, "kombinasi": 1, "tiruan": 0}),
    }


def test_turnover_by_kelurahan_is_the_year_to_date_largest_first(data: dict[str, Any]) -> None:
    rows = turnover_by_village(MARCH, staff_user())
    assert rows == [("35.76.02.1001", "Gununggedangan", Decimal(450)), (OTHER_VILLAGE, "Miji", Decimal(400))]
