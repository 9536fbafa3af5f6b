"""The daily job and the readiness list at national scale: how long each takes, in how many queries.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/canting_bench
    uv run python benchmarks/readiness_daily.py --daily --page

Runs against DATABASE_URL's database as it is, e.g. one filled by ``canting benchmark_dashboard --keep`` (60,000
enterprises, 3.6 million reports). ``--daily`` runs the daily work that grows with the number of enterprises, as
the daily tasks run it: the business-class assessment of every registered enterprise, the refresh of every stored
readiness score, and the reminders to late reporters; it prints the time, queries and SQL time of each and the
total (``--reminder-day``: the reminders as on this month's reminder day, when they all go out). The work is real
(class records and scores are written, reminders are recorded and sent to a mailbox in memory), so a second run
measures an ordinary day, when few classes and scores change; ``--rollback`` undoes it instead. ``--page`` opens
the staff readiness list as the staff user ``benchmark-staff`` (no area limit; created when missing) with Django's
test client: the default page, a later page, sorted by lowest score, with a minimum score, and the xlsx export,
and prints time, bytes and queries of each. It prints the numbers; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--daily", action="store_true", help="time the daily job (classes, readiness, reminders)")
    parser.add_argument("--rollback", action="store_true", help="undo the daily job's writes after timing it")
    parser.add_argument(
        "--reminder-day",
        action="store_true",
        help="send the reminders as on this month's reminder day (the day they all go out), not as today",
    )
    parser.add_argument("--page", action="store_true", help="time the staff readiness list")
    parser.add_argument("--repeat", type=int, default=3, help="page requests timed per address (median printed)")
    parser.add_argument("--no-export", action="store_true", help="skip the xlsx export of every enterprise")
    args = parser.parse_args()
    if not (args.daily or args.page):
        parser.error("give --daily, --page or both")
    if not 1 <= args.repeat <= 20:
        parser.error("--repeat must be from 1 to 20")
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to the database to measure (it is written to)")

    os.environ["DJANGO_SETTINGS_MODULE"] = "canting.settings"
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from canting.registry.models import Enterprise

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    registered = Enterprise.objects.registered().count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {registered:,} registered enterprises")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.daily:
        daily(rollback=args.rollback, reminder_day=args.reminder_day)
    if args.page:
        page(args.repeat, export=not args.no_export)


def _timed(label: str, work: Callable[[], Any]) -> float:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        result = work()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    # The process's CPU time says what the Python side costs even when other work shares the machine.
    print(
        f"  {label:<24} {seconds:8.1f} s  {len(queries):6,} queries  {sql:7.1f} s waiting for SQL"
        f"  {cpu:7.1f} s Python CPU  -> {result}"
    )
    return seconds


def daily(*, rollback: bool, reminder_day: bool) -> None:
    from django.db import connection, transaction
    from django.urls import reverse
    from django.utils import timezone

    from canting.turnover.services import classes, reports

    try:
        from canting.turnover.services import readiness
    except ImportError:  # a version without stored scores
        readiness = None

    reverse("registry:enterprise-detail", args=[1])  # load the URL configuration outside the timings
    print("daily job (class assessment, readiness scores, reminders):")
    with transaction.atomic():
        total = _timed("class assessment", classes.assess_all)
        if readiness is not None:
            total += _timed("readiness scores", readiness.refresh_all)
        today = timezone.localdate()
        if reminder_day:
            today = today.replace(day=reports.reminder_day(today))
        total += _timed(f"reminders as on {today}", lambda: reports.send_reminders(today))
        print(f"  {'total':<24} {total:8.1f} s")
        transaction.set_rollback(rollback)
    if connection.vendor == "postgresql" and not rollback:
        # The refresh rewrote every score row: autovacuum would now clean up and gather statistics (it starts
        # after a fifth of a table changed). Done here at once, so the list is timed as it would be served.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE turnover_readinessscore")
        print(f"  VACUUM ANALYZE of the scores (autovacuum's work) {time.perf_counter() - start:.1f} s")


def page(repeat: int, *, export: bool) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from canting.core.models import Role, User

    staff, _ = User.objects.get_or_create(username="benchmark-staff", defaults={"role": Role.STAFF})
    client = Client()
    client.force_login(staff)
    address = reverse("turnover:readiness-list")
    pages = [
        ("list", {}),
        ("page 40", {"page": "40"}),
        ("lowest score first", {"sort": "score"}),
        ("score at least 50", {"min_score": "50"}),
        ("by name", {"sort": "name"}),
    ]
    if export:
        pages.append(("xlsx export", {"format": "xlsx"}))
    print(f"readiness list as benchmark-staff (median of {repeat}; one run for the export):")
    for label, query in pages:
        times = []
        for _ in range(1 if "format" in query else repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(address, query)
                times.append((time.perf_counter() - start) * 1000)
        size = len(response.content)
        print(
            f"  {label:<20} {statistics.median(times):9.1f} ms  {size / 1000:9.1f} KB  {len(queries):4} queries"
            f"  (status {response.status_code})"
        )


if __name__ == "__main__":
    main()
