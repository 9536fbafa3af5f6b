"""Demo data for training: the two 2023 trainings of Kota Mojokerto, each with 30 participants from the demo
enterprises, their attendance, assessments and certificates.

The office issues the certificates of attendance. The certificates of competency are LSP BBKB's (its BNSP licence
BNSP-LSP-1485-ID is real); the demo records them as the office would from the LSP's papers. The unit codes follow
the SKKNI's pattern (C.13BTK01.001.2) but are examples, not matched to the standard's units, and say so; the
certificate numbers and the scans are examples too.
"""

from __future__ import annotations

import datetime
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from canting.core.dates import add_months, as_of_today
from canting.core.models import User
from canting.registry.models import Membership, MembershipRole
from canting.training.models import (
    AssessmentResult,
    CertificateKind,
    CompetencyScheme,
    CompetencyUnit,
    Enrolment,
    ProgrammeKind,
    TrainingSession,
)
from canting.training.selectors import earned_scheme
from canting.training.services import assessments, attendance, certificates, enrolments, programmes

SKKNI = "SKKNI industri batik, Kepmenaker 104/2018 (contoh kode unit, belum dicocokkan dengan SKKNI)"
TULIS_UNITS = (
    ("C.13BTK01.001.2", "Membuat pola batik (reng-rengan)"),
    ("C.13BTK01.002.2", "Membatik tulis: nglowong, ngiseni dan nerusi"),
    ("C.13BTK01.003.2", "Menutup bidang dengan malam: mopok, nembok, nutup dan mbironi"),
    ("C.13BTK01.004.2", "Memeriksa hasil batik"),
)
CAP_UNITS = (
    ("C.13BTK02.001.2", "Menganji kain"),
    ("C.13BTK02.002.2", "Menata pola pada kain"),
    ("C.13BTK02.003.2", "Menggunakan canting cap"),
    ("C.13BTK02.004.2", "Memeriksa hasil batik cap"),
    ("C.13BTK02.005.2", "Memperbaiki canting cap"),
)
LSP = "LSP BBKB (BBSPJIKB Yogyakarta)"
LSP_LICENCE = "BNSP-LSP-1485-ID"
ORGANISER = "Diskopukmperindag Kota Mojokerto"


def _units(staff: User, rows: tuple[tuple[str, str], ...]) -> list[CompetencyUnit]:
    return [
        programmes.save_unit(actor=staff, data={"code": code, "title": title, "standard": SKKNI})
        for code, title in rows
    ]


def _participants(rng: random.Random, count: int, *, owners_first: bool) -> list[Membership]:
    """One person per place: the owners of the demo enterprises, then their workers."""
    owners = list(Membership.objects.filter(role=MembershipRole.OWNER).select_related("person", "enterprise"))
    workers = list(Membership.objects.filter(role=MembershipRole.WORKER).select_related("person", "enterprise"))
    rng.shuffle(workers)
    pool = owners + workers if owners_first else workers + owners
    chosen: list[Membership] = []
    seen: set[int] = set()
    for membership in pool:
        if membership.person_id not in seen and membership.enterprise.status == "active":
            seen.add(membership.person_id)
            chosen.append(membership)
        if len(chosen) == count:
            break
    return chosen


def _run(
    rng: random.Random,
    staff: User,
    session: TrainingSession,
    people: list[Membership],
    *,
    absent_share: float,
    not_yet: int = 0,
) -> None:
    """Invite and seat everyone, take each day's attendance, assess every unit, then issue the certificates."""
    enrolled = []
    for membership in people:
        (enrolment,) = enrolments.invite(
            actor=staff, session=session, people=[membership.person], enterprise=membership.enterprise
        )
        enrolled.append(enrolments.accept(enrolment, actor=staff))
    for enrolment in enrolled:
        for day in session.days:
            attendance.mark(actor=staff, enrolment=enrolment, day=day, present=rng.random() > absent_share)
    units = list(session.units.all())
    weak = set(rng.sample(range(len(enrolled)), not_yet)) if units else set()
    for index, enrolment in enumerate(enrolled):
        failing = rng.randrange(len(units)) if index in weak else -1
        for position, unit in enumerate(units):
            assessments.assess(
                actor=staff,
                enrolment=enrolment,
                unit=unit,
                result=AssessmentResult.NOT_YET if position == failing else AssessmentResult.COMPETENT,
                assessed_on=session.ends_on,
                notes="" if position != failing else "Perlu latihan ulang; dinilai kembali pada uji berikutnya.",
            )
    certificates.issue_for_session(session, actor=staff)
    if session.scheme is not None:
        _record_from_lsp(staff, session.scheme, [e for e in enrolled if earned_scheme(e)])


