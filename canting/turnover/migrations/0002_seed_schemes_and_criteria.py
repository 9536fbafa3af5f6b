"""Seed the two business-class schemes in force (PP 7/2021 by annual sales; Permenperin 64/M-IND/PER/7/2016 by
workers and investment) and the default readiness criteria. Reversing deletes exactly what was added."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import migrations

BILLION = Decimal(1_000_000_000)

SCHEMES: list[dict[str, Any]] = [
    {
        "code": "pp-7-2021-sales",
        "name": "PP 7/2021: annual sales",
        "name_ind": "PP 7/2021: hasil penjualan tahunan",
        "name_en": "PP 7/2021: annual sales",
        "basis": "sales",
        "regulation": "Peraturan Pemerintah 7/2021, article 35 (5)",
        "edition": "2021",
        "source": "https://peraturan.bpk.go.id/Details/161837/pp-no-7-tahun-2021",
        "effective_from": datetime.date(2021, 2, 2),
        # class -> groups -> (measure, comparator, value)
        "classes": {
            "mikro": [[("annual_sales", "lte", 2 * BILLION)]],
            "kecil": [[("annual_sales", "gt", 2 * BILLION), ("annual_sales", "lte", 15 * BILLION)]],
            "menengah": [[("annual_sales", "gt", 15 * BILLION), ("annual_sales", "lte", 50 * BILLION)]],
            "besar": [[("annual_sales", "gt", 50 * BILLION)]],
        },
    },
    {
        "code": "permenperin-64-2016",
        "name": "Permenperin 64/M-IND/PER/7/2016: workers and investment",
        "name_ind": "Permenperin 64/M-IND/PER/7/2016: tenaga kerja dan nilai investasi",
        "name_en": "Permenperin 64/M-IND/PER/7/2016: workers and investment",
        "basis": "industry",
        "regulation": "Peraturan Menteri Perindustrian 64/M-IND/PER/7/2016, articles 2-4",
        "edition": "2016",
        "source": "https://jdih.kemenperin.go.id/",
        "effective_from": datetime.date(2016, 8, 8),
        "classes": {
            # No "mikro" in the ministry of industry's scheme: its smallest class is industri kecil.
            "kecil": [[("workers", "lte", Decimal(19)), ("investment", "lt", BILLION)]],
            "menengah": [
                [("workers", "lte", Decimal(19)), ("investment", "gte", BILLION)],
                [("workers", "gte", Decimal(20)), ("investment", "lte", 15 * BILLION)],
            ],
            "besar": [[("workers", "gte", Decimal(20)), ("investment", "gt", 15 * BILLION)]],
        },
    },
]

# (code, kind, weight, target, English name, Indonesian name); weights sum to 100.
CRITERIA: list[tuple[str, str, int, Decimal | None, str, str]] = [
    (
        "legality",
        "legality",
        15,
        None,
        "Legality: NIB with KBLI 13134 and NPWP",
        "Legalitas: NIB dengan KBLI 13134 dan NPWP",
    ),
    ("trademark", "trademark", 10, None, "Trademark registered or filed", "Merek terdaftar atau dalam proses"),
    ("batikmark", "batikmark", 10, None, "Active Batikmark", "Batikmark aktif"),
    ("sni", "sni", 5, None, "Active SNI product certificate", "Sertifikat SNI produk aktif"),
    (
        "certified-workers",
        "certified_workers",
        10,
        Decimal(2),
        "Workers with a competency certificate",
        "Pekerja bersertifikat kompetensi",
    ),
    ("trainings", "trainings", 10, Decimal(2), "Trainings completed", "Pelatihan yang diselesaikan"),
    (
        "turnover-growth",
        "turnover_growth",
        15,
        Decimal(10),
        "Turnover growth over 12 months (%)",
        "Pertumbuhan omset 12 bulan (%)",
    ),
    (
        "exhibitions",
        "exhibitions",
        5,
        Decimal(1),
        "Exhibitions in the last 12 months",
        "Pameran dalam 12 bulan terakhir",
    ),
    ("online", "online", 5, Decimal(3), "Products on the showcase", "Produk di etalase daring"),
    ("export-readiness", "export_readiness", 5, None, "Export readiness", "Kesiapan ekspor"),
    ("reporting", "reporting", 10, Decimal(10), "Months reported of the last 12", "Bulan terlapor dari 12 terakhir"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    ClassScheme = apps.get_model("turnover", "ClassScheme")
    ClassCondition = apps.get_model("turnover", "ClassCondition")
    Criterion = apps.get_model("turnover", "Criterion")
    for spec in SCHEMES:
        fields = {k: v for k, v in spec.items() if k != "classes"}
        scheme = ClassScheme.objects.create(active=True, **fields)
        for business_class, groups in spec["classes"].items():
            for group, conditions in enumerate(groups, start=1):
                for measure, comparator, value in conditions:
                    ClassCondition.objects.create(
                        scheme=scheme,
                        business_class=business_class,
                        group=group,
                        measure=measure,
                        comparator=comparator,
                        value=value,
                    )
    for position, (code, kind, weight, target, name_en, name_ind) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(
            code=code,
            kind=kind,
            weight=weight,
            target=target,
            position=position * 10,
            name=name_ind,
            name_ind=name_ind,
            name_en=name_en,
            active=True,
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    ClassScheme = apps.get_model("turnover", "ClassScheme")
    Criterion = apps.get_model("turnover", "Criterion")
    Criterion.objects.filter(code__in=[c[0] for c in CRITERIA]).delete()
    ClassScheme.objects.filter(code__in=[s["code"] for s in SCHEMES]).delete()  # conditions cascade


class Migration(migrations.Migration):
    dependencies = [("turnover", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
