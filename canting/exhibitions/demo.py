"""Demo exhibitions: the city's batik exhibition at Sunrise Mall, Kota Mojokerto, 6-10 October 2023, with its booths,
selected exhibitors, five days of sales and visitor counts and a dozen buyer leads; and one exhibition a few months
ahead of today, its call open and the first enterprises applied.

Everything follows from the random source the caller passes in. Sales are of the exhibitors' published catalogue
pieces at about their list price (now and then a small discount or a pair), plus a few small items described by
hand; weekends are busier. Each selected exhibitor holds one booth for the whole exhibition, so no booth is let twice.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from canting.catalogue.models import Product, ProductStatus
from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.exhibitions.models import (
    Booth,
    BoothAssignment,
    Exhibition,
    ExhibitionKind,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    LeadState,
    PaymentMethod,
    Sale,
    VisitorCount,
)
from canting.registry.models import Enterprise

CITY = "35.76"
ORGANISER = "Diskopukmperindag Kota Mojokerto"
STARTS, ENDS = datetime.date(2023, 10, 6), datetime.date(2023, 10, 10)
EXHIBITORS = 17
BOOTHS = 20
PAYMENTS = (
    (PaymentMethod.CASH, 45),
    (PaymentMethod.QRIS, 35),
    (PaymentMethod.TRANSFER, 12),
    (PaymentMethod.CARD, 8),
)
SMALL_ITEMS = (
    ("Masker kain batik", 15_000),
    ("Gantungan kunci batik", 10_000),
    ("Dompet kecil batik", 35_000),
    ("Scarf batik cap", 85_000),
)
# Visitors counted at the doors, by weekday (Friday to Tuesday): the weekend brings the crowds.
VISITORS = (1_150, 2_350, 2_700, 850, 1_000)
# (name, company, country, e-mail, phone, state, notes)
LEADS = (
    ("Haruka Sato", "Kyoto Textile Select", "JP", "h.sato@example.jp", "", LeadState.NEGOTIATING,
     "Wants 40 pieces of batik tulis in natural dyes for a spring collection."),
    ("Kenji Watanabe", "", "JP", "", "+81 90 5555 0142", LeadState.CONTACTED, "Interior designer; asked for yardage."),
    ("Olivia Bennett", "Bennett & Co Homewares", "AU", "olivia@example.com.au", "", LeadState.NEW,
     "Cushion covers and table runners; asked for a price list in USD."),
    ("Daan de Vries", "Indisch Huis", "NL", "daan@example.nl", "", LeadState.WON,
     "Ordered 24 scarves after the exhibition."),
    ("Sanne Jansen", "", "NL", "sanne.j@example.nl", "", LeadState.NEW, "Collector of Majapahit motifs."),
    ("Michael Turner", "Artisan Threads LLC", "US", "m.turner@example.com", "", LeadState.CONTACTED,
     "Online shop; needs product photos and certificates of origin."),
    ("Nur Aisyah binti Rahman", "Butik Aisyah", "MY", "", "+60 12 555 0198", LeadState.NEGOTIATING,
     "Kain panjang for Hari Raya orders."),
    ("Budi Santoso", "Galeri Batik Nusantara", "ID", "", "0812 5555 0111", LeadState.WON,
     "Reseller in Surabaya; monthly order of batik cap shirts."),
    ("Dewi Lestari", "", "ID", "dewi.lestari@example.id", "", LeadState.NEW, "Uniforms for a school in Sidoarjo."),
    ("Agus Prasetyo", "PT Wisata Majapahit", "ID", "", "0813 5555 0177", LeadState.LOST,
     "Souvenirs for tour groups; budget too low."),
    ("Ni Made Ayu", "Ubud Craft House", "ID", "ayu@example.id", "", LeadState.CONTACTED, "Gallery in Bali."),
    ("Siti Rahmawati", "Dharma Wanita Kota Mojokerto", "ID", "", "0857 5555 0123", LeadState.NEW,
     "Seragam batik for 60 members."),
)  # fmt: skip


def load(rng: random.Random, *, staff: User) -> None:
    """The October 2023 exhibition with everything that happened there, and one upcoming exhibition."""
    enterprises = _exhibiting(rng)
    if not enterprises:
        return
    _sunrise_mall(rng, staff, enterprises)
    _upcoming(rng, staff, enterprises)


def _exhibiting(rng: random.Random) -> list[Enterprise]:
    """Enterprises with published pieces, the demo logins' first (so they find their booth and sales)."""
    with_pieces = list(Enterprise.objects.filter(products__status=ProductStatus.PUBLISHED).distinct().order_by("pk"))
    logins = set(User.objects.filter(role=Role.ARTISAN).values_list("enterprise_id", flat=True))
    first = [e for e in with_pieces if e.pk in logins]
    rest = [e for e in with_pieces if e.pk not in logins]
    return first + rng.sample(rest, min(len(rest), EXHIBITORS + 4 - len(first)))