def _placeholder_scan() -> bytes:
    """A stand-in for the scan of the LSP's paper: it says it is one, and imitates nothing."""
    image = Image.new("RGB", (480, 160), "white")
    ImageDraw.Draw(image).text((16, 64), "CONTOH DATA DEMO: pindaian sertifikat dari LSP", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _record_from_lsp(staff: User, scheme: CompetencyScheme, earned: list[Enrolment]) -> None:
    """What the office does when the LSP's certificates arrive: record each with its number, validity and scan."""
    scan = _placeholder_scan()
    for serial, enrolment in enumerate(earned, start=1):
        issued_on = enrolment.session.ends_on  # dated the day of the assessment, as the demo's figures expect
        number = f"CONTOH/LSP-BBKB/{issued_on.year}/{serial:04d}"
        certificates.record_external(
            actor=staff,
            person=enrolment.person,
            enrolment=enrolment,
            data={
                "kind": CertificateKind.COMPETENCY,
                "number": number,
                "title": scheme.name,
                "issuer": scheme.issuer,
                "issuer_licence": scheme.issuer_licence,
                "scheme": scheme,
                "issued_on": issued_on,
                "expires_on": add_months(issued_on, scheme.validity_months),
            },
            scan=ContentFile(scan, name="scan.png"),
        )


def load(rng: random.Random, *, staff: User) -> None:
    """The July 2023 technical training at BBSPJIKB with its competency scheme, and the October 2023 export one."""
    assessor = User.objects.filter(role="assessor").order_by("pk").first()
    tulis = _units(staff, TULIS_UNITS)
    cap = _units(staff, CAP_UNITS)
    scheme = programmes.save_scheme(
        actor=staff,
        data={"name": "Skema Pembatik Tulis", "issuer": LSP, "issuer_licence": LSP_LICENCE, "validity_months": 36},
        units=tulis,
    )
    programmes.save_scheme(
        actor=staff,
        data={"name": "Skema Pembatik Cap", "issuer": LSP, "issuer_licence": LSP_LICENCE, "validity_months": 36},
        units=cap,
    )
    technical = programmes.save_programme(
        actor=staff,
        data={
            "title": "Pelatihan Teknis Produksi dan Standardisasi Produk Batik",
            "kind": ProgrammeKind.TECHNICAL,
            "organiser": ORGANISER,
            "partner": "BBSPJIKB Yogyakarta dan Kampung Batik Giriloyo",
            "funding_source": "APBD Kota Mojokerto",
            "year": 2023,
            "target_group": "Perajin batik Kota Mojokerto",
            "description": "Teknik membatik dan pewarnaan, proses produksi yang benar, dan persyaratan standar produk.",
        },
    )
    july = programmes.save_session(
        actor=staff,
        programme=technical,
        data={
            "starts_on": datetime.date(2023, 7, 10),
            "ends_on": datetime.date(2023, 7, 14),
            "venue": "BBSPJIKB Yogyakarta dan Kampung Batik Giriloyo",
            "city": "Yogyakarta",
            "quota": 30,
            "scheme": scheme,
            "open_for_applications": False,
        },
        units=tulis,
        trainers=[assessor] if assessor else [],
    )
    _run(rng, staff, july, _participants(rng, 30, owners_first=True), absent_share=0.03, not_yet=3)
    export = programmes.save_programme(
        actor=staff,
        data={
            "title": "Pelatihan Prosedur dan Dokumen Ekspor",
            "kind": ProgrammeKind.EXPORT,
            "organiser": ORGANISER,
            "funding_source": "APBD Kota Mojokerto",
            "year": 2023,
            "target_group": "Pelaku IKM batik yang bersiap ekspor",
            "description": "Prosedur perdagangan luar negeri dan dokumen ekspor, agar batik Mojokerto mudah diekspor.",
        },
    )
    october = programmes.save_session(
        actor=staff,
        programme=export,
        data={
            "starts_on": datetime.date(2023, 10, 24),
            "ends_on": datetime.date(2023, 10, 26),
            "venue": "Kota Mojokerto",
            "city": "Kota Mojokerto",
            "quota": 30,
            "open_for_applications": False,
        },
        units=[],
        trainers=[],
    )
    _run(rng, staff, october, _participants(rng, 30, owners_first=False), absent_share=0.08)
    _upcoming(staff, cap, assessor)


def _upcoming(staff: User, cap: list[CompetencyUnit], assessor: User | None) -> None:
    """A batik cap session at the centre early next year, open for applications, so artisans can apply."""
    starts = as_of_today(2027, 2, 8)
    programme = programmes.save_programme(
        actor=staff,
        data={
            "title": "Pelatihan Batik Cap dan Uji Kompetensi",
            "kind": ProgrammeKind.TECHNICAL,
            "organiser": ORGANISER,
            "partner": LSP,
            "funding_source": "APBD Kota Mojokerto",
            "year": starts.year,
            "target_group": "Perajin batik cap di sentra",
        },
    )
    programmes.save_session(
        actor=staff,
        programme=programme,
        data={
            "starts_on": starts,
            "ends_on": starts + datetime.timedelta(days=4),
            "venue": 'Ruang pelatihan, Sentra IKM Batik "Maja Bharama Wastra"',
            "city": "Kota Mojokerto",
            "quota": 20,
            "open_for_applications": True,
            "apply_by": starts - datetime.timedelta(days=14),
            "centre_only": True,
            "new_to_programme_only": True,
        },
        units=cap,
        trainers=[assessor] if assessor else [],
    )
