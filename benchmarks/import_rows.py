"""How long the spreadsheet import takes to check (preview) and to apply, for a given number of rows.

    uv run python benchmarks/import_rows.py --rows 1000

Runs against a fresh SQLite database in a temporary folder (or DATABASE_URL's database, which it must be allowed to
fill), with Kota Mojokerto's areas. It prints the numbers; it asserts nothing. The target it informs: an import of
settings.IMPORT_MAX_ROWS rows finishes well inside one web request.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="enterprises, and as many people")
    args = parser.parse_args()

    os.environ.setdefault("CANTING_DATA_DIR", tempfile.mkdtemp(prefix="canting-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "canting.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from openpyxl import Workbook

    from canting.core.areas import load_areas
    from canting.core.testing import staff_user
    from canting.registry.importing import apply_import, stage_import
    from canting.registry.models import Enterprise
    from canting.registry.tests.factories import nik_for

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.rows)
    call_command("migrate", verbosity=0)
    load_areas("35.76")
    staff = staff_user("bench")

    workbook = Workbook()
    workbook.remove(workbook.active)
    ikm = workbook.create_sheet("IKM")
    ikm.append(["NIB", "Nama usaha", "Alamat", "Kelurahan", "Teknik", "Pekerja perempuan", "Nilai investasi (Rp)"])
    orang = workbook.create_sheet("Orang")
    orang.append(["NIK", "Nama lengkap", "Telepon", "NIB usaha", "Peran"])
    for n in range(args.rows):
        nib = f"{9300000000000 + n}"
        ikm.append([nib, f"Batik Uji {n}", f"Jl. Uji {n}", "35.76.02.1001", "tulis", 2, "Rp 5.000.000"])
        orang.append([nik_for(n + 1), f"Perajin Uji {n}", f"0812{n:08d}", nib, "pemilik"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("bench.xlsx", buffer.getvalue())

    started = time.perf_counter()
    batch = stage_import(upload, actor=staff)
    checked = time.perf_counter() - started
    if batch.errors:
        raise SystemExit(f"the benchmark file has errors: {batch.errors[:3]}")
    started = time.perf_counter()
    apply_import(batch, actor=staff)
    applied = time.perf_counter() - started
    print(f"rows per sheet: {args.rows:,}  ({len(buffer.getvalue()) / 1024:.0f} KB)")
    print(f"check (preview): {checked:6.2f} s  ({checked / args.rows * 1000:.1f} ms a row)")
    print(f"apply:           {applied:6.2f} s  ({applied / args.rows * 1000:.1f} ms a row)")
    print(f"enterprises now: {Enterprise.objects.count():,}")


if __name__ == "__main__":
    main()
