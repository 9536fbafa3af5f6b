"""``canting benchmark_showcase``: how fast the public showcase answers with 10,000 published pieces.

It fills a database of its own (a new SQLite file in a temporary CANTING_DATA_DIR, or the empty database named
by ``--database-url``), serves it with gunicorn (sync workers) on 127.0.0.1, and drives three public pages with
wrk: the product list, one product, and the list with a search word. Each page runs twice, with the public-page
cache on and off (SHOWCASE_CACHE_SECONDS=0 in gunicorn's environment). It prints requests per second, latency
percentiles and the SQL queries each page runs; it asserts nothing.

The benchmark data is written with ``bulk_create`` straight into the tables, not through the audited services:
it is throw-away load-test data, and 10,000 audited writes would take minutes. Its pictures point at a few real
WebP copies stored by ``images.store``, so the pages render real picture URLs.

The fill runs in a child process with the benchmark's environment, so it and gunicorn see the same database and
the same secret key whatever database this process is configured with. Traffic goes to 127.0.0.1 only, for a
bounded time; gunicorn is stopped at the end, on an error and on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from canting.catalogue import demo, images, patterns
from canting.catalogue.images import StoredPicture
from canting.catalogue.models import Motif, Picture, Product, ProductStatus
from canting.core import servers
from canting.core.areas import load_areas
from canting.core.models import Area
from canting.registry.demo import ENTERPRISE_NAMES, WOMEN
from canting.registry.models import Centre, Enterprise, Membership, MembershipRole, Person

HOST = servers.HOST  # the only address this command ever sends traffic to
TARGETS_MARK = "BENCHMARK-TARGETS "
ROUNDS = 5  # rounds of CPU timing per page
PICTURE_PATTERNS = 4  # distinct stored pictures the 10,000 pieces share
FEATURED = 8
# wrk's --latency table has no 95th percentile; this script prints the ones we report, in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("canting-p%d %d\\n", p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format("canting-errors %d %d\\n", e.status, e.connect + e.read + e.write + e.timeout))
end
"""
TECHNIQUES = (("tulis",), ("tulis", "cap"), ("cap",), ("tulis", "kombinasi"), ("kombinasi",))


@dataclass(frozen=True)
class Target:
    """A page under test, with the SQL queries it runs on a cache miss and on a cache hit, and its size."""

    label: str
    path: str
    queries_miss: int
    queries_hit: int
    kilobytes: float
    cpu_ms: float  # CPU of this process per full page (cache off), through Django's test client: median round
    wall_ms: float
    cpu_best_ms: float = 0.0  # the least CPU of a round: what the page costs when nothing else shares the core


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int