def _booths(exhibition: Exhibition, count: int, *, free: bool = False) -> list[Booth]:
    booths = []
    for n in range(count):
        row, number = ("A", n + 1) if n < count // 2 else ("B", n + 1 - count // 2)
        entrance = row == "A" and number <= 4
        booths.append(
            Booth.objects.create(
                exhibition=exhibition,
                code=f"{row}{number:02d}",
                width_m=Decimal(3),
                depth_m=Decimal(2) if row == "B" else Decimal(3),
                position="Dekat pintu masuk utama"
                if entrance
                else ("Atrium lantai dasar" if row == "A" else "Koridor sisi timur"),
                price=Decimal(0 if free else 350_000 if entrance else 250_000 if row == "A" else 200_000),
            )
        )
    return booths


def _sunrise_mall(rng: random.Random, staff: User, enterprises: list[Enterprise]) -> None:
    exhibition = Exhibition.objects.create(
        name="Pameran Batik Kota Mojokerto",
        name_ind="Pameran Batik Kota Mojokerto",
        name_en="Kota Mojokerto Batik Exhibition",
        description_ind="Pameran dan bazar batik karya perajin Kota Mojokerto dalam rangka Hari Batik Nasional.",
        description_en="Exhibition and bazaar of batik by Kota Mojokerto's artisans for National Batik Day.",
        kind=ExhibitionKind.LOCAL,
        organised_by_city=True,
        organiser=ORGANISER,
        venue="Sunrise Mall",
        address="Jl. Benteng Pancasila No. 9, Kota Mojokerto",
        area_id=CITY,
        starts_on=STARTS,
        ends_on=ENDS,
        budget=Decimal(72_500_000),
        call_text="Diundang IKM batik Kota Mojokerto untuk mengikuti Pameran Batik di Sunrise Mall.",
        application_deadline=datetime.date(2023, 9, 15),
        selection_criteria="Memiliki produk batik sendiri di katalog; diutamakan pemegang Batikmark dan yang "
        "rutin melaporkan omset; belum mengikuti pameran kota tahun ini.",
        public=True,
        created_by=staff,
    )
    booths = _booths(exhibition, BOOTHS)
    selected, others = enterprises[:EXHIBITORS], enterprises[EXHIBITORS:]
    logins = {u.enterprise_id: u for u in User.objects.filter(role=Role.ARTISAN, enterprise__isnull=False)}
    exhibitors = []
    for enterprise, booth in zip(selected, rng.sample(booths, len(selected)), strict=False):
        exhibitor = Exhibitor.objects.create(
            exhibition=exhibition, enterprise=enterprise, status=ExhibitorStatus.SELECTED, decided_by=staff
        )
        BoothAssignment.objects.create(
            booth=booth, exhibitor=exhibitor, starts_on=STARTS, ends_on=ENDS, assigned_by=staff
        )
        exhibitors.append(exhibitor)
    for enterprise in others:
        Exhibitor.objects.create(
            exhibition=exhibition,
            enterprise=enterprise,
            status=ExhibitorStatus.REJECTED,
            decided_by=staff,
            note="Kuota stan sudah penuh.",
        )
    products = _products([e.enterprise_id for e in exhibitors])
    sales: list[Sale] = []
    for offset, visitors in enumerate(VISITORS):
        day = STARTS + datetime.timedelta(days=offset)
        VisitorCount.objects.create(
            exhibition=exhibition, day=day, visitors=visitors + rng.randint(-80, 80), recorded_by=staff
        )
        busy = day.weekday() >= 5
        for exhibitor in exhibitors:
            recorder = logins.get(exhibitor.enterprise_id, staff)
            for _n in range(rng.randint(0, 3) + (1 if busy else 0)):
                sales.append(_sale(rng, exhibitor, day, products.get(exhibitor.enterprise_id, []), recorder))
    for sale in Sale.objects.bulk_create(sales):
        # Entered at the stand during the exhibition's opening hours, not when the demo was loaded.
        sale.created_at = during(rng, sale.day)
    Sale.objects.bulk_update(sales, ["created_at"])
    _leads(rng, staff, exhibition, exhibitors, products)


