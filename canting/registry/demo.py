"""Demo registry for Kota Mojokerto: the Maja Bharama Wastra centre, 30 enterprises, 125 people.

Figures follow the press reports of 2024-2025: 30 enterprises with business legality, 14 holding Batikmark, one
SNI-certified, a workforce of 125. Names are invented; every NIK and NIB is well-formed but fictitious.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from canting.core.dates import as_of_today
from canting.core.models import Area, Role, User
from canting.registry import services
from canting.registry.models import (
    Centre,
    Enterprise,
    FacilitationKind,
    FacilitationStatus,
    LegalForm,
    MembershipRole,
)

CITY = "35.76"
CENTRE_VILLAGE = "35.76.02.1001"  # Kelurahan Gununggedangan, Kecamatan Magersari

ENTERPRISE_NAMES = [
    "Batik Surya Majapahit", "Batik Sekar Maja", "Batik Wilwatikta", "Batik Mrico Bolong", "Batik Tugu Wira",
    "Batik Kembang Maja", "Batik Alas Wengker", "Batik Teratai Surya", "Batik Sekar Jagad", "Batik Daun Talas",
    "Batik Pring Sedapur", "Batik Gringsing Maja", "Batik Koro Renteng", "Batik Rawan Inggek", "Batik Brang Wetan",
    "Batik Kalangbret Asri", "Batik Gajah Mada", "Batik Tribhuwana", "Batik Bhre Kahuripan", "Batik Kedung Sari",
    "Batik Sri Tanjung", "Batik Padma Wastra", "Batik Larasati", "Batik Canting Emas", "Batik Malam Wangi",
    "Batik Nila Sekar", "Batik Soga Jawi", "Batik Rengganis", "Batik Cempaka Putih", "Batik Anjani",
]  # fmt: skip
BRANDS = ["", "Majapahit Heritage", "Sekar", "Wastra Maja", "Griya Batik", "Omah Batik", "Sanggar", "Kriya"]
MEN = [
    "Agus", "Bambang", "Budi", "Dwi", "Eko", "Fajar", "Hadi", "Heru", "Joko", "Kusnadi", "Mulyono", "Nur Hasan",
    "Prasetyo", "Rahmat", "Slamet", "Sugeng", "Supriyadi", "Teguh", "Wahyu", "Yusuf",
]  # fmt: skip
WOMEN = [
    "Ani", "Dewi", "Endang", "Fitri", "Indah", "Kartini", "Lestari", "Ninik", "Puji", "Rina", "Siti", "Sri",
    "Sumiati", "Suryani", "Tutik", "Umi", "Wahyuni", "Wulan", "Yuliani", "Yuni",
]  # fmt: skip
FAMILY = [
    "Santoso", "Wijaya", "Hidayat", "Susanto", "Purnomo", "Rahayu", "Setiawan", "Kurniawan", "Handoko", "Utomo",
    "Saputra", "Nugroho", "Pratama", "Wibowo", "Hartono", "Lestari", "Maharani", "Anggraini", "Permata", "Sari",
]  # fmt: skip
STREETS = ["Jl. Kedungsari", "Jl. Gajah Mada", "Jl. Majapahit", "Jl. Empu Nala", "Jl. Brawijaya", "Jl. Raden Wijaya"]

# 30 owners + 95 workers = 125 people; the workforce figure reported for the centre.
WORKERS_PER_ENTERPRISE = [5, 4, 3, 6, 2, 3, 4, 2, 3, 5, 2, 3, 4, 2, 3, 4, 3, 2, 3, 5, 2, 3, 4, 2, 3, 3, 2, 3, 2, 3]
BATIKMARK_HOLDERS = 14
SNI_HOLDER = 0  # index of the one SNI-certified enterprise


def _nik(rng: random.Random, district: str, gender: str, birth: datetime.date, used: set[str]) -> str:
    day = birth.day + (40 if gender == "P" else 0)
    while True:
        nik = f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 9999):04d}"
        if nik not in used:
            used.add(nik)
            return nik


def _birth(rng: random.Random, young: int, old: int) -> datetime.date:
    return datetime.date(2024 - rng.randint(young, old), rng.randint(1, 12), rng.randint(1, 28))


def _person_data(rng: random.Random, villages: list[Area], used: set[str], gender: str, age: tuple[int, int]) -> dict:
    first = rng.choice(MEN if gender == "L" else WOMEN)
    village = rng.choice(villages)
    birth = _birth(rng, *age)
    return {
        "full_name": f"{first} {rng.choice(FAMILY)}",
        "nik": _nik(rng, village.parent_id or "", gender, birth, used),
        "gender": gender,
        "birth_date": birth,
        "phone": f"+628{rng.choice(['12', '13', '21', '52', '57', '77', '95'])}{rng.randint(10_000_000, 99_999_999)}",
        "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 120)}",
        "village": village,
    }


def load(rng: random.Random, *, password: str) -> None:
    villages = list(Area.objects.filter(code__startswith=CITY + ".", level=4).order_by("code"))
    if len(villages) != 18:
        raise RuntimeError(f"expected the 18 kelurahan of Kota Mojokerto, found {len(villages)}: load areas first")
    centre = Centre.objects.create(
        name='Sentra IKM Batik "Maja Bharama Wastra"',
        address="Jl. Kedungsari, Kelurahan Gunung Gedangan",
        village_id=CENTRE_VILLAGE,
        managing_office="Dinas Koperasi, Usaha Kecil Menengah, Perindustrian dan Perdagangan Kota Mojokerto",
    )
    used: set[str] = set()
    enterprises: list[Enterprise] = []
    for index, name in enumerate(ENTERPRISE_NAMES):
        village = villages[index % len(villages)]
        owner_gender = "P" if rng.random() < 0.6 else "L"
        owner = _person_data(rng, villages, used, owner_gender, (30, 62))
        owner["village"] = village
        workers = [
            _person_data(rng, villages, used, "P" if rng.random() < 0.7 else "L", (18, 55))
            for _ in range(WORKERS_PER_ENTERPRISE[index])
        ]
        people = [owner, *workers]
        men = sum(1 for p in people if p["gender"] == "L")
        techniques = rng.choice([("tulis",), ("tulis", "cap"), ("cap",), ("tulis", "kombinasi"), ("kombinasi",)])
        enterprise = services.create_enterprise(
            actor=None,
            data={
                "name": name,
                "brand": rng.choice(BRANDS),
                "nib": f"91{rng.randint(10**9, 10**10 - 1)}{index % 10}",
                "npwp": f"{rng.randint(10**14, 10**15 - 1)}" if rng.random() < 0.7 else "",
                "legal_form": LegalForm.INDIVIDUAL if index % 7 else LegalForm.CV,
                "year_founded": rng.randint(1985, 2022),
                "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 120)}",
                "village": village,
                "centre": centre,
                **{f"technique_{t}": True for t in techniques},
                "monthly_capacity": rng.choice([20, 30, 40, 60, 80, 120]),
                "workers_men": men,
                "workers_women": len(people) - men,
                "investment": Decimal(rng.randint(5, 300) * 1_000_000),
                # Most owners publish their WhatsApp number as the enterprise's business contact; a few do not.
                "contact_phone": owner["phone"] if index % 6 != 5 else "",
                "contact_email": f"{name.lower().replace(' ', '.')}@example.id" if index % 3 == 0 else "",
            },
        )
        enterprises.append(enterprise)
        for n, data in enumerate(people):
            role = MembershipRole.OWNER if n == 0 else MembershipRole.WORKER
            services.create_person(actor=None, data=data, enterprise=enterprise, role=role)
        _facilitations(rng, enterprise, index)
    _registered_long_ago(enterprises)
    _applications(rng, villages, used)
    _logins(enterprises, password)


def _registered_long_ago(enterprises: list[Enterprise]) -> None:
    """The centre's enterprises joined Canting before the two years of reports the demo holds, a few days apart:
    a report is owed only for months after an enterprise registered."""
    first = as_of_today(2024, 10, 20)
    for n, enterprise in enumerate(enterprises):
        joined = datetime.datetime.combine(first + datetime.timedelta(days=n % 10), datetime.time(9))
        Enterprise.objects.filter(pk=enterprise.pk).update(created_at=timezone.make_aware(joined))


def _facilitations(rng: random.Random, enterprise: Enterprise, index: int) -> None:
    year = rng.randint(2019, 2023)
    services.record_facilitation(
        actor=None,
        enterprise=enterprise,
        data={
            "kind": FacilitationKind.NIB,
            "number": enterprise.nib,
            "status": FacilitationStatus.GRANTED,
            "granted_on": datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            "programme": "Pendampingan legalitas usaha Diskopukmperindag",
            "year": year,
        },
    )
    if index < BATIKMARK_HOLDERS:
        granted = as_of_today(2024, rng.randint(3, 11), rng.randint(1, 28))
        services.record_facilitation(
            actor=None,
            enterprise=enterprise,
            data={
                "kind": FacilitationKind.BATIKMARK,
                "number": f"BM-{granted.year}-{index + 1:04d}",
                "status": FacilitationStatus.GRANTED,
                "granted_on": granted,
                "expires_on": granted.replace(year=granted.year + 3),
                "programme": "Fasilitasi sertifikasi Batikmark, APBD Kota Mojokerto",
                "year": granted.year,
            },
        )
    if index == SNI_HOLDER:
        granted = as_of_today(2024, 11, 12)
        services.record_facilitation(
            actor=None,
            enterprise=enterprise,
            data={
                "kind": FacilitationKind.SNI,
                "number": f"SPPT-SNI/LSPro-BBSPJIKB/{granted.year}/0001",
                "status": FacilitationStatus.GRANTED,
                "granted_on": granted,
                "expires_on": as_of_today(2028, 11, 11),
                "programme": "Fasilitasi SNI, Kementerian Perindustrian",
                "year": granted.year,
            },
        )
    if index % 3 == 0:
        services.record_facilitation(
            actor=None,
            enterprise=enterprise,
            data={
                "kind": FacilitationKind.TRADEMARK,
                "number": f"IDM000{rng.randint(100000, 999999)}",
                "status": FacilitationStatus.GRANTED if index % 2 == 0 else FacilitationStatus.IN_PROCESS,
                "granted_on": datetime.date(2023, 11, 20) if index % 2 == 0 else None,
                "programme": "Fasilitasi HKI 2023",
                "year": 2023,
            },
        )
    if index in (1, 2):
        services.record_facilitation(
            actor=None,
            enterprise=enterprise,
            data={
                "kind": FacilitationKind.EXPORTER,
                "status": FacilitationStatus.IN_PROCESS,
                "programme": "Pelatihan prosedur dan dokumen ekspor, 24-26 Oktober 2023",
                "year": 2023,
            },
        )


def _applications(rng: random.Random, villages: list[Area], used: set[str]) -> None:
    for name, email in (
        ("Batik Lintang Wetan", "lintang.wetan@example.id"),
        ("Batik Sekar Kedaton", "kedaton@example.id"),
    ):
        person = _person_data(rng, villages, used, "P", (25, 50))
        person.pop("village")
        services.submit_application(
            enterprise_data={
                "name": name,
                "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 120)}",
                "village": rng.choice(villages),
                "technique_tulis": True,
                "workers_women": 2,
            },
            person_data=person,
            email=email,
        )


def _logins(enterprises: list[Enterprise], password: str) -> None:
    city = Area.objects.get(code=CITY)
    accounts = [
        ("petugas", "Rina", "Kusumawati", Role.STAFF, None, city),
        ("perajin", "", "", Role.ARTISAN, enterprises[0], None),
        ("perajin2", "", "", Role.ARTISAN, enterprises[1], None),
        ("asesor", "Hendro", "Wibisono", Role.ASSESSOR, None, None),
    ]
    for username, first, last, role, enterprise, area in accounts:
        if enterprise is not None:
            owner = enterprise.memberships.get(role=MembershipRole.OWNER).person
            first, last = owner.full_name.split(" ", 1)
        user = User(username=username, first_name=first, last_name=last, role=role, enterprise=enterprise, area=area)
        user.set_password(password)
        user.save()
