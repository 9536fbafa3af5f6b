"""Demo data for training: the two 2023 trainings of Kota Mojokerto, each with 30 participants from the demo
enterprises, their attendance, assessments and certificates.

The competency units are those the domain notes name for the batik cap and batik tulis schemes; their SKKNI codes
were not at hand, so the codes here are the centre's own and say so.
"""

from __future__ import annotations

import datetime
import random

from canting.core.demo import as_of_today
from canting.core.models import User
from canting.registry.models import Membership, MembershipRole
from canting.training.models import AssessmentResult, CompetencyUnit, ProgrammeKind, TrainingSession
from canting.training.services import assessments, attendance, certificates, enrolments, programmes

SKKNI = "SKKNI industri batik, Kepmenaker 104/2018 (kode unit belum dicocokkan)"
TULIS_UNITS = (
    ("BTK-TLS-01", "Membuat pola batik (reng-rengan)"),
    ("BTK-TLS-02", "Membatik tulis: nglowong, ngiseni dan nerusi"),
    ("BTK-TLS-03", "Menutup bidang dengan malam: mopok, nembok, nutup dan mbironi"),
    ("BTK-TLS-04", "Memeriksa hasil batik"),
)
CAP_UNITS = (
    ("BTK-CAP-01", "Menganji kain"),
    ("BTK-CAP-02", "Menata pola pada kain"),
    ("BTK-CAP-03", "Menggunakan canting cap"),
    ("BTK-CAP-04", "Memeriksa hasil batik cap"),
    ("BTK-CAP-05", "Memperbaiki canting cap"),
)
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


def load(rng: random.Random, *, staff: User) -> None:
    """The July 2023 technical training at BBSPJIKB with its competency scheme, and the October 2023 export one."""
    assessor = User.objects.filter(role="assessor").order_by("pk").first()
    tulis = _units(staff, TULIS_UNITS)
    cap = _units(staff, CAP_UNITS)
    scheme = programmes.save_scheme(
        actor=staff,
        data={"name": "Skema Pembatik Tulis", "issuer": "LSP BBKB (BBSPJIKB Yogyakarta)", "validity_months": 36},
        units=tulis,
    )
    programmes.save_scheme(
        actor=staff,
        data={"name": "Skema Pembatik Cap", "issuer": "LSP BBKB (BBSPJIKB Yogyakarta)", "validity_months": 36},
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
            "partner": "LSP BBKB (BBSPJIKB Yogyakarta)",
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
