"""``canting deadline_rush``: the 10th of the month, when artisans file their reports at once.

It gives ``--artisans`` registered enterprises that have not yet filed last month a login each, serves the
database in ``DATABASE_URL`` with gunicorn (sync workers) on 127.0.0.1, and lets every artisan, each in a thread of
its own and starting within the ramp, sign in, open last month's form, save a draft with figures typed the
Indonesian way ("7.500.000"), open it again and submit. ``--pace`` sets how long a person takes between pages:
``hurried`` (1-3 s to type the figures, 0.5-2 s to check them: a stress test, every arrival's requests packed into a
few seconds) or ``human`` (30-90 s to type eight figures on a phone, 10-30 s to check them: with a short ramp all
the artisans are signed in and filing at the same time, as on the 10th). Some artisans tap "save" twice at once
(``--double-tap``): the second tap must be refused, never stored as a second report. Meanwhile ``--staff`` officers
read the dashboard, the report list and the late list until the artisans are done.

It prints, per step, the requests, the errors (any answer other than the one a person expects, a 5xx, a timeout),
and the response times (median, p95, max); then the duplicate reports found in the database. It measures and
asserts nothing. Use a copy of a database of its own (see docs/benchmarks.md): the logins it makes are removed at
the end, with the reports they filed, unless ``--keep``.
"""

from __future__ import annotations

import contextlib
import datetime
import http.cookiejar
import os
import random
import re
import signal
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from canting.core import servers
from canting.core.models import Role, User
from canting.registry.models import Enterprise
from canting.turnover.models import TurnoverReport
from canting.turnover.services.reports import last_month

PREFIX = "rush-"
# Seconds a person takes to type the month's figures, and to check them before submitting, at each pace.
PACES = {"hurried": ((1.0, 3.0), (0.5, 2.0)), "human": ((30.0, 90.0), (10.0, 30.0))}
FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
PASSWORD = "tenggat-tanggal-sepuluh"  # noqa: S105 -- throw-away logins on a benchmark database
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REPORT_PATH = re.compile(r"/turnover/reports/(\d+)/")


