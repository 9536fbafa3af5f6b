"""Lists that stay small at national scale: areas chosen level by level (never the country's villages as options),
and long lists paged without counting every row."""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from canting.core.forms import resolve_cascade
from canting.core.testing import OTHER_VILLAGE, VILLAGE, staff_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import TurnoverReport

pytestmark = pytest.mark.django_db
MONTH = datetime.date(2025, 3, 1)


def test_the_cascade_keeps_the_deepest_choice_that_lies_in_the_one_above() -> None:
    assert resolve_cascade(["35", "35.76", "35.76.02"]) == "35.76.02"
    assert resolve_cascade(["35.76.02"]) == "35.76.02"  # one value, as the API and links send it
    assert resolve_cascade(["35", "", "35.76.02"]) == "35"  # the city set back to "all"
    assert resolve_cascade(["33", "35.76", "35.76.02"]) == "33"  # the province changed: the rest is stale
    assert resolve_cascade(["", "35.76"]) == ""
    assert resolve_cascade([]) == ""


@pytest.fixture
def reports(db: Any) -> dict[str, TurnoverReport]:
    here = EnterpriseFactory(name="Batik Magersari", village_id=VILLAGE)
    there = EnterpriseFactory(name="Batik Kranggan", village_id=OTHER_VILLAGE)
    return {
        "here": TurnoverReport.objects.create(enterprise=here, month=MONTH, state="submitted"),
        "there": TurnoverReport.objects.create(enterprise=there, month=MONTH, state="submitted"),
    }


def names(page: str) -> list[str]:
    return sorted(re.findall(r"<td>(Batik [A-Za-z]+)", page))


def options(page: str) -> set[str]:
    return set(re.findall(r'<option value="([0-9.]+)"', page))


def test_the_report_list_filters_by_an_area_of_any_level(client: Client, reports: Any) -> None:
    client.force_login(staff_user("nasional", area=None))
    url = reverse("turnover:report-list")

    def page(*values: str) -> str:
        return client.get(f"{url}?{urlencode([('village', v) for v in values])}").content.decode()

    district = page("35", "35.76", "35.76.02")
    assert names(district) == ["Batik Magersari"]
    assert names(page("35.76.03")) == ["Batik Kranggan"]
    assert names(page("35", "", "35.76.02")) == ["Batik Kranggan", "Batik Magersari"]
    assert names(page(VILLAGE)) == ["Batik Magersari"]
    # Only the way to the choice is offered: the city's districts and the district's villages, no other village.
    assert {"35", "35.76", "35.76.02", "35.76.03", VILLAGE} <= options(district)
    assert OTHER_VILLAGE not in options(district)
    assert not {code for code in options(page()) if code.count(".") > 0}  # no choice yet: provinces only


def test_an_officer_chooses_inside_their_area_only(client: Client, reports: Any) -> None:
    client.force_login(staff_user())  # Kota Mojokerto
    url = reverse("turnover:report-list")

    first = client.get(url).content.decode()
    outside = client.get(url, {"village": "35.15"})

    assert {"35.76.02", "35.76.03"} <= options(first) and "35" not in options(first)  # starts at the districts
    assert outside.status_code == 200 and names(outside.content.decode()) == []
    assert "village" in outside.context["filter"].errors


def test_choosing_in_one_select_brings_the_next_level(client: Client, db: Any) -> None:
    client.force_login(staff_user("nasional", area=None))
    url = reverse("area-options")

    chosen = client.get(url, {"cascade": "village", "parent": "35", "village": "35.76"}).content.decode()
    back = client.get(url, {"cascade": "village", "parent": "35", "village": ""}).content.decode()

    assert 'value="35.76" selected' in chosen and 'value="35.76.02"' in chosen and VILLAGE not in chosen
    assert 'value="35" selected' in back and 'value="35.76"' in back and "35.76.02" not in back
    assert client.get(url, {"cascade": "<script>", "village": "35"}).status_code == 400


def test_a_long_list_pages_on_without_counting_every_row(client: Client, staff: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("canting.core.lists.EXACT_UP_TO", 10)
    for n in range(30):
        EnterpriseFactory(name=f"Batik Halaman {n:02d}", village_id=VILLAGE)
    client.force_login(staff)
    url = reverse("registry:enterprise-list")

    first = client.get(url, {"ordering": "name"})
    second = client.get(url, {"ordering": "name", "page": 2})
    beyond = client.get(url, {"ordering": "name", "page": 3})

    # "more than 10" in the page's language, and "Page 2" without "of": the total is not known.
    assert first.context["paginator"].open_ended and str(first.context["total"]).endswith(" 10")
    assert first.context["page_obj"].has_next() and "page=2" in first.content.decode()
    assert [e.name for e in second.context["object_list"]] == [f"Batik Halaman {n}" for n in range(25, 30)]
    assert not second.context["page_obj"].has_next() and re.search(r"(Page|Halaman) 2</span>", second.content.decode())
    assert beyond.status_code == 404


def test_a_short_list_is_counted_exactly(client: Client, staff: Any) -> None:
    for n in range(3):
        EnterpriseFactory(name=f"Batik Hitung {n}", village_id=VILLAGE)
    client.force_login(staff)

    response = client.get(reverse("registry:enterprise-list"))

    assert response.context["total"] == 3 and not response.context["paginator"].open_ended


@pytest.mark.parametrize("exact_up_to", [10, 10_000])
def test_paging_ids_first_gives_the_same_pages_in_the_same_order(db: Any, exact_up_to: int) -> None:
    """Reports sorted by month and enterprise name, paged in one step or ids first, counted or open-ended."""
    from canting.core.lists import ListPaginator

    for n in range(23):
        enterprise = EnterpriseFactory(name=f"Batik {'ZYXWVUTSRQPONMLKJIHGFEDCBA'[n]}")
        for month in (MONTH, datetime.date(2025, 4, 1)):
            TurnoverReport.objects.create(enterprise=enterprise, month=month, state="submitted")
    reports = TurnoverReport.objects.select_related("enterprise").order_by("-month", "enterprise__name", "id")

    def pages(ids_first: bool) -> list[list[tuple[datetime.date, str]]]:
        paginator = ListPaginator(reports, 10, exact_up_to=exact_up_to, ids_first=ids_first)
        return [[(r.month, r.enterprise.name) for r in paginator.page(n).object_list] for n in (1, 2, 3, 4, 5)]

    one_step, ids_first = pages(False), pages(True)
    assert ids_first == one_step
    assert ids_first[0][0] == (datetime.date(2025, 4, 1), "Batik D") and ids_first[2][3] == (MONTH, "Batik D")
    assert [len(page) for page in ids_first] == [10, 10, 10, 10, 6]