class Command(BaseCommand):
    help = (
        "Fill a separate database with 10,000 published pieces, serve it with gunicorn on 127.0.0.1 and measure "
        "the public showcase pages with wrk, with the page cache on and off. Needs wrk (Debian: apt-get install wrk)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--products", type=int, default=10_000, help="Published pieces to create.")
        parser.add_argument("--enterprises", type=int, default=500, help="Enterprises the pieces belong to.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
        parser.add_argument("--connections", type=int, default=32, help="wrk's open connections.")
        parser.add_argument("--threads", type=int, default=2, help="wrk's threads.")
        parser.add_argument("--duration", type=int, default=15, help="Seconds of load per page and cache setting.")
        parser.add_argument("--warmup", type=int, default=2, help="Seconds of unreported load before each run.")
        parser.add_argument("--query", default="teratai", help="The search word for the list-with-search page.")
        parser.add_argument(
            "--database-url",
            default="",
            help="An EMPTY database to fill (e.g. postgres://...); by default a new SQLite file in a temp folder.",
        )
        parser.add_argument(
            "--cpu-requests",
            type=int,
            default=100,
            help="Full-page requests (cache off) timed per page through Django's test client for CPU per request.",
        )
        parser.add_argument(
            "--no-load", action="store_true", help="Only fill, count queries and time CPU per request: no gunicorn/wrk."
        )
        parser.add_argument("--keep", action="store_true", help="Keep the temporary folder (database, media, logs).")
        parser.add_argument("--fill-here", action="store_true", help=argparse.SUPPRESS)  # the child process's part

    def handle(self, *args: Any, **options: Any) -> None:
        if options["fill_here"]:
            self._fill_here(options)
            return
        self._check(options)
        wrk = shutil.which("wrk") or ""
        if not wrk and not options["no_load"]:
            raise CommandError("wrk is not installed. Install it (Debian/Ubuntu: apt-get install wrk) and run again.")
        # A polite stop (kill, a CI time-out) takes the same way out as Ctrl-C, so gunicorn is stopped too.
        signal.signal(signal.SIGTERM, servers.interrupt)
        data_dir = Path(tempfile.mkdtemp(prefix="canting-benchmark-"))
        try:
            self._run(wrk, data_dir, options)
        except KeyboardInterrupt:
            raise CommandError("Interrupted: gunicorn and wrk are stopped.") from None
        finally:
            if options["keep"]:
                self.stdout.write(f"Kept {data_dir} (database, media, gunicorn.log).")
            else:
                shutil.rmtree(data_dir, ignore_errors=True)

    @staticmethod
    def _check(options: dict[str, Any]) -> None:
        bounds = {
            "products": (1, 200_000),
            "enterprises": (1, 20_000),
            "workers": (1, 32),
            "connections": (1, 512),
            "threads": (1, 16),
            "duration": (1, 120),
            "warmup": (0, 30),
            "cpu_requests": (1, 10_000),
        }
        for name, (low, high) in bounds.items():
            if not low <= options[name] <= high:
                raise CommandError(f"--{name} must be from {low} to {high}.")
        if options["enterprises"] > options["products"]:
            raise CommandError("--enterprises cannot exceed --products.")

    def _run(self, wrk: str, data_dir: Path, options: dict[str, Any]) -> None:
        # Development mode with debug off: production mode would redirect plain HTTP to HTTPS.
        env = {**os.environ, "CANTING_DATA_DIR": str(data_dir), "CANTING_MODE": "development", "CANTING_DEBUG": "false"}
        env.pop("DATABASE_URL", None)
        if options["database_url"]:
            env["DATABASE_URL"] = options["database_url"]
        database = options["database_url"] or str(data_dir / "canting.sqlite3")
        load_before = os.getloadavg()[0]  # other work on the machine shows here, and in the numbers
        self.stdout.write(f"Filling {database} with {options['products']:,} pieces of {options['enterprises']:,} ...")
        started = time.monotonic()
        targets = self._prepare(env, options)
        self.stdout.write(f"  filled and measured in {time.monotonic() - started:.1f} s")
        script = data_dir / "percentiles.lua"
        script.write_text(WRK_SCRIPT)
        on_seconds = settings.SHOWCASE_CACHE_SECONDS if settings.SHOWCASE_CACHE_SECONDS > 0 else 60
        results: dict[tuple[str, str], Result] = {}
        for cache, seconds in () if options["no_load"] else (("on", on_seconds), ("off", 0)):
            server_env = {**env, "SHOWCASE_CACHE_SECONDS": str(seconds)}
            log, ready = data_dir / "gunicorn.log", [target.path for target in targets]
            with servers.gunicorn(server_env, log, workers=options["workers"], ready=ready) as base:
                for target in targets:
                    self.stdout.write(f"  wrk: {target.label}, cache {cache} ...")
                    if options["warmup"]:
                        self._wrk(wrk, script, base + target.path, options, options["warmup"])
                        _drain(base + target.path)
                    results[(target.label, cache)] = self._wrk(wrk, script, base + target.path, options)
                    _drain(base + target.path)
        self._report(database, targets, results, options, load_before)

    def _prepare(self, env: dict[str, str], options: dict[str, Any]) -> list[Target]:
        """Fill the database and count each page's queries, in a child process that uses the benchmark's env."""
        argv = [
            sys.executable, "-m", "canting.cli", "benchmark_showcase", "--fill-here",
            "--products", str(options["products"]), "--enterprises", str(options["enterprises"]),
            "--query", options["query"], "--cpu-requests", str(options["cpu_requests"]),
        ]  # fmt: skip
        child = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603 -- our own argv
        if child.returncode != 0:
            raise CommandError(f"Filling the benchmark database failed:\n{child.stdout}{child.stderr}")
        line = next((ln for ln in child.stdout.splitlines() if ln.startswith(TARGETS_MARK)), None)
        if line is None:
            raise CommandError(f"The fill did not report its pages:\n{child.stdout}{child.stderr}")
        return [Target(**t) for t in json.loads(line.removeprefix(TARGETS_MARK))]

    @staticmethod
    def _wrk(wrk: str, script: Path, url: str, options: dict[str, Any], seconds: int | None = None) -> Result:
        seconds = seconds or options["duration"]
        argv = [
            wrk, "--latency", "--threads", str(options["threads"]), "--connections", str(options["connections"]),
            "--duration", f"{seconds}s", "--timeout", "10s", "--script", str(script), url,
        ]  # fmt: skip
        out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
        if out.returncode != 0:
            raise CommandError(f"wrk failed:\n{out.stdout}{out.stderr}")
        return parse_wrk(out.stdout)

    def _report(
        self,
        database: str,
        targets: list[Target],
        results: dict[tuple[str, str], Result],
        options: dict[str, Any],
        load_before: float,
    ) -> None:
        write = self.stdout.write
        write("")
        write(f"Showcase benchmark: {options['products']:,} published pieces of {options['enterprises']:,} enterprises")
        write(f"  database: {connection_label(database)}")
        if results:
            write(
                f"  gunicorn: {options['workers']} sync workers on {HOST}; wrk: {options['threads']} threads, "
                f"{options['connections']} connections, {options['duration']} s per page and cache setting"
            )
        write(
            f"  machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, Python "
            f"{platform.python_version()}; load average {load_before:.2f} before the run "
            "(wrk and gunicorn share the CPUs: other work skews the numbers)"
        )
        for target in targets:
            write(f"  {target.label}: {target.path} ({target.kilobytes:.1f} KB)")
        write("")
        write(
            f"Full page without the page cache (SHOWCASE_CACHE_SECONDS=0), {options['cpu_requests']} requests each "
            "through Django's test client, one process:"
        )
        write(f"{'page':<8} {'cpu ms':>8} {'best':>8} {'wall ms':>8} {'queries':>7}")
        for target in targets:
            write(
                f"{target.label:<8} {target.cpu_ms:>8.1f} {target.cpu_best_ms:>8.1f} {target.wall_ms:>8.1f} "
                f"{target.queries_miss:>7}"
            )
        write(
            f"cpu ms: this process's CPU per request, the median of {ROUNDS} rounds (best: the least round; SQLite "
            "runs inside the process, PostgreSQL's own CPU is not counted); wall ms: elapsed."
        )
        if not results:
            return
        write("")
        columns = ("req/s", "p50 ms", "p95 ms", "p99 ms")
        write(f"{'page':<8} {'cache':<5} " + " ".join(f"{c:>8}" for c in columns) + f" {'errors':>6} {'queries':>7}")
        for target in targets:
            for cache in ("on", "off"):
                r = results[(target.label, cache)]
                queries = target.queries_hit if cache == "on" else target.queries_miss
                numbers = (r.requests_per_second, r.p50_ms, r.p95_ms, r.p99_ms) if r.requests else ()
                cells = " ".join(f"{n:>8.1f}" for n in numbers) or f"{'no answer within the run':>35}"
                write(f"{target.label:<8} {cache:<5} {cells} {r.errors:>6} {queries:>7}")
        write("queries: SQL queries of one visitor's request (cache on: served from the cache; off: the full page).")
        write("errors: non-2xx answers, connection errors and time-outs (10 s).")

    # The child process: fill the database named by this process's environment, then count queries.

    def _fill_here(self, options: dict[str, Any]) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if Enterprise.objects.exists():
            raise CommandError("The benchmark database already holds enterprises: give an empty one.")
        slug = fill(random.Random(2023), products=options["products"], enterprises=options["enterprises"])
        with connection.cursor() as cursor:
            # Planner statistics, as a database in service has them (autovacuum gathers them within minutes);
            # without them PostgreSQL plans the freshly loaded tables badly.
            cursor.execute("ANALYZE")
        targets = measure_pages(slug, options["query"], options["cpu_requests"])
        self.stdout.write(TARGETS_MARK + json.dumps([asdict(t) for t in targets]))


def _drain(url: str) -> None:
    """Wait until the requests wrk left queued are answered: gunicorn answers every request it accepted, even
    after wrk has gone, and a slow page's backlog would otherwise eat into the next run."""
    with contextlib.suppress(urllib.error.URLError, TimeoutError, ConnectionError):
        urllib.request.urlopen(url, timeout=300).close()  # noqa: S310 -- loopback only; queued behind the backlog


def connection_label(database: str) -> str:
    """The database without a password, for the report."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", database)


def parse_wrk(output: str) -> Result:
    """Requests per second from wrk's summary and the percentiles our script prints (microseconds)."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    marks = dict(re.findall(r"^canting-(p\d+) (\d+)$", output, re.MULTILINE))
    errors = re.search(r"^canting-errors (\d+) (\d+)$", output, re.MULTILINE)
    if rate is None or total is None or errors is None or not {"p50", "p95", "p99"} <= marks.keys():
        raise CommandError(f"Could not read wrk's output:\n{output}")
    return Result(
        requests_per_second=float(rate.group(1)),
        p50_ms=int(marks["p50"]) / 1000,
        p95_ms=int(marks["p95"]) / 1000,
        p99_ms=int(marks["p99"]) / 1000,
        requests=int(total.group(1)),
        errors=int(errors.group(1)) + int(errors.group(2)),
    )


@transaction.atomic
def fill(rng: random.Random, *, products: int, enterprises: int) -> str:
    """Write the benchmark's rows in bulk; returns the slug of a piece with two motifs, for the product page."""
    load_areas("35.76")
    villages = list(Area.objects.filter(code__startswith="35.76.", level=4).order_by("code"))
    centre = Centre.objects.create(name="Sentra benchmark", address="Jl. Kedungsari", village=villages[0])
    makers = Enterprise.objects.bulk_create(
        Enterprise(
            name=f"{ENTERPRISE_NAMES[i % len(ENTERPRISE_NAMES)]} {i // len(ENTERPRISE_NAMES) + 1}",
            nib=f"92{i:011d}",
            address=f"Jl. Majapahit No. {i % 120 + 1}",
            village=villages[i % len(villages)],
            centre=centre,
            workers_women=3,
            **{f"technique_{t}": True for t in rng.choice(TECHNIQUES)},
        )
        for i in range(enterprises)
    )
    owners = Person.objects.bulk_create(
        Person(
            full_name=f"{rng.choice(WOMEN)} Benchmark {i}",
            nik=f"3576{i:012d}",  # 16 digits and unique: enough for rows that bulk_create does not validate
            gender="P",
            phone=f"+62812{i:08d}",
            village=villages[i % len(villages)],
        )
        for i in range(enterprises)
    )
    Membership.objects.bulk_create(
        Membership(enterprise=e, person=p, role=MembershipRole.OWNER) for e, p in zip(makers, owners, strict=True)
    )
    motifs = Motif.objects.bulk_create(
        Motif(
            slug=slugify(m.name),
            region=m.region,
            **_translated("name", m.name, m.name),
            **_translated("story", *m.story),
            **_translated("meaning", *m.meaning),
        )
        for m in demo.MOTIFS
    )
    stored = [
        images.store(io.BytesIO(patterns.png(patterns.Pattern(m.pattern, m.palette, n))))
        for n, m in enumerate(demo.MOTIFS[:PICTURE_PATTERNS])
    ]
    now = timezone.now()
    rows, links = [], []
    for n in range(products):
        maker = makers[n % enterprises]
        chosen = rng.sample(range(len(motifs)), 2 if n % 3 == 0 else 1)
        technique = rng.choice(maker.techniques)
        product_type = rng.choice(demo.TYPES_BY_TECHNIQUE[technique])
        data = demo.product_data(rng, maker, technique, product_type, [demo.MOTIFS[c] for c in chosen])
        data |= _translated("name", data.pop("name_ind"), data.pop("name_en"))
        data |= _translated("description", data.pop("description_ind"), data.pop("description_en"))
        rows.append(
            Product(
                enterprise=maker,
                sku=f"B-{n:05d}",
                slug=f"{slugify(data['name'])[:120]}-{n}",
                status=ProductStatus.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=n),
                natural_dye=any(d["natural"] for d in data["dyes"]),
                featured=n < FEATURED,
                **data,
            )
        )
        links.append(chosen)
    Product.objects.bulk_create(rows, batch_size=1000)
    through = Product.motifs.through
    through.objects.bulk_create(
        (through(product=p, motif=motifs[c]) for p, chosen in zip(rows, links, strict=True) for c in chosen),
        batch_size=2000,
    )
    pictures = [_picture(stored[n % len(stored)], product=p) for n, p in enumerate(rows)]
    pictures += [_picture(stored[n % len(stored)], motif=m) for n, m in enumerate(motifs)]
    Picture.objects.bulk_create(pictures, batch_size=1000)
    return next(p.slug for p, chosen in zip(rows, links, strict=True) if len(chosen) == 2)


