"""Every list page fuzzed through its query string: its FilterSet's filters, paging, sorting and the workbook export,
with odd values (canting.core.testing.ODD_VALUES, huge and negative numbers, impossible dates, any text), keys
repeated and combined, as each role that may open the page, over the demo's data. No answer is a server error; a
page number beyond the last answers 404 (Django's pagination), nothing else refuses.

test_query_strings.py sends fixed odd values one argument at a time to every address; this one generates
combinations per list page. Bounded and reproducible like the API fuzz: ``CANTING_FUZZ_SEED`` asks for others.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, reverse
from django.views.generic import ListView
from hypothesis import given

from canting.catalogue.filtersets import MotifFilterSet, ProductFilterSet
from canting.catalogue.views.showcase import MotifListView, ProductListView
from canting.core.lists import FilteredListView
from canting.core.testing import fuzzed, odd_query_strings
from canting.core.tests.test_url_walk import EXPECTED, named_patterns
from canting.core.tests.test_url_walk import ROLES as WALK_ROLES

FUZZ_EXAMPLES = 25
ROLES = ("staff", "artisan", "assessor", "visitor")
# Lists whose address names what they list: the argument from the demo's data, and the roles that may open the
# list for it (the demo's exhibitions have no booth of the fixtures' artisan).
ARGUMENTS = {"exhibitions:lead-list": (("exhibitions", "Exhibition"), {"staff"})}


# The showcase's lists build their FilterSet themselves (one per request, over public pieces only).
SHOWCASE_FILTERSETS = {ProductListView: ProductFilterSet, MotifListView: MotifFilterSet}


def is_list_page(name: str, pattern: URLPattern) -> bool:
    view = getattr(pattern.callback, "view_class", None)
    if name.startswith("api-") or view is None:
        return False
    return issubclass(view, FilteredListView) or (issubclass(view, ListView) and name.endswith(("-list", "s")))


LIST_PAGES = sorted(name for name, pattern in named_patterns().items() if is_list_page(name, pattern))
# Each list page as each role that may open it (the URL walk's table says who).
OPENED = [
    (name, role)
    for name in LIST_PAGES
    for role in ROLES
    if EXPECTED[name][WALK_ROLES.index(role)] == 200 and role in ARGUMENTS.get(name, ((), ROLES))[1]
]


def filter_names_and_choices(pattern: URLPattern) -> tuple[list[str], list[str]]:
    """The page's filter names and the values its choice filters accept."""
    view = pattern.callback.view_class  # type: ignore[attr-defined]
    filterset = getattr(view, "filterset_class", None) or SHOWCASE_FILTERSETS.get(view)
    if filterset is None:
        return [], []
    choices = []
    for field in filterset.base_filters.values():
        options = field.extra.get("choices") or ()
        choices += [str(value) for value, _label in (options() if callable(options) else options) if value != ""]
    return list(filterset.base_filters), choices


def address(name: str) -> str:
    if name not in ARGUMENTS:
        return reverse(name)
    from django.apps import apps

    model = apps.get_model(*ARGUMENTS[name][0])
    return reverse(name, args=[model.objects.order_by("pk").values_list("pk", flat=True).first()])


def test_every_list_page_is_found() -> None:
    assert len(LIST_PAGES) >= 30
    assert {"registry:enterprise-list", "showcase:products", "showcase:motifs", "trade:order-list"} <= set(LIST_PAGES)


@pytest.mark.parametrize(("name", "role"), OPENED)
def test_odd_filters_never_cause_a_server_error(
    demo_loaded: Any, db: Any, personas: dict[str, Any], name: str, role: str
) -> None:
    client = Client()
    if personas[role] is not None:
        client.force_login(personas[role])
    url = address(name)
    names, choices = filter_names_and_choices(named_patterns()[name])

    @fuzzed(FUZZ_EXAMPLES)
    @given(query=odd_query_strings(names, choices))
    def fuzz(query: list[tuple[str, str]]) -> None:
        with transaction.atomic():
            status = client.get(f"{url}?{urlencode(query)}").status_code
            transaction.set_rollback(True)
        paged = any(key == "page" for key, _value in query)
        assert status == 200 or (status == 404 and paged), f"{url}?{urlencode(query)} answered {status}"

    fuzz()
