"""Demo facilities: the rooms, gallery, training room and IPAL of the Maja Bharama Wastra centre, with three months
of past bookings (completed with their usage, some cancelled) and the coming weeks' (approved, a few awaiting
approval), relative to today and deterministic from the shared random source.

Rooms open 08:00-16:00 and close on Sundays; the IPAL runs day and night and needs no approval. Bookings are laid
out in half-day slots (08-12, 12-16) or whole days, so no two holding reservations of one facility overlap; the
database would refuse it anyway.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from canting.core.models import User
from canting.facilities.models import (
    Booking,
    BookingState,
    CapacityUnit,
    ClosedDay,
    Facility,
    FacilityKind,
    Quota,
    Reservation,
    Usage,
)
from canting.registry.models import Centre, Enterprise

PAST_DAYS = 92  # about three months of history
AHEAD_DAYS = 35  # bookings already made for the coming five weeks
ENTERPRISES = 14  # the enterprises that use the centre's rooms most; the demo logins' two are among them
HALF_DAYS = ((8, 12), (12, 16))
WHOLE_DAY = (8, 16)
# Public holidays with a fixed date (the lunar ones move every year): the centre is closed on them.
HOLIDAYS = (
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan Republik Indonesia"),
    (12, 25, "Hari Raya Natal"),
)


@dataclass(frozen=True)
class Room:
    """A demo facility and how busy it is: the chance a half day is booked, and what a completed half day makes."""

    name: str
    kind: str
    capacity: int
    quota: int  # default hours a month per enterprise
    busy: float
    description: str
    technique: str = ""  # the pieces a completed booking makes: pieces_<technique>
    pieces: tuple[int, int] = (0, 0)  # per half day
    wax: tuple[float, float] = (0, 0)  # kg per half day
    dye: tuple[float, float] = (0, 0)
    fee: int = 0


ROOMS = (
    Room("Ruang Batik Tulis", FacilityKind.ROOM, 20, 48, 0.7, "Meja dan gawangan untuk membatik dengan canting, "
         "kompor dan wajan malam.", "tulis", (1, 3), (0.3, 0.8)),
    Room("Ruang Batik Cap", FacilityKind.ROOM, 12, 40, 0.6, "Meja cap panjang, kompor malam cap, bak pewarnaan.",
         "cap", (6, 16), (0.8, 2.0), (0.2, 0.6)),
    Room("Ruang Desain", FacilityKind.ROOM, 8, 24, 0.35, "Meja gambar, komputer desain dan printer pola."),
    Room("Ruang Colet", FacilityKind.ROOM, 10, 32, 0.45, "Pewarnaan colet (lukis tangan) dengan kuas.",
         "kombinasi", (1, 4), (0.1, 0.3), (0.1, 0.3)),
    Room("Ruang Jahit", FacilityKind.ROOM, 10, 40, 0.4, "Mesin jahit dan obras untuk busana dan produk jadi."),
    Room("Bengkel Pembuatan Cap", FacilityKind.EQUIPMENT, 4, 24, 0.2, "Alat pembuatan cap tembaga: gunting "
         "plat, solder, patri.", fee=10_000),
)  # fmt: skip


def _closed_days(centre: Centre, today: datetime.date) -> None:
    for year in (today.year - 1, today.year, today.year + 1):
        for month, day, name in HOLIDAYS:
            ClosedDay.objects.create(centre=centre, day=datetime.date(year, month, day), reason=name)


def _facilities(centre: Centre) -> tuple[list[tuple[Room, Facility]], Facility, Facility, Facility]:
    rooms = []
    for room in ROOMS:
        facility = Facility.objects.create(
            centre=centre,
            name=room.name,
            kind=room.kind,
            description=room.description,
            capacity=room.capacity,
            capacity_unit=CapacityUnit.UNITS if room.kind == FacilityKind.EQUIPMENT else CapacityUnit.PEOPLE,
            min_minutes=120,
            max_minutes=8 * 60,
            max_days_ahead=60,
            fee_per_hour=Decimal(room.fee),
        )
        Quota.objects.create(facility=facility, hours_per_month=room.quota)
        rooms.append((room, facility))
    gallery = Facility.objects.create(
        centre=centre,
        name="Galeri dan Ruang Pamer",
        kind=FacilityKind.GALLERY,
        description="Ruang pamer produk anggota sentra untuk pameran dan kunjungan pembeli.",
        capacity=60,
        min_minutes=4 * 60,
        max_minutes=7 * 24 * 60,  # an exhibition may run for a week, nights included
        max_days_ahead=120,
    )
    Quota.objects.create(facility=gallery, hours_per_month=72)
    training = Facility.objects.create(
        centre=centre,
        name="Ruang Pelatihan dan Rapat",
        kind=FacilityKind.TRAINING_ROOM,
        description="Kursi dan meja untuk 40 orang, proyektor dan pengeras suara.",
        capacity=40,
        min_minutes=60,
        max_minutes=8 * 60,
        max_days_ahead=90,
    )
    Quota.objects.create(facility=training, hours_per_month=16)
    ipal = Facility.objects.create(
        centre=centre,
        name="IPAL (Instalasi Pengolahan Air Limbah)",
        kind=FacilityKind.IPAL,
        description="Pengolahan air limbah pewarnaan dan pelorodan sebelum dibuang ke saluran kota.",
        capacity=10_000,
        capacity_unit=CapacityUnit.LITRES,
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(0, 0),  # day and night
        closed_weekdays=[],
        min_minutes=60,
        max_minutes=12 * 60,
        max_days_ahead=30,
        needs_approval=False,
    )
    Quota.objects.create(facility=ipal, hours_per_month=40)
    return rooms, gallery, training, ipal


class _Bookings:
    """Collects bookings, their reservations and usage, and writes them in three bulk inserts."""

    def __init__(self, rng: random.Random, staff: User, today: datetime.date) -> None:
        self.rng, self.staff, self.today = rng, staff, today
        self.now = timezone.now()
        self.rows: list[tuple[Booking, list[Facility], dict[str, object] | None]] = []

    def add(
        self,
        enterprise: Enterprise,
        facilities: list[Facility],
        starts: datetime.datetime,
        ends: datetime.datetime,
        purpose: str,
        usage: dict[str, object] | None = None,
    ) -> None:
        past = ends < self.now
        if past:
            state = BookingState.CANCELLED if self.rng.random() < 0.12 else BookingState.COMPLETED
        else:
            automatic = all(not f.needs_approval for f in facilities)
            state = BookingState.APPROVED if automatic or self.rng.random() < 0.75 else BookingState.REQUESTED
        decided = state != BookingState.REQUESTED and any(f.needs_approval for f in facilities)
        booking = Booking(
            enterprise=enterprise,
            starts_at=starts,
            ends_at=ends,
            state=state,
            purpose=purpose,
            reason="Batal: pesanan pembeli diundur." if state == BookingState.CANCELLED else "",
            decided_by=self.staff if decided else None,
            decided_at=starts - datetime.timedelta(days=self.rng.randint(1, 5)) if decided else None,
        )
        self.rows.append((booking, facilities, usage if state == BookingState.COMPLETED else None))

    def save(self) -> None:
        bookings = Booking.objects.bulk_create([booking for booking, _f, _u in self.rows])
        # A booking was asked for a day before it was decided (or, still waiting, a day ago), not at demo load time.
        for booking in bookings:
            booking.created_at = (booking.decided_at or timezone.now()) - datetime.timedelta(days=1)
        Booking.objects.bulk_update(bookings, ["created_at"])
        reservations = []
        usages = []
        for booking, (_b, facilities, usage) in zip(bookings, self.rows, strict=True):
            holds = booking.state in (BookingState.REQUESTED, BookingState.APPROVED, BookingState.COMPLETED)
            for facility in facilities:
                reservations.append(
                    Reservation(
                        booking=booking,
                        facility=facility,
                        starts_at=booking.starts_at,
                        ends_at=booking.ends_at,
                        holds=holds,
                    )
                )
            if usage is not None:
                usages.append(Usage(booking=booking, recorded_by=self.staff, **usage))  # type: ignore[arg-type]
        Reservation.objects.bulk_create(reservations)
        Usage.objects.bulk_create(usages)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour % 24)))


def _amount(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _usage(rng: random.Random, room: Room, halves: int) -> dict[str, object]:
    usage: dict[str, object] = {}
    if room.technique:
        usage[f"pieces_{room.technique}"] = sum(rng.randint(*room.pieces) for _ in range(halves))
    if room.wax[1]:
        usage["wax_kg"] = _amount(rng, room.wax[0] * halves, room.wax[1] * halves)
    if room.dye[1]:
        usage["dye_kg"] = _amount(rng, room.dye[0] * halves, room.dye[1] * halves)
    return usage


def load(rng: random.Random, staff: User) -> None:
    centre = Centre.objects.order_by("pk").first()
    if centre is None:
        return
    today = timezone.localdate()
    _closed_days(centre, today)
    rooms, gallery, training, ipal = _facilities(centre)
    closed = set(ClosedDay.objects.filter(centre=centre).values_list("day", flat=True))
    ClosedDay.objects.create(
        centre=centre, facility=ipal, day=today + datetime.timedelta(days=9), reason="Perawatan pompa dan filter"
    )
    enterprises = list(Enterprise.objects.filter(centre=centre).order_by("pk")[:ENTERPRISES])
    if not enterprises:
        return
    made = _Bookings(rng, staff, today)
    for offset in range(-PAST_DAYS, AHEAD_DAYS + 1):
        day = today + datetime.timedelta(days=offset)
        if offset == 0 or day in closed:
            continue  # today is left free to book in the demo
        ahead = offset > 0
        scale = 0.45 if ahead else 1.0  # fewer bookings made yet for the weeks to come
        if day.weekday() != 6:
            for room, facility in rooms:
                if rng.random() < room.busy * scale * 0.35:
                    slots = [WHOLE_DAY]
                else:
                    slots = [half for half in HALF_DAYS if rng.random() < room.busy * scale]
                for start, end in slots:
                    halves = 2 if (start, end) == WHOLE_DAY else 1
                    made.add(
                        rng.choice(enterprises),
                        [facility],
                        _at(day, start),
                        _at(day, end),
                        f"Produksi di {room.name.lower()}",
                        _usage(rng, room, halves),
                    )
            if day.weekday() in (1, 3) and rng.random() < 0.5 * scale:
                made.add(rng.choice(enterprises), [training], _at(day, 9), _at(day, 12), "Rapat paguyuban perajin")
        # The IPAL treats the day's dye water, often overnight: 20:00 to 02:00 or 04:00 the next day.
        if day.weekday() != 6 and day != today + datetime.timedelta(days=9) and rng.random() < 0.6 * scale:
            ends = _at(day + datetime.timedelta(days=1), rng.choice((2, 4)))
            made.add(
                rng.choice(enterprises),
                [ipal],
                _at(day, 20),
                ends,
                "Pengolahan limbah pewarnaan",
                {"water_litres": rng.randint(8, 40) * 100},
            )
        # A three-day exhibition in the gallery every few weeks, Monday to Wednesday, nights included.
        if day.weekday() == 0 and offset % 21 in range(0, 7):
            made.add(
                rng.choice(enterprises[:6]),
                [gallery],
                _at(day, 8),
                _at(day + datetime.timedelta(days=2), 16),
                "Pameran produk baru",
                {"notes": "Kunjungan pembeli dari Surabaya."},
            )
    made.save()
