"""``canting benchmark_dashboard``: the dashboard against hand-written SQL on a national-scale synthetic dataset,
then every staff page opened by a national officer.

Run it in a database of its own (see docs/benchmarks.md): it writes millions of rows, then removes them unless
``--keep`` is given; ``--reuse`` times the data a kept run left (nothing written, nothing removed). It measures and
prints; it asserts no timing, only that the two computations agree.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.dashboard import benchmark, staff_pages
from canting.dashboard.selectors import Scope, kpis
from canting.registry.models import Centre
from canting.registry.services import MANAGE_CENTRES
from canting.turnover.models import TurnoverReport
from canting.turnover.services import totals

BENCH_USER = "benchmark-staff"
# What every staff page should stay under, nationally (issue 19): the table marks the pages over either.
PAGE_MS = 500
PAGE_BYTES = 300_000


def _median_ms(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result = run()  # warm-up: connection, caches, imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


class Command(BaseCommand):
    help = "Fill the database with a national synthetic dataset and time the dashboard against hand-written SQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprises", type=int, default=60_000)
        parser.add_argument("--centres", type=int, default=200)
        parser.add_argument("--months", type=int, default=60)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--repeat", type=int, default=7, help="Timed runs per measurement (the median is shown).")
        parser.add_argument("--keep", action="store_true", help="Leave the synthetic data in the database.")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Time the synthetic data a run with --keep left: write nothing, remove nothing.",
        )
        parser.add_argument(
            "--pages-only", action="store_true", help="Skip the KPI comparison; time the staff pages only."
        )
        parser.add_argument("--no-pages", action="store_true", help="Skip the staff pages.")
        parser.add_argument(
            "--page", action="append", default=[], help="Time only the pages whose label or address contains this."
        )
        parser.add_argument("--page-repeat", type=int, default=3, help="Timed runs per page (the median is shown).")

    def say(self, text: str) -> None:
        self.stdout.write(f"[{time.perf_counter() - self.started:7.1f} s] {text}")
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enterprises"] < options["centres"] or options["centres"] < 1 or options["months"] < 13:
            raise CommandError("Give at least one centre, as many enterprises as centres and 13 months.")
        self.started = time.perf_counter()
        self.say(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        if options["reuse"]:
            made = self.kept()
        else:
            made = benchmark.generate(
                enterprises=options["enterprises"],
                centres=options["centres"],
                months=options["months"],
                seed=options["seed"],
                say=self.say,
            )
            self.say("rebuilding the monthly totals (canting.turnover.services.totals.rebuild)")
            self.say(f"{totals.rebuild():,} monthly totals")
            benchmark.analyze()
            self.say("ANALYZE done")
        try:
            if not options["pages_only"]:
                self.measure(made, options["repeat"])
            if not options["no_pages"]:
                self.measure_pages(options["page"], options["page_repeat"])
        finally:
            if not options["keep"] and not options["reuse"]:
                self.say("removing the synthetic data (--keep leaves it)")
                User.objects.filter(username=BENCH_USER).delete()
                benchmark.remove(self.say)
                self.say("removed")

    def kept(self) -> dict[str, Any]:
        """What ``generate`` would have returned, read off the synthetic data a kept run left."""
        centres = Centre.objects.filter(managing_office=benchmark.MARK)
        if not centres.exists():
            raise CommandError("No synthetic data to reuse: run once with --keep first.")
        last = TurnoverReport.objects.filter(enterprise__centre__in=centres).order_by("-month").first()
        cities = {village[:5] for village in centres.values_list("village_id", flat=True)}
        self.say(f"reusing {centres.count():,} synthetic centres")
        return {
            "last": last.month if last else add_months(timezone.localdate().replace(day=1), -1),
            "city": benchmark.CITY if benchmark.CITY in cities else sorted(cities)[0],
        }

    def measure_pages(self, only: list[str], repeat: int) -> None:
        staff, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"role": Role.STAFF})
        # Every staff page is timed, the centre forms too: the user holds the right to manage centres.
        app_label, codename = MANAGE_CENTRES.split(".")
        staff.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        client = Client()
        client.force_login(staff)
        pages = staff_pages.staff_pages() + staff_pages.drill_pages({}) + staff_pages.detail_pages()
        if only:
            pages = [(label, url) for label, url in pages if any(part in label or part in url for part in only)]
        self.say(f"timing {len(pages)} staff pages as a staff user with no area limit")
        timings = staff_pages.time_pages(client, pages, repeat, self.say)
        self.stdout.write("")
        self.stdout.write(
            f"Every staff page, median of {repeat} runs (a page over {staff_pages.SLOW_MS / 1000:.0f} s once: one "
            f"run), {connection.vendor}; over = above {PAGE_MS} ms or {PAGE_BYTES // 1000} KB:"
        )
        for line in staff_pages.table(timings, time_budget_ms=PAGE_MS, size_budget=PAGE_BYTES):
            self.stdout.write(line)
        over = [t for t in timings if t.median_ms > PAGE_MS or t.size > PAGE_BYTES or t.status != 200]
        self.stdout.write(f"{len(timings) - len(over)} of {len(timings)} pages within {PAGE_MS} ms and the size.")

    def measure(self, made: dict[str, Any], repeat: int) -> None:
        last = made["last"]
        staff, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"role": Role.STAFF})
        # Every staff page is timed, the centre forms too: the user holds the right to manage centres.
        app_label, codename = MANAGE_CENTRES.split(".")
        staff.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        client = Client()
        client.force_login(staff)
        url = reverse("dashboard:home")
        rows = []
        disagreements = []
        for label, area in (("national", ""), (f"city {made['city']}", made["city"])):
            scope = Scope(year=last.year, month=last.month, area=area)
            query = {"year": last.year, "month": last.month, "area": area}

            def page(query: dict[str, Any] = query) -> int:
                with override_settings(ALLOWED_HOSTS=["testserver"]):
                    return int(client.get(url, query).status_code)

            def figures(scope: Scope = scope) -> dict[str, Any]:
                return kpis(scope)

            def hand_written(scope: Scope = scope) -> dict[str, Any]:
                return benchmark.hand_kpis(connection, scope)

            kpis_ms, dashboard = _median_ms(figures, repeat)
            page_ms, status = _median_ms(page, repeat)
            if status != 200:
                self.say(f"the dashboard page answered {status}: its time is not shown")
                page_ms = float("nan")
            sql_ms, hand = _median_ms(hand_written, repeat)
            rows.append((label, kpis_ms, page_ms, sql_ms))
            disagreements += [
                f"{label} {key}: {dashboard[key]!r} != {hand.get(key)!r}"
                for key in sorted(set(dashboard) | set(hand))
                if dashboard.get(key) != hand.get(key)
            ]
            self.say(
                f"{label}: turnover {last:%Y-%m} Rp {dashboard['turnover_month']:,}, {dashboard['reports_due']:,} due"
            )
        self.stdout.write("")
        self.stdout.write(f"Median of {repeat} runs, period {last:%Y-%m}, {connection.vendor}:")
        header = f"{'view':<16}{'kpis() ms':>12}{'page ms':>12}{'hand SQL ms':>14}{'kpis/SQL':>11}{'page/SQL':>11}"
        self.stdout.write(header)
        for label, kpis_ms, page_ms, sql_ms in rows:
            self.stdout.write(
                f"{label:<16}{kpis_ms:>12.1f}{page_ms:>12.1f}{sql_ms:>14.1f}"
                f"{kpis_ms / sql_ms:>10.2f}x{page_ms / sql_ms:>10.2f}x"
            )
        if disagreements:
            raise CommandError("kpis() and the hand-written SQL disagree:\n" + "\n".join(disagreements))
        self.stdout.write(self.style.SUCCESS("kpis() and the hand-written SQL agree on every key."))
