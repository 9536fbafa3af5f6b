"""Demo data for quality and certification: the batik standards, BBSPJIKB's reports, Batikmark certificates that
match the registry's facilitation records, production batches, an inspection that found printed cloth sold as
tulis, and labels that have been scanned from several countries.

Limits of the SNI batik standards are entered as provisional ("to be checked against the standard text"): the
standard texts were not at hand; the EU azo-amine limit (30 mg/kg) is firm.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from canting.catalogue.models import Product, ProductStatus
from canting.certification.models import (
    BATIKMARK_SCHEMES,
    Answer,
    Batch,
    Comparator,
    Laboratory,
    Parameter,
    Scheme,
)
from canting.certification.services import batches, certifications, inspections, labels, reports, standards
from canting.core.models import User
from canting.registry.models import Enterprise, Facilitation, FacilitationKind, Technique

SNI_EDITION = "2016, Amd 1:2019"
SNI_SOURCE = "Badan Standardisasi Nasional (BSN); batas sementara, perlu dicocokkan dengan teks standar"
SNI_STANDARDS = (
    ("SNI 8302", "Kain batik tulis: karakteristik, syarat mutu dan cara uji", Technique.TULIS),
    ("SNI 8303", "Kain batik cap: karakteristik, syarat mutu dan cara uji", Technique.CAP),
    ("SNI 8304", "Kain batik kombinasi tulis dan cap: karakteristik, syarat mutu dan cara uji", Technique.KOMBINASI),
)
# name in Indonesian, name in English, unit, method, comparator, limit, upper limit
SNI_PARAMETERS: tuple[tuple[str, str, str, str, str, str, str | None], ...] = (
    ("Mengkeret (penyusutan)", "Shrinkage (mengkeret)", "%", "Pencucian dan pengeringan, sesuai standar",
     Comparator.AT_MOST, "3", None),
    ("Ketahanan luntur warna terhadap pencucian: perubahan warna", "Colour fastness to washing: colour change",
     "nilai", "SNI ISO 105-C06", Comparator.AT_LEAST, "4", None),
    ("Ketahanan luntur warna terhadap pencucian: penodaan", "Colour fastness to washing: staining", "nilai",
     "SNI ISO 105-C06", Comparator.AT_LEAST, "3.5", None),
    ("Ketahanan luntur warna terhadap gosokan: kering", "Colour fastness to rubbing: dry", "nilai", "SNI 0288:2008",
     Comparator.AT_LEAST, "4", None),
    ("Ketahanan luntur warna terhadap gosokan: basah", "Colour fastness to rubbing: wet", "nilai", "SNI 0288:2008",
     Comparator.AT_LEAST, "3", None),
    ("Lebar kain", "Fabric width", "cm", "Diukur mendatar, sesuai standar", Comparator.BETWEEN, "105", "115"),
    ("Panjang kain", "Fabric length", "cm", "Diukur mendatar, sesuai standar", Comparator.AT_LEAST, "200", None),
)  # fmt: skip
AZO = ("REACH Annex XVII entry 43", "Azo colourants: releasable aromatic amines", "EN ISO 14362-1:2017")
AZO_PARAMETER = (
    "Amina aromatik yang dapat dilepaskan (masing-masing dari 22 jenis)",
    "Releasable aromatic amines (each of the 22 listed)",
)
# Passing grades a good batik reaches, and the weak wet-rubbing grade that natural dyes sometimes give.
GOOD = ("2.1", "4.5", "4", "4.5", "3.5", "110", "250")
WEAK_WET_RUBBING = ("2.4", "4", "3.5", "4", "2.5", "110", "250")
COUNTRIES = ("ID", "ID", "ID", "ID", "MY", "SG", "JP", "AU", "NL", "DE", "US", "")


def _standards(staff: User) -> tuple[dict[str, list[Parameter]], Parameter]:
    by_technique: dict[str, list[Parameter]] = {}
    for code, title, technique in SNI_STANDARDS:
        standard = standards.save_standard(
            actor=staff, data={"code": code, "title": title, "edition": SNI_EDITION, "source": SNI_SOURCE}
        )
        params = []
        for position, (name_ind, name_en, unit, method, comparator, limit, upper) in enumerate(SNI_PARAMETERS, start=1):
            params.append(
                standards.save_parameter(
                    actor=staff,
                    standard=standard,
                    data={
                        "name_ind": name_ind,
                        "name_en": name_en,
                        "unit": unit,
                        "test_method": method,
                        "comparator": comparator,
                        "limit": Decimal(limit),
                        "upper_limit": Decimal(upper) if upper else None,
                        "techniques": [technique.value],
                        "limit_checked": False,
                        "position": position,
                    },
                )
            )
        by_technique[technique.value] = params
    code, title, edition = AZO
    azo_standard = standards.save_standard(
        actor=staff,
        data={
            "code": code,
            "title": title,
            "edition": edition,
            "source": "Regulation (EC) No 1907/2006, Annex XVII entry 43; the same limit applies in Japan since 2016",
        },
    )
    azo = standards.save_parameter(
        actor=staff,
        standard=azo_standard,
        data={
            "name_ind": AZO_PARAMETER[0],
            "name_en": AZO_PARAMETER[1],
            "unit": "mg/kg",
            "test_method": "EN ISO 14362-1",
            "comparator": Comparator.AT_MOST,
            "limit": Decimal(30),
            "techniques": [],
            "limit_checked": True,
            "position": 1,
        },
    )
    return by_technique, azo


def _laboratories(staff: User) -> tuple[Laboratory, Laboratory]:
    bbspjikb = standards.save_laboratory(
        actor=staff,
        data={
            "name": "Balai Besar Standardisasi dan Pelayanan Jasa Industri Kerajinan dan Batik",
            "short_name": "BBSPJIKB",
            "city": "Yogyakarta",
        },
    )
    textile = standards.save_laboratory(
        actor=staff,
        data={
            "name": "Balai Besar Standardisasi dan Pelayanan Jasa Industri Tekstil",
            "short_name": "BBSPJI Tekstil",
            "city": "Bandung",
        },
    )
    return bbspjikb, textile


def _batch(rng: random.Random, actor: User, product: Product, n: int, started: datetime.date) -> Batch:
    natural = any(d.get("natural") for d in product.dyes or [])
    data: dict[str, Any] = {
        "code": f"{product.sku}-{started:%y%m}-{n}",
        "quantity": rng.choice([12, 20, 24, 30, 40]),
        "started_on": started,
        "finished_on": started + datetime.timedelta(days=product.production_days or 14),
        "fabric_lot": f"{product.fabric.upper()}-{started:%y%m}",
    }
    if natural:
        data |= {"dye_classes": ["natural"], "dyes": "Tingi, jambal, tegeran (soga)", "mordant": "alum"}
    else:
        data |= {"dye_classes": ["naphthol", "indigosol"], "dyes": "Naphthol AS-BO, Indigosol Blue O4B",
                 "naphthol_salt": "Garam Biru B"}  # fmt: skip
    return batches.create_batch(actor=actor, product=product, data=data)


def _finished(batch: Batch) -> datetime.date:
    return batch.finished_on or batch.started_on


def load(rng: random.Random, *, staff: User) -> None:
    """Standards first, then per enterprise: batches of its published pieces, reports, certificates and labels."""
    today = timezone.localdate()
    by_technique, azo = _standards(staff)
    bbspjikb, textile = _laboratories(staff)
    logins = {u.enterprise_id: u for u in User.objects.filter(role="artisan", enterprise__isnull=False)}
    batikmarks = {
        f.enterprise_id: f for f in Facilitation.objects.filter(kind=FacilitationKind.BATIKMARK).order_by("pk")
    }
    first_login = min(pk for pk in logins if pk is not None)
    sni_records = {f.enterprise_id: f for f in Facilitation.objects.filter(kind=FacilitationKind.SNI)}
    report_no = 0
    for enterprise in Enterprise.objects.registered().order_by("pk"):
        actor = logins.get(enterprise.pk, staff)
        pieces = list(
            Product.objects.filter(enterprise=enterprise, status=ProductStatus.PUBLISHED)
            .exclude(technique=Technique.TIRUAN)
            .order_by("pk")
        )
        if not pieces:
            continue
        # The SNI holder's product certificate is against the standard of the technique (SNI 8302 for tulis).
        product = (
            next((p for p in pieces if p.technique == Technique.TULIS), pieces[0])
            if enterprise.pk in sni_records
            else pieces[0]
        )
        batch = _batch(rng, actor, product, 1, datetime.date(2024, rng.randint(1, 6), rng.randint(1, 28)))
        report_no += 1
        params = by_technique[product.technique]
        # Holders passed their Batikmark tests; a few others fall short on wet rubbing, as natural dyes may.
        grades = WEAK_WET_RUBBING if enterprise.pk not in batikmarks and report_no % 3 == 0 else GOOD
        report = reports.create_report(
            actor=staff,
            data={
                "product": product,
                "batch": batch,
                "laboratory": bbspjikb,
                "number": f"{report_no:03d}/LHU/BBSPJIKB/2024",
                "sampled_on": _finished(batch),
                "sampled_by": "Petugas pengambil contoh BBSPJIKB, di bengkel perajin",
                "received_on": _finished(batch) + datetime.timedelta(days=4),
                "issued_on": _finished(batch) + datetime.timedelta(days=21),
            },
        )
        report = reports.record_results(
            report, actor=staff, values={p: Decimal(v) for p, v in zip(params, grades, strict=True)}
        )
        facilitation = batikmarks.get(enterprise.pk)
        certificate = None
        if facilitation is not None and report.verdict == "pass":
            certificate = certifications.create_certification(
                actor=staff,
                enterprise=enterprise,
                data={
                    "scheme": BATIKMARK_SCHEMES[product.technique],
                    "number": facilitation.number,
                    "issuer": "BBSPJIKB Yogyakarta",
                    "issued_on": facilitation.granted_on,
                    "expires_on": facilitation.expires_on,
                },
                products=[],
                test_reports=[report],
            )
        sni = sni_records.get(enterprise.pk)
        if sni is not None and report.verdict == "pass":
            certifications.create_certification(
                actor=staff,
                enterprise=enterprise,
                data={
                    "scheme": Scheme.SNI,
                    "title": next(f"{code}:2016" for code, _, t in SNI_STANDARDS if t == product.technique),
                    "number": sni.number,
                    "issuer": "LSPro BBSPJIKB",
                    "issued_on": sni.granted_on,
                    "expires_on": sni.expires_on,
                },
                products=[product],
                test_reports=[report],
            )
        run = labels.issue_labels(
            actor=staff, batch=batch, count=min(batch.quantity, 24), certification=certificate,
            note="Label seri untuk pameran dan penjualan",
        )  # fmt: skip
        for label in run.labels.order_by("position")[: rng.randint(3, 9)]:
            for _ in range(rng.randint(1, 4)):
                labels.record_check(label, country=rng.choice(COUNTRIES))
        if enterprise.pk == first_login:
            _showpieces(rng, staff, enterprise, product, batch, run, azo, textile, today)


def _showpieces(
    rng: random.Random,
    staff: User,
    enterprise: Enterprise,
    product: Product,
    batch: Batch,
    run: Any,
    azo: Parameter,
    textile: Laboratory,
    today: datetime.date,
) -> None:
    """What the first demo login can show: an export-ready azo test, an OEKO-TEX certificate nearing expiry, a
    revoked label, a confirmed inspection, and a second batch labelled without a certificate."""
    report = reports.create_report(
        actor=staff,
        data={
            "product": product,
            "batch": batch,
            "laboratory": textile,
            "number": "TX-2024-0412",
            "sampled_on": _finished(batch),
            "sampled_by": "Dikirim oleh perajin",
            "issued_on": _finished(batch) + datetime.timedelta(days=30),
        },
    )
    report = reports.record_results(report, actor=staff, values={azo: Decimal("4.2")})
    issued = today - datetime.timedelta(days=300)
    certifications.create_certification(
        actor=staff,
        enterprise=enterprise,
        data={
            "scheme": Scheme.OEKOTEX,
            "number": f"{issued:%y}.HID.{rng.randint(10000, 99999)}",
            "issuer": "OEKO-TEX member institute",
            "issued_on": issued,
            "expires_on": issued + datetime.timedelta(days=365),
        },
        products=[product],
        test_reports=[report],
    )
    revoked = run.labels.order_by("position").last()
    labels.revoke_label(revoked, actor=staff, reason="Label rusak saat dijahit; diganti label baru.")
    inspections.inspect(
        actor=staff,
        product=product,
        data={
            "inspected_on": _finished(batch) + datetime.timedelta(days=2),
            "batch": batch,
            "answers": dict.fromkeys(
                ("colour_through", "wax_smell", "colour_seeps", "crackle", "strokes_vary", "fillings_vary"),
                Answer.YES,
            ),
            "notes": "Warna tembus sampai ke belakang; garis malam tidak seragam.",
        },
    )
    second = _batch(rng, staff, product, 2, datetime.date(2025, 2, 3))
    labels.issue_labels(actor=staff, batch=second, count=12, certification=None, note="Contoh label tanpa sertifikat")
    _suspect(staff, today)


def _suspect(staff: User, today: datetime.date) -> None:
    """A piece sold as tulis that turned out to be print finished with a little canting: held back from view."""
    product = (
        Product.objects.filter(technique=Technique.TULIS, status=ProductStatus.PUBLISHED, featured=False)
        .order_by("-pk")
        .first()
    )
    if product is None:
        return
    inspections.inspect(
        actor=staff,
        product=product,
        data={
            "inspected_on": today - datetime.timedelta(days=5),
            "answers": {
                "colour_through": Answer.NO,
                "wax_smell": Answer.NO,
                "colour_seeps": Answer.UNCLEAR,
                "crackle": Answer.NO,
                "strokes_vary": Answer.YES,
                "fillings_vary": Answer.NO,
            },
            "notes": "Bagian belakang kain pucat; isen-isen seragam seperti cetakan. Diminta contoh kain ke perajin.",
        },
    )