def _translated(field: str, ind: str, en: str) -> dict[str, str]:
    """A translated field's values for bulk_create, which skips django-modeltranslation's sync of the base column."""
    return {field: ind, f"{field}_ind": ind, f"{field}_en": en}


def _picture(stored: StoredPicture, **owner: Product | Motif) -> Picture:
    return Picture(
        **owner,
        sha256=stored.sha256,
        width=stored.width,
        height=stored.height,
        renditions=stored.renditions,
        **_translated("alt_text", "Kain batik (gambar uji beban)", "Batik cloth (load-test picture)"),
    )


def measure_pages(product_slug: str, query: str, cpu_requests: int) -> list[Target]:
    """The pages to load, with the SQL queries one visitor's request runs without the cache (the full page) and
    from it (a cached copy), and the CPU and time one full page takes (``cpu_requests`` requests, cache off)."""
    with translation.override(settings.LANGUAGE_CODE):
        listing = reverse("showcase:products")
        pages = [
            ("list", listing),
            ("product", reverse("showcase:product", args=[product_slug])),
            ("search", f"{listing}?{urlencode({'q': query})}"),
        ]
    client = Client()
    targets: list[Target] = []
    for label, path in pages:
        with override_settings(SHOWCASE_CACHE_SECONDS=0):
            client.get(path)  # the first request of a process loads templates and translations
            with CaptureQueriesContext(connection) as miss:
                response = client.get(path)
        # Counted at once: the captured list is a window on a log that the next request starts afresh.
        queries_miss = len(miss)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}")
        with override_settings(SHOWCASE_CACHE_SECONDS=60):
            client.get(path)
            with CaptureQueriesContext(connection) as hit:
                client.get(path)
        cpu_ms, cpu_best_ms, wall_ms = time_requests(client, path, cpu_requests)
        kilobytes = round(len(response.content) / 1024, 1)
        targets.append(
            Target(
                label,
                path,
                queries_miss,
                len(hit),
                kilobytes,
                round(cpu_ms, 2),
                round(wall_ms, 2),
                round(cpu_best_ms, 2),
            )
        )
    return targets


def time_requests(client: Client, path: str, requests: int) -> tuple[float, float, float]:
    """CPU milliseconds per full page (page cache off), the median and the best of ``ROUNDS`` rounds that share
    ``requests`` requests, and the elapsed milliseconds per page over all of them, after one unmeasured request. On
    a 2-vCPU machine whatever runs on the other vCPU slows this one: single passes of the same page differ by a
    quarter, the rounds' median and best hold steadier."""
    per_round = max(1, requests // ROUNDS)
    rounds: list[float] = []
    with override_settings(SHOWCASE_CACHE_SECONDS=0):
        client.get(path)
        wall = time.perf_counter()
        for _ in range(ROUNDS):
            cpu = time.process_time()
            for _ in range(per_round):
                client.get(path)
            rounds.append((time.process_time() - cpu) * 1000 / per_round)
        elapsed = (time.perf_counter() - wall) * 1000 / (per_round * ROUNDS)
    return statistics.median(rounds), min(rounds), elapsed
