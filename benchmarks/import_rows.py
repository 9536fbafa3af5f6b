"""How fast the spreadsheet import checks (the preview) and applies a large file, in rows per second.

    uv run python benchmarks/import_rows.py --rows 60000                  # a new SQLite file in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/canting_bench uv run python benchmarks/import_rows.py --rows 60000

It builds a workbook in the template's own layout (every column of the sheets IKM and Orang, headers as the template
writes them): ``--rows`` enterprises and as many people, each the owner of one enterprise, spread over every village
of ``--area`` (East Java, a whole province, by default) and named by their Kemendagri codes. A staff officer of that
area then checks it (``stage_import``) and applies it (``apply_import``): the same services the background tasks run.
With ``--again`` it then checks and applies a second file in which every enterprise changed two values, to time the
update path too.

It prints the time, rows per second (of all the file's rows: both sheets), SQL queries and peak memory of each step,
and asserts nothing. DATABASE_URL's database must hold no enterprise yet (create an empty one, migrate is run here);
the rows stay there afterwards. The temporary SQLite folder is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def nik(n: int) -> tuple[str, str, datetime.date]:
    """A valid NIK of a woman, unique for n below a million, with the gender and birth date it encodes."""
    day, month, year = n % 28 + 1, n % 12 + 1, 80 + n % 20
    return f"357602{day + 40:02d}{month:02d}{year:02d}{n % 9999 + 1:04d}", "P", datetime.date(1900 + year, month, day)


def rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def build(rows: int, villages: list[str], changed: bool = False) -> bytes:
    """The workbook an office would upload: the template's headers and every column filled in."""
    from openpyxl import Workbook

    from canting.registry.importing.columns import IKM, ORANG

    workbook = Workbook(write_only=True)
    ikm, orang = workbook.create_sheet(IKM.name), workbook.create_sheet(ORANG.name)
    ikm.append([column.header for column in IKM.columns])
    orang.append([column.header for column in ORANG.columns])
    techniques = ("tulis", "cap", "tulis, cap", "kombinasi")
    for n in range(rows):
        nib, village = f"{9300000000000 + n}", villages[n % len(villages)]
        women = n % 7 + 1 + (1 if changed else 0)
        investment = (n % 50 + 1) * 1_000_000 + (500_000 if changed else 0)
        ikm.append([
            nib, f"Batik Uji {n}", "Uji", f"{100000000000000 + n}", "perorangan", 1990 + n % 30, f"Jl. Uji {n}",
            village, techniques[n % 4], n % 200, n % 5, women, rupiah(investment),
        ])  # fmt: skip
        number, gender, born = nik(n)
        orang.append([
            number, f"Perajin Uji {n}", gender, born.strftime("%d/%m/%Y"), f"0812{n:08d}", f"perajin{n}@example.id",
            f"Jl. Uji {n}", village, nib, "pemilik",
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def load() -> str:
    """The machine's load average (1, 5, 15 minutes): above its 2 cores, other work shared them."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def counting() -> Iterator[Callable[[], int]]:
    """How many SQL statements run inside the block."""
    from django.db import connection

    count = 0

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield lambda: count


def timed(label: str, rows: int, step: Callable[[], Any]) -> Any:
    """Run a step and print its time, rows per second, queries and memory. The CPU seconds are this process's
    alone (the database server's work on PostgreSQL is not in them): on a machine busy with other work they tell
    more than the elapsed time does."""
    with counting() as queries:
        started, cpu = time.perf_counter(), time.process_time()
        result = step()
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label:<16} {took:8.2f} s  {rows / took:9,.0f} rows/s  CPU {cpu:7.2f} s  {queries():9,} queries "
        f"({queries() / rows:.3f} a row)  peak memory {peak_mb():,.0f} MB"
    )
    return result


def describe(connection: Any) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    version = connection.cursor().connection.info.server_version
    return f"{connection.vendor} {version // 10000}.{version % 10000}"


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from canting.core.areas import load_areas
    from canting.core.models import Area, AreaLevel, Role, User
    from canting.registry.importing import apply_import, stage_import
    from canting.registry.models import Enterprise

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.rows)
    settings.IMPORT_MAX_BYTES = max(settings.IMPORT_MAX_BYTES, 256 * 1024 * 1024)
    call_command("migrate", verbosity=0)
    if Enterprise.objects.exists():
        raise SystemExit("the database already holds enterprises: give the benchmark an empty one")
    started = time.perf_counter()
    load_areas(args.area)
    villages = sorted(
        Area.objects.filter(level=AreaLevel.VILLAGE, code__startswith=args.area).values_list("code", flat=True)
    )
    print(f"database: {describe(connection)}; load average {load()}")
    print(f"areas under {args.area}: {len(villages):,} villages loaded in {time.perf_counter() - started:.1f} s")
    staff = User.objects.create(username="bench", role=Role.STAFF, area=Area.objects.get(code=args.area))

    started = time.perf_counter()
    content = build(args.rows, villages)
    total = 2 * args.rows
    print(
        f"workbook: {args.rows:,} enterprises (IKM) + {args.rows:,} people (Orang) = {total:,} rows, "
        f"{len(content) / 1024 / 1024:.1f} MB, built in {time.perf_counter() - started:.1f} s"
    )
    batch = timed(
        "check (preview)", total, lambda: stage_import(SimpleUploadedFile("bench.xlsx", content), actor=staff)
    )
    if batch.errors:
        raise SystemExit(f"the benchmark file has errors: {batch.errors[:3]}")
    timed("apply", total, lambda: apply_import(batch, actor=staff))
    if args.again:
        changed = build(args.rows, villages, changed=True)
        again = SimpleUploadedFile("bench-2.xlsx", changed)
        batch = timed("check again", total, lambda: stage_import(again, actor=staff))
        print(f"                 {batch.summary['IKM']['update']:,} enterprises to update")
        timed("apply updates", total, lambda: apply_import(batch, actor=staff))
    print(
        f"enterprises now: {Enterprise.objects.count():,}; load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="enterprises, and as many people (default 1000)")
    parser.add_argument("--area", default="35", help="the officer's area, whose villages the rows use (default 35)")
    parser.add_argument("--again", action="store_true", help="then import a file that changes every enterprise")
    args = parser.parse_args()
    if not 1 <= args.rows <= 1_000_000:
        parser.error("--rows must be between 1 and 1,000,000")
    os.environ["DJANGO_SETTINGS_MODULE"] = "canting.settings"
    folder = None
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="canting-bench-")
        os.environ["CANTING_DATA_DIR"] = folder
    try:
        run(args)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
