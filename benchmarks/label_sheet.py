"""How long a sheet of serial labels takes to make, whether its QR codes read back, and how fast a passport answers.

    uv run python benchmarks/label_sheet.py --labels 1000

Runs against a fresh SQLite database in a temporary folder (or DATABASE_URL's database, which it must be allowed to
fill), with Kota Mojokerto's areas. It issues one run of labels through the service, then times: building the
sheet's data (one QR code as SVG per label), compiling the PDF (the first compile of a process parses the template
and fonts; later ones reuse them), and rendering a sample of pages to PNG, whose QR codes are read back with
zxing-cpp and compared with the labels' addresses. Last, it opens one label's passport with Django's test client
many times (no network, no page cache: every look is counted) and prints the time per answer. It prints the
numbers; it asserts nothing. The target it informs: a 1,000-label sheet well under 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000, help="labels in the run (1 to 5,000)")
    parser.add_argument("--pages", type=int, default=3, help="pages rendered to PNG and read back")
    parser.add_argument("--looks", type=int, default=200, help="passport requests timed")
    args = parser.parse_args()
    if not 1 <= args.labels <= 5000:
        raise SystemExit("--labels must be from 1 to 5,000")

    os.environ.setdefault("CANTING_DATA_DIR", tempfile.mkdtemp(prefix="canting-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "canting.settings"
    import django

    django.setup()
    import zxingcpp
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from PIL import Image

    from canting.catalogue.tests.factories import ProductFactory
    from canting.certification.services import labels
    from canting.certification.tests.factories import BatchFactory, CertificationFactory
    from canting.core.areas import load_areas
    from canting.core.documents import render_pdf, render_png
    from canting.core.testing import staff_user
    from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory

    settings.PASSPORT_RATE = f"{args.looks * 10}/m"  # the benchmark is one client address asking many times
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    load_areas("35.76")
    staff = staff_user("bench")
    maker = EnterpriseFactory(name="Batik Uji Bangku")
    MembershipFactory(enterprise=maker)
    batch = BatchFactory(product=ProductFactory(enterprise=maker, name_ind="Kain Panjang Surya Majapahit"))
    certificate = CertificationFactory(enterprise=maker, number="BMI-0001/2026")

    started = time.perf_counter()
    run = labels.issue_labels(actor=staff, batch=batch, count=args.labels, certification=certificate)
    issued = time.perf_counter() - started

    started = time.perf_counter()
    data = labels.label_sheet_data(run)
    built = time.perf_counter() - started
    started = time.perf_counter()
    pdf = render_pdf(labels.SHEET_TEMPLATE, data)
    first_compile = time.perf_counter() - started
    started = time.perf_counter()
    labels.label_sheet_pdf(run)
    whole = time.perf_counter() - started
    pages = -(-args.labels // 24)

    sample = {**data, "labels": data["labels"][: args.pages * 24]}
    started = time.perf_counter()
    images = render_png(labels.SHEET_TEMPLATE, sample)
    rendered = time.perf_counter() - started
    expected = {labels.label_url(code) for code in run.labels.order_by("position").values_list("code", flat=True)}
    started = time.perf_counter()
    read = [r.text for image in images for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image)))]
    decoded = time.perf_counter() - started

    code = run.labels.order_by("position").values_list("code", flat=True).first()
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    url = f"/en/passport/{code}/"
    client.get(url)  # warm: templates, translations, URL resolvers
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # now: later requests empty Django's query log
    times = []
    for _ in range(args.looks):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()

    print(f"labels: {args.labels:,} on {pages} A4 pages, PDF {len(pdf) / 1024:.0f} KB")
    print(f"issue (service, bulk insert):  {issued:6.3f} s")
    print(f"sheet data (QR codes as SVG):  {built:6.3f} s")
    print(f"PDF, first compile in process: {first_compile:6.3f} s")
    print(f"PDF, whole view path (warm):   {whole:6.3f} s  (data + compile)")
    print(f"PNG of {len(images)} pages at 144 ppi:    {rendered:6.3f} s")
    print(
        f"QR codes read back: {len(read)} of {len(sample['labels'])} on those pages, "
        f"all the labels' addresses: {set(read) <= expected and len(set(read)) == len(read)}  ({decoded:.3f} s)"
    )
    print(
        f"passport GET (test client, {args.looks} looks, status {response.status_code}, "
        f"{len(response.content) / 1024:.1f} KB, {query_count} queries): "
        f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
        f"max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