@dataclass
class Timings:
    """What every thread recorded, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, who: str, step: str, seconds: float, error: str = "") -> None:
        with self.lock:
            self.times[(who, step)].append(seconds)
            if error:
                self.errors[(who, step)].append(error)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A person's browser follows redirects; here each answer is timed and checked on its own."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """One person's browser: its own cookies, Indonesian, no redirects followed."""

    def __init__(self, base: str, timings: Timings, who: str) -> None:
        self.base, self.timings, self.who = base, timings, who
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def call(
        self, step: str, path: str, expect: int | tuple[int, ...], data: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """One request, timed; an answer other than ``expect`` is an error. Returns status, body and Location."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Accept-Language": "id"})  # noqa: S310
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        status, text, location = 0, "", ""
        try:
            with self.opener.open(request, timeout=30) as answer:
                status, text = answer.status, answer.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            status, location = exc.code, exc.headers.get("Location", "")
            text = exc.read().decode(errors="replace")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            self.timings.add(self.who, step, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            return 0, "", ""
        seconds = time.perf_counter() - started
        expected = expect if isinstance(expect, tuple) else (expect,)
        self.timings.add(self.who, step, seconds, "" if status in expected else f"{status} (expected {expect})")
        return status, text, location

    def token(self, page: str) -> str:
        found = CSRF_FIELD.search(page)
        return found.group(1) if found else ""


def figures(rng: random.Random) -> dict[str, str]:
    """A month's figures as an artisan types them on an Indonesian page."""
    sales = rng.randrange(2, 60) * 500_000
    return {
        "domestic_sales": f"{sales:,}".replace(",", "."),
        "export_sales": "0",
        "pieces_tulis": str(rng.randrange(0, 40)),
        "pieces_cap": f"{rng.randrange(0, 1500):,}".replace(",", "."),
        "pieces_kombinasi": str(rng.randrange(0, 60)),
        "pieces_tiruan": "0",
        "workers_men": str(rng.randrange(0, 6)),
        "workers_women": str(rng.randrange(1, 12)),
        "material_costs": "",
        "notes": "",
    }


def sign_in(browser: Browser, username: str) -> bool:
    login = reverse("login")
    status, page, _ = browser.call("sign in (page)", login, 200)
    if status != 200:
        return False
    data = {"csrfmiddlewaretoken": browser.token(page), "username": username, "password": PASSWORD}
    status, _, _ = browser.call("sign in (post)", login, 302, data)
    return status == 302


def artisan(
    base: str, timings: Timings, user: User, start_at: float, double_tap: bool, seed: int, pace: str = "hurried"
) -> None:
    rng = random.Random(seed)
    time.sleep(max(0.0, start_at - time.monotonic()))
    browser = Browser(base, timings, "artisan")
    if not sign_in(browser, user.username):
        return
    month = last_month()
    form = f"{reverse('turnover:report-create', args=[user.enterprise_id])}?month={month:%Y-%m}"
    status, page, _ = browser.call("open the form", form, 200)
    if status != 200:
        return
    typing, checking = PACES[pace]
    time.sleep(rng.uniform(*typing))
    data = {"csrfmiddlewaretoken": browser.token(page), **figures(rng), "action": "draft"}
    if double_tap:
        # Both taps leave before either answer comes back: one is saved, the other refused with a message (200).
        answers: list[tuple[int, str, str]] = []
        taps = [
            threading.Thread(
                target=lambda: answers.append(browser.call("save draft (double tap)", form, (200, 302), data))
            )
            for _ in range(2)
        ]
        for tap in taps:
            tap.start()
        for tap in taps:
            tap.join()
        saved = [answer for answer in answers if answer[0] == 302]
        if len(saved) != 1:
            timings.add("artisan", "save draft (double tap)", 0.0, f"{len(saved)} of 2 taps saved")
        status, _, location = saved[0] if saved else (0, "", "")
    else:
        status, _, location = browser.call("save draft", form, 302, data)
    found = REPORT_PATH.search(location)
    if status != 302 or not found:
        return
    edit = reverse("turnover:report-edit", args=[int(found.group(1))])
    status, page, _ = browser.call("open the draft", edit, 200)
    if status != 200:
        return
    time.sleep(rng.uniform(*checking))
    data = {"csrfmiddlewaretoken": browser.token(page), **figures(rng), "action": "submit"}
    browser.call("submit", edit, 302, data)


def officer(base: str, timings: Timings, username: str, done: threading.Event) -> None:
    browser = Browser(base, timings, "staff")
    if not sign_in(browser, username):
        return
    pages = [
        ("dashboard", reverse("dashboard:home")),
        ("report list", reverse("turnover:report-list")),
        ("late list", reverse("turnover:late-list")),
    ]
    while not done.is_set():
        for step, path in pages:
            browser.call(step, path, 200)
            done.wait(1.0)


def warm_up(base: str, staff: User, artisan: User, workers: int) -> None:
    """Every worker answers each page once before the clock starts, as long-running workers in service have: the
    first request of a new worker pays for loading the URLs and compiling the templates."""

    def visit() -> None:
        officer_browser, artisan_browser = Browser(base, Timings(), "staff"), Browser(base, Timings(), "artisan")
        if sign_in(officer_browser, staff.username):
            for path in (reverse("dashboard:home"), reverse("turnover:report-list"), reverse("turnover:late-list")):
                officer_browser.call("warm-up", path, 200)
        if sign_in(artisan_browser, artisan.username):
            artisan_browser.call("warm-up", reverse("turnover:report-create", args=[artisan.enterprise_id]), 200)

    visitors = [threading.Thread(target=visit) for _ in range(workers * 2)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Drive gunicorn with many artisans filing last month's report at once, and staff reading, and report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--artisans", type=int, default=200)
        parser.add_argument("--staff", type=int, default=4)
        parser.add_argument("--ramp", type=float, default=10.0, help="Seconds over which the artisans start.")
        parser.add_argument(
            "--pace",
            choices=sorted(PACES),
            default="hurried",
            help="Time between pages: hurried (1-3 s typing, a stress test) or human (30-90 s typing, 10-30 s "
            "checking).",
        )
        parser.add_argument("--double-tap", type=float, default=0.1, help="Share of artisans who tap save twice.")
        parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (operations.md: 2/core+1).")
        parser.add_argument(
            "--tasks",
            choices=("database", "immediate"),
            default="database",
            help="Task backend: database with its worker, as operations.md runs a national server; or immediate "
            "(tasks inside the request).",
        )
        parser.add_argument("--seed", type=int, default=10)
        parser.add_argument("--keep", action="store_true", help="Leave the logins and their reports.")
        parser.add_argument(
            "--clear-month",
            action="store_true",
            help="First remove the chosen enterprises' reports of last month (the national dataset has filed it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["artisans"] <= 2000 or not 0 <= options["staff"] <= 50 or options["workers"] < 1:
            raise CommandError("Give 1 to 2,000 artisans, 0 to 50 staff and at least one worker.")
        if not 0 <= options["double_tap"] <= 1 or not 0 <= options["ramp"] <= 300:
            raise CommandError("--double-tap is a share (0 to 1) and --ramp at most 300 seconds.")
        if User.objects.filter(username__startswith=PREFIX).exists():
            raise CommandError(f"Logins named {PREFIX}* exist: an earlier run was kept. Remove them first.")
        month = last_month()
        candidates = Enterprise.objects.registered().filter(logins__isnull=True).order_by("pk")
        if not options["clear_month"]:
            candidates = candidates.exclude(turnover_reports__month=month)
        enterprises = list(candidates.values_list("pk", flat=True)[: options["artisans"]])
        if len(enterprises) < options["artisans"]:
            raise CommandError(
                f"Only {len(enterprises)} enterprises without a login have not filed {month:%Y-%m}: "
                "give fewer artisans, or --clear-month on a copy of the database."
            )
        if options["clear_month"]:
            TurnoverReport.objects.filter(enterprise_id__in=enterprises, month=month).delete()
        signal.signal(signal.SIGTERM, servers.interrupt)
        users = self.make_logins(enterprises, options["staff"])
        self.stdout.write(
            f"{connection.vendor} {connection.settings_dict['NAME']}: {len(enterprises)} artisans file {month:%Y-%m}, "
            f"{options['staff']} staff read, {options['workers']} gunicorn workers, ramp {options['ramp']:.0f} s, "
            f"{options['pace']} pace, {options['tasks']} task backend"
        )
        try:
            timings, seconds = self.run(users, options)
            self.report(timings, seconds, month, enterprises)
        finally:
            if not options["keep"]:
                TurnoverReport.objects.filter(enterprise_id__in=enterprises, month=month).delete()
                User.objects.filter(username__startswith=PREFIX).delete()

    def make_logins(self, enterprises: list[int], staff: int) -> list[User]:
        password = make_password(PASSWORD)  # hashed once: the hashing is the sign-in's cost, not the set-up's
        User.objects.bulk_create(
            [
                User(username=f"{PREFIX}{pk}", role=Role.ARTISAN, enterprise_id=pk, password=password)
                for pk in enterprises
            ]
            + [User(username=f"{PREFIX}staff-{n}", role=Role.STAFF, password=password) for n in range(staff)]
        )
        return list(User.objects.filter(username__startswith=PREFIX).order_by("pk"))

    def run(self, users: list[User], options: dict[str, Any]) -> tuple[Timings, float]:
        env = {**os.environ, "CANTING_MODE": "development", "CANTING_DEBUG": "false", "TASKS_BACKEND": options["tasks"]}
        rng = random.Random(options["seed"])
        timings = Timings()
        done = threading.Event()
        with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
            log = Path(folder) / "gunicorn.log"
            if options["tasks"] == "database":
                stack.enter_context(servers.task_worker(env, log))
            with servers.gunicorn(env, log, workers=options["workers"], ready=[reverse("login")]) as base:
                staff = [u for u in users if u.role == Role.STAFF] or [self.warm_up_officer(users)]
                warm_up(base, staff[0], next(u for u in users if u.role == Role.ARTISAN), options["workers"])
                officers = [
                    threading.Thread(target=officer, args=(base, timings, u.username, done))
                    for u in users
                    if u.role == Role.STAFF
                ]
                started = time.monotonic()
                artisans = []
                for user in users:
                    if user.role == Role.ARTISAN:
                        start_at = started + rng.uniform(0, options["ramp"])
                        double_tap = rng.random() < options["double_tap"]
                        args = (base, timings, user, start_at, double_tap, rng.randrange(1 << 30), options["pace"])
                        artisans.append(threading.Thread(target=artisan, args=args))
                for thread in officers + artisans:
                    thread.start()
                for thread in artisans:
                    thread.join()
                seconds = time.monotonic() - started
                done.set()
                for thread in officers:
                    thread.join()
                if options["tasks"] == "database":
                    self.drain_tasks(started, seconds)
                server_errors = log.read_text(errors="replace").count("Traceback")
        if server_errors:
            timings.add("server", "tracebacks in gunicorn's log", 0.0, f"{server_errors} tracebacks")
        return timings, seconds

    def drain_tasks(self, started: float, seconds: float) -> None:
        """Wait (at most 5 minutes) for the worker to finish what the artisans queued, and say how long it took."""
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(enqueued_at__gte=timezone.now() - datetime.timedelta(seconds=seconds + 5))
        deadline = time.monotonic() + 300
        while queued.exclude(status__in=FINISHED).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        left = queued.exclude(status__in=FINISHED).count()
        failed = queued.filter(status=TaskResultStatus.FAILED).count()
        after = time.monotonic() - started
        self.stdout.write(
            f"Background tasks queued during the run: {queued.count()}, failed {failed}, still waiting {left}; "
            f"the queue was {'empty' if not left else 'given up'} {after:.1f} s after the start "
            f"({after - seconds:.1f} s after the last artisan)."
        )

    @staticmethod
    def warm_up_officer(users: list[User]) -> User:
        password = next(u.password for u in users)
        return User.objects.create(username=f"{PREFIX}staff-warm-up", role=Role.STAFF, password=password)

    def report(self, timings: Timings, seconds: float, month: Any, enterprises: list[int]) -> None:
        self.stdout.write(f"\nAll artisans done in {seconds:.1f} s.\n")
        header = f"{'who':<9}{'step':<26}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        self.stdout.write(header)
        artisan_times: list[float] = []
        for (who, step), values in sorted(timings.times.items()):
            if who == "artisan":
                artisan_times += values
            self.stdout.write(
                f"{who:<9}{step:<26}{len(values):>9}{len(timings.errors[(who, step)]):>8}"
                f"{statistics.median(values) * 1000:>9.0f}{percentile(values, 0.95) * 1000:>9.0f}"
                f"{max(values) * 1000:>9.0f}"
            )
        if artisan_times:
            self.stdout.write(
                f"\nArtisans' requests: {len(artisan_times)}, p95 {percentile(artisan_times, 0.95) * 1000:.0f} ms"
            )
        errors = [f"{who} {step}: {e}" for (who, step), found in sorted(timings.errors.items()) for e in found]
        self.stdout.write(f"Errors: {len(errors)}")
        for line in sorted(set(errors))[:20]:
            self.stdout.write(f"  {line} (x{errors.count(line)})")
        reports = TurnoverReport.objects.filter(enterprise_id__in=enterprises, month=month)
        duplicates = reports.values("enterprise").annotate(n=Count("id")).filter(n__gt=1).count()
        states = dict(reports.values_list("state").annotate(n=Count("id")))
        self.stdout.write(f"Reports for {month:%Y-%m}: {reports.count()} of {len(enterprises)}, by state {states}")
        self.stdout.write(f"Duplicate reports (an enterprise with two for the month): {duplicates}")