def during(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """A moment of ``day`` while the mall is open (10:00-21:00, local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(10, 20), rng.randint(0, 59))))


def _products(enterprise_ids: list[int]) -> dict[int, list[Product]]:
    found: dict[int, list[Product]] = {}
    for product in Product.objects.filter(enterprise_id__in=enterprise_ids, status=ProductStatus.PUBLISHED).order_by(
        "pk"
    ):
        found.setdefault(product.enterprise_id, []).append(product)
    return found


def _sale(rng: random.Random, exhibitor: Exhibitor, day: datetime.date, pieces: list[Product], by: User) -> Sale:
    payment = rng.choices([p for p, _w in PAYMENTS], weights=[w for _p, w in PAYMENTS])[0]
    if not pieces or rng.random() < 0.35:
        description, price = rng.choice(SMALL_ITEMS)
        quantity = rng.randint(1, 4)
        return Sale(
            exhibitor=exhibitor, day=day, description=description, quantity=quantity,
            amount=Decimal(price * quantity), payment=payment, recorded_by=by,
        )  # fmt: skip
    product = rng.choice(pieces)
    quantity = 2 if rng.random() < 0.12 else 1
    discount = Decimal("0.9") if rng.random() < 0.2 else Decimal(1)
    amount = (product.price * quantity * discount / 1000).quantize(Decimal(1)) * 1000
    return Sale(
        exhibitor=exhibitor, day=day, product=product, quantity=quantity, amount=max(amount, Decimal(1000)),
        payment=payment, recorded_by=by,
    )  # fmt: skip


def _leads(
    rng: random.Random,
    staff: User,
    exhibition: Exhibition,
    exhibitors: list[Exhibitor],
    products: dict[int, list[Product]],
) -> None:
    for n, (name, company, country, email, phone, state, notes) in enumerate(LEADS):
        # Every third lead was met at the office's information desk; the others at an exhibitor's booth.
        exhibitor = None if n % 3 == 2 else rng.choice(exhibitors)
        lead = Lead.objects.create(
            exhibition=exhibition,
            exhibitor=exhibitor,
            name=name,
            company=company,
            country=country,
            email=email,
            phone=phone,
            notes=notes,
            state=state,
            captured_by=staff,
        )
        Lead.objects.filter(pk=lead.pk).update(created_at=during(rng, STARTS + datetime.timedelta(days=n % 5)))
        if exhibitor is not None and products.get(exhibitor.enterprise_id):
            pieces = products[exhibitor.enterprise_id]
            lead.products.set(rng.sample(pieces, min(len(pieces), rng.randint(1, 2))))


def _upcoming(rng: random.Random, staff: User, enterprises: list[Enterprise]) -> None:
    """An exhibition about four months ahead: call open until a month before it, five enterprises applied."""
    today = timezone.localdate()
    starts = add_months(today, 4)
    exhibition = Exhibition.objects.create(
        name="Gelar Batik dan Kriya Majapahit",
        name_ind="Gelar Batik dan Kriya Majapahit",
        name_en="Majapahit Batik and Craft Fair",
        description_ind="Gelar produk batik dan kriya IKM se-Mojokerto Raya, terbuka untuk umum.",
        description_en="A fair of batik and crafts by small industries of greater Mojokerto, open to the public.",
        kind=ExhibitionKind.REGIONAL,
        organised_by_city=True,
        organiser=ORGANISER,
        venue="Gedung Olahraga Seni Majapahit",
        address="Jl. Hayam Wuruk, Kota Mojokerto",
        area_id=CITY,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=3),
        budget=Decimal(95_000_000),
        call_text="Pendaftaran peserta dibuka untuk IKM batik yang terdaftar di Canting. Stan gratis untuk IKM "
        "terpilih.",
        application_deadline=add_months(starts, -1),
        selection_criteria="Memegang Batikmark atau sedang mengajukan; melaporkan omset bulanan secara rutin; "
        "belum mengikuti pameran tahun ini.",
        public=True,
        created_by=staff,
    )
    _booths(exhibition, 12, free=True)
    for enterprise in rng.sample(enterprises, min(5, len(enterprises))):
        Exhibitor.objects.create(exhibition=exhibition, enterprise=enterprise, status=ExhibitorStatus.APPLIED)
