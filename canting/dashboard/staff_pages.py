"""Every staff page timed as a national officer opens it: the page half of ``canting benchmark_dashboard``.

The pages are found, not listed by hand: every route of the site whose view lets staff in and keeps visitors out
(``allowed_roles``) and whose address takes no parameter (the lists, dashboards, report pages and empty forms),
each drill-down of the dashboard, and the detail pages of one enterprise of the data present (its record, its
latest report, its class and its readiness). Each is requested through Django's test client (no network, no page
cache) by a staff user with no area limit, and answers with its median time, its SQL queries and its size.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from canting.core.permissions import PUBLIC, STAFF

# Address beginnings that hold no staff page: the API, the admin site, the language switch.
NOT_PAGES = ("api/", "admin/", "i18n/")
# Routes that are not pages a person reads: the way out, the health probe, the cascade's option fragments.
SKIPPED = {"logout", "health", "favicon", "area-options", "area-cascade"}
# Detail pages of one enterprise, filled with an enterprise of the data present (and its latest report).
DETAIL_ROUTES = (
    ("registry:enterprise-detail", "enterprise"),
    ("turnover:report-detail", "report"),
    ("turnover:enterprise-class", "enterprise"),
    ("turnover:enterprise-readiness", "enterprise"),
)
SLOW_MS = 5_000  # a page slower than this once is timed once, not ``repeat`` times


@dataclass
class Timing:
    label: str
    url: str
    status: int
    median_ms: float
    runs: int
    queries: int
    size: int  # bytes of the body


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    """(route name with its namespace, address pattern, view) of every named route."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(NOT_PAGES) or getattr(entry.pattern, "prefix_default_language", None) is not None:
                continue  # the public showcase (language in the address) holds no staff page
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route, entry.callback


def _staff_only(view: Any) -> bool:
    roles = getattr(getattr(view, "view_class", view), "allowed_roles", None)
    return roles is not None and STAFF in roles and PUBLIC not in roles


def staff_pages() -> list[tuple[str, str]]:
    """(label, address) of every staff page that takes no parameter, in address order."""
    pages = []
    for name, route, view in _routes(get_resolver().url_patterns):
        if "<" in route or name.rpartition(":")[2] in SKIPPED or not _staff_only(view):
            continue
        pages.append((name, reverse(name)))
    return sorted(pages, key=lambda page: page[1])


def drill_pages(query: dict[str, Any]) -> list[tuple[str, str]]:
    from canting.dashboard.drill import DRILLS

    suffix = "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    return [(f"drill {slug}", reverse("dashboard:drill", args=[slug]) + suffix) for slug in DRILLS]


def detail_pages() -> list[tuple[str, str]]:
    from canting.registry.models import Enterprise
    from canting.turnover.models import TurnoverReport

    enterprise = Enterprise.objects.filter(status="active").order_by("pk").values_list("pk", flat=True).first()
    if enterprise is None:
        return []
    report = TurnoverReport.objects.filter(enterprise_id=enterprise).order_by("-month").values_list("pk", flat=True)
    samples = {"enterprise": enterprise, "report": report.first()}
    return [(name, reverse(name, args=[samples[kind]])) for name, kind in DETAIL_ROUTES if samples[kind] is not None]


def _body_size(response: Any) -> int:
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def time_page(client: Client, label: str, url: str, repeat: int) -> Timing:
    """Open ``url`` once to warm up, then ``repeat`` times; the last run's queries are counted."""

    def run() -> tuple[float, int, int, int]:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            size = _body_size(response)
            elapsed = (time.perf_counter() - start) * 1000
        return elapsed, response.status_code, len(queries), size

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        first, status, queries, size = run()
        times = [first]
        if first < SLOW_MS and repeat > 0:
            times = []
            for _ in range(repeat):
                elapsed, status, queries, size = run()
                times.append(elapsed)
    return Timing(label, url, status, statistics.median(times), len(times), queries, size)


def time_pages(
    client: Client, pages: list[tuple[str, str]], repeat: int, say: Callable[[str], None] | None = None
) -> list[Timing]:
    """Each page's timing; an address that answers only POST (405: a form's action) is left out."""
    timings = []
    for label, url in pages:
        timing = time_page(client, label, url, repeat)
        if timing.status == 405:
            continue
        if say is not None:
            say(f"{timing.median_ms:9.1f} ms {timing.queries:4d} q {timing.size / 1000:8.1f} KB  {label}")
        timings.append(timing)
    return timings


def table(timings: list[Timing], *, time_budget_ms: float, size_budget: int) -> list[str]:
    """The timings as a Markdown table; pages over either budget are marked."""
    lines = [
        "| page | address | status | median ms | runs | queries | KB | over |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for t in timings:
        over = []
        if t.median_ms > time_budget_ms:
            over.append("time")
        if t.size > size_budget:
            over.append("size")
        if t.status != 200:
            over.append(f"status {t.status}")
        address = t.url.split("?", 1)[0]
        lines.append(
            f"| {t.label} | `{address}` | {t.status} | {t.median_ms:,.1f} | {t.runs} | {t.queries} "
            f"| {t.size / 1000:,.1f} | {', '.join(over)} |"
        )
    return lines
