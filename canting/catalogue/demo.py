"""Demo catalogue for Kota Mojokerto: the city's motifs with their stories, and 2-4 pieces from every enterprise.

The motifs are those named in the press (docs: shared/domain/mojokerto-centre.md); their stories and meanings are
written for the demo in Indonesian and English, and say "is read as" where a meaning is a reading, not a fact.
Pictures are batik-like patterns drawn in code (canting/catalogue/patterns.py) and stored through
``services.add_picture``, so they are checked, stripped and resized like any upload. Only one picture is drawn per
motif and products reuse them: identical content is stored once, which keeps the demo fast to load.

Everything follows from the random source the caller passes in, so the same seed gives the same catalogue.
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from canting.catalogue import patterns, services
from canting.catalogue.models import Fabric, Motif, Product, ProductStatus, ProductType
from canting.core.models import Area, Role, User
from canting.registry.models import Enterprise, Technique

CITY_HOLDER = "Pemerintah Kota Mojokerto"
KOTA, KABUPATEN = "35.76", "35.16"
FEATURED = 8


@dataclass(frozen=True)
class MotifData:
    """One motif of the demo: its texts in (Indonesian, English), where it is from, and how its picture looks."""

    name: str
    region: str
    area: str | None
    pattern: str
    palette: str
    story: tuple[str, str]
    meaning: tuple[str, str]
    ip: tuple[str, datetime.date] | None = None
    related: tuple[str, ...] = ()


MOTIFS: tuple[MotifData, ...] = (
    MotifData(
        "Surya Majapahit", "Kota Mojokerto", KOTA, "sun", "soga",
        story=(
            "Surya Majapahit adalah lambang matahari bersinar delapan yang dikenal dari relief dan batu candi "
            "peninggalan Kerajaan Majapahit, yang pusatnya diyakini berada di sekitar Trowulan, tidak jauh dari "
            "Mojokerto. Perajin Kota Mojokerto memindahkan lambang itu ke kain, biasanya sebagai bintang bersinar "
            "di atas dasar polos atau berisen cecek. Bentuknya kini beragam, tetapi delapan sinarnya hampir selalu "
            "dijaga.",
            "Surya Majapahit is the eight-rayed sun known from reliefs and carved stones of the old Majapahit "
            "kingdom, whose capital is believed to have lain around Trowulan, close to Mojokerto. The city's artisans "
            "carried the emblem onto cloth, usually as a radiant star on a plain or finely dotted ground. Its shapes "
            "vary today, but the eight rays are almost always kept.",
        ),
        meaning=(
            "Delapan sinar sering dibaca sebagai delapan arah mata angin dan para dewa penjaganya, lambang "
            "keteraturan dan keseimbangan. Bagi pemakainya, matahari ini menjadi harapan agar hidupnya menerangi "
            "orang di sekitarnya.",
            "The eight rays are often read as the eight directions of the compass and their guardian deities, a sign "
            "of order and balance. For the wearer the sun stands for the wish to bring light to the people around "
            "them.",
        ),
        ip=("EC00202387641", datetime.date(2023, 11, 14)),
    ),
    MotifData(
        "Teratai Surya Majapahit", "Kota Mojokerto", KOTA, "petals", "indigo",
        story=(
            "Motif ini memadukan matahari Majapahit dengan bunga teratai, bunga yang banyak muncul dalam seni masa "
            "Hindu-Buddha di Jawa Timur. Teratai digambar mekar mengelilingi matahari, dengan kelopak yang diisi "
            "garis dan cecek halus. Motif ini termasuk ragam yang dikembangkan perajin Kota Mojokerto dari warisan "
            "Majapahit.",
            "This motif joins the sun of Majapahit with the lotus, a flower that appears often in the Hindu-Buddhist "
            "art of East Java. The lotus is drawn in full bloom around the sun, its petals filled with fine lines and "
            "dots. It is one of the designs the city's artisans have developed from the Majapahit heritage.",
        ),
        meaning=(
            "Teratai tumbuh dari air yang keruh tetapi bunganya tetap bersih, sehingga dimaknai sebagai hati yang "
            "jernih di tengah keadaan yang sulit. Bersama matahari, motif ini melambangkan harapan akan hidup yang "
            "terang dan jujur.",
            "The lotus grows from muddy water yet its flower stays clean, so it is read as a clear heart amid hard "
            "circumstances. Together with the sun it stands for the hope of a bright and honest life.",
        ),
        ip=("EC00202387642", datetime.date(2023, 11, 14)),
        related=("Surya Majapahit",),
    ),
    MotifData(
        "Mrico Bolong", "Kota Mojokerto", KOTA, "rings", "soga",
        story=(
            "Mrico bolong berarti merica berlubang dalam bahasa Jawa. Motif ini menggambarkan butiran merica bulat "
            "dengan lubang di tengahnya, disusun rapat dan berulang memenuhi kain. Namanya sering disebut di antara "
            "motif khas Mojokerto yang sudah lama dikenal.",
            "Mrico bolong is Javanese for 'pepper with a hole'. The motif shows round peppercorns, each with a hole "
            "at its heart, set close together and repeated over the whole cloth. It is often named among the "
            "long-known motifs of Mojokerto.",
        ),
        meaning=(
            "Merica itu kecil tetapi tajam rasanya dan berguna; motif ini dimaknai sebagai kesederhanaan yang tetap "
            "memberi arti. Susunannya yang rapat juga dibaca sebagai warga yang saling berdekatan.",
            "A peppercorn is small but sharp and useful; the motif is read as modesty that still makes a difference. "
            "Its close rows are also read as neighbours standing together.",
        ),
        ip=("EC00202387655", datetime.date(2023, 11, 14)),
    ),
    MotifData(
        "Tugu Wira Raja", "Kota Mojokerto", KOTA, "tugu", "sogan_biru",
        story=(
            "Motif ini mengambil bentuk tugu, tiang peringatan yang berdiri tegak, dan nama Wira Raja, raja yang "
            "berani. Tugu-tugu disusun berderet di antara isen cecek, mengingatkan pada tugu dan gapura di Mojokerto "
            "dan sekitarnya. Motif ini termasuk kreasi perajin Kota Mojokerto yang lebih baru.",
            "This motif takes the shape of a tugu, an upright memorial column, and the name Wira Raja, 'the brave "
            "king'. Rows of columns stand among fine dots, recalling the monuments and gateways of Mojokerto and its "
            "surroundings. It is one of the newer creations of the city's artisans.",
        ),
        meaning=(
            "Tugu yang berdiri tegak melambangkan keteguhan dan keberanian, serta penghormatan kepada mereka yang "
            "berjasa bagi kotanya.",
            "The upright column stands for steadfastness and courage, and for honouring those who served their city.",
        ),
        ip=("EC00202387668", datetime.date(2023, 11, 21)),
        related=("Surya Majapahit",),
    ),
    MotifData(
        "Alas Majapahit", "Kota Mojokerto", KOTA, "forest", "malam",
        story=(
            "Alas berarti hutan. Motif ini menggambarkan pepohonan, daun, dan satwa kecil, dengan ilham dari relief "
            "tumbuhan dan hewan pada candi-candi masa Majapahit. Perajin biasanya mengerjakannya dengan isen yang "
            "rapat, sehingga seluruh kain terasa penuh kehidupan.",
            "Alas means forest. The motif shows trees, leaves and small animals, inspired by the plants and creatures "
            "carved on temple reliefs of the Majapahit era. Artisans usually fill it with close isen, so that the "
            "whole cloth feels full of life.",
        ),
        meaning=(
            "Hutan adalah sumber kehidupan yang perlu dijaga; motif ini mengingatkan pada ikatan manusia dengan alam "
            "dan pada kemakmuran yang tumbuh dari keseimbangan.",
            "The forest is a source of life that must be looked after; the motif recalls the bond between people "
            "and nature, and the plenty that grows from keeping it in balance.",
        ),
        ip=("EC00202387671", datetime.date(2023, 11, 21)),
        related=("Surya Majapahit",),
    ),
    MotifData(
        "Kembang Maja", "Kota Mojokerto", KOTA, "kawung", "sogan_biru",
        story=(
            "Kembang Maja berarti bunga pohon maja, pohon yang buahnya dalam cerita rakyat dikaitkan dengan nama "
            "Majapahit: maja yang pahit. Perajin menggambar bunga dan buah maja sebagai hiasan utama, diselingi daun "
            "dan sulur.",
            "Kembang Maja means the flower of the maja tree, whose bitter fruit folk stories link to the name "
            "Majapahit, 'bitter maja'. Artisans draw the maja flower and fruit as the main ornament, with leaves and "
            "tendrils between them.",
        ),
        meaning=(
            "Bunga maja dimaknai sebagai awal yang baik: dari buah yang pahit tumbuh sebuah kerajaan besar. Motif ini "
            "membawa harapan agar usaha yang sederhana dapat berkembang.",
            "The maja flower is read as a good beginning: from a bitter fruit a great kingdom grew. The motif carries "
            "the hope that a modest undertaking will flourish.",
        ),
        related=("Teratai Surya Majapahit",),
    ),
    MotifData(
        "Sekar Jagad Mojokerto", "Kota Mojokerto", KOTA, "patchwork", "soga",
        story=(
            "Sekar jagad, bunga dunia, adalah tata letak lama batik Jawa yang membagi kain menjadi bidang-bidang kecil "
            "seperti peta, masing-masing berisi hiasan yang berbeda. Versi Mojokerto mengisi bidang-bidang itu dengan "
            "unsur khas kota seperti matahari Majapahit, teratai, dan merica berlubang.",
            "Sekar jagad, 'flowers of the world', is an old Javanese batik layout that divides the cloth into small "
            "fields like a map, each with a different ornament. The Mojokerto version fills the fields with the "
            "city's own elements, such as the Majapahit sun, the lotus and the pepper with a hole.",
        ),
        meaning=(
            "Banyak hiasan dalam satu kain melambangkan keindahan yang lahir dari perbedaan dan tetap bersatu.",
            "Many ornaments in one cloth stand for beauty born of difference and held together as one.",
        ),
        ip=("EC00202387690", datetime.date(2023, 11, 28)),
        related=("Kembang Maja", "Mrico Bolong", "Surya Majapahit"),
    ),
    MotifData(
        "Daun Talas", "Kota Mojokerto", KOTA, "leaves", "indigo",
        story=(
            "Daun talas adalah daun lebar berbentuk hati yang tumbuh di pekarangan dan tepi sungai di sekitar "
            "Mojokerto. Motif ini menata daun-daun talas secara miring, masing-masing dengan tulang daun yang jelas.",
            "Daun talas is the broad, heart-shaped taro leaf that grows in yards and along riverbanks around "
            "Mojokerto. The motif lays the leaves out at a slant, each with its ribs clearly drawn.",
        ),
        meaning=(
            "Air tidak pernah membasahi daun talas; motif ini dimaknai sebagai watak yang tidak mudah terbawa hal "
            "buruk. Daunnya yang lebar juga melambangkan sikap melindungi sesama.",
            "Water never soaks a taro leaf; the motif is read as a character that bad influences do not stick to. "
            "The broad leaf also stands for sheltering others.",
        ),
        related=("Alas Majapahit",),
    ),
    MotifData(
        "Pring Sedapur", "Kabupaten Mojokerto", KABUPATEN, "bamboo", "indigo",
        story=(
            "Pring sedapur berarti serumpun bambu. Motif yang dikenal di daerah Mojokerto ini menggambarkan rumpun "
            "bambu dengan daun-daun menjuntai, kadang dengan burung merak yang bertengger, di atas dasar kain yang "
            "terang.",
            "Pring sedapur means a clump of bamboo. Known around Mojokerto, the motif shows a stand of bamboo with "
            "hanging leaves, sometimes with a peacock perched on it, on a light ground.",
        ),
        meaning=(
            "Bambu tumbuh berumpun, lentur tetapi kuat; motif ini melambangkan kerukunan keluarga dan masyarakat "
            "serta ketabahan menghadapi cobaan.",
            "Bamboo grows in clumps and bends without breaking; the motif stands for harmony in the family and the "
            "community, and for steadiness through hardship.",
        ),
        related=("Alas Majapahit", "Daun Talas"),
    ),
    MotifData(
        "Sisik Gringsing", "Kabupaten Mojokerto", KABUPATEN, "scales", "indigo",
        story=(
            "Sisik gringsing menggambarkan sisik ikan yang saling bertumpuk, disusun mengelilingi bunga di atas dasar "
            "putih. Gringsing adalah pola tua dalam batik Jawa, dan Mojokerto memiliki ragamnya sendiri.",
            "Sisik gringsing shows overlapping fish scales arranged around flowers on a white ground. Gringsing is "
            "an old pattern of Javanese batik, and Mojokerto has its own version of it.",
        ),
        meaning=(
            "Gringsing sering dijelaskan sebagai penolak sakit (gering berarti sakit, sing berarti tidak), sehingga "
            "kain ini dipakai dengan harapan akan kesehatan dan keselamatan.",
            "Gringsing is often explained as warding off illness (gering, sick; sing, not), so the cloth is worn as "
            "a wish for health and safety.",
        ),
        related=("Mrico Bolong",),
    ),
    MotifData(
        "Koro Renteng", "Kabupaten Mojokerto", KABUPATEN, "beans", "soga",
        story=(
            "Koro adalah kacang yang merambat, dan renteng berarti berderet seperti untaian. Motif ini menggambarkan "
            "polong koro yang berjajar di sepanjang sulur, dan sering disebut sebagai salah satu ciri batik "
            "Mojokerto.",
            "Koro is a climbing bean and renteng means strung in a row. The motif shows bean pods lined up along a "
            "winding vine, and is often named as one of the marks of Mojokerto batik.",
        ),
        meaning=(
            "Polong yang berderet pada satu sulur melambangkan kebersamaan dan rezeki yang datang berurutan; tanaman "
            "yang merambat juga dimaknai sebagai usaha yang tumbuh setapak demi setapak.",
            "Pods strung along one vine stand for togetherness and for blessings that come one after another; a "
            "climbing plant also stands for an enterprise that grows step by step.",
        ),
        related=("Mrico Bolong", "Pring Sedapur"),
    ),
    MotifData(
        "Rawan Inggek", "Mojokerto", None, "waves", "sogan_biru",
        story=(
            "Latar motif ini berupa garis berkelok-kelok yang disebut rawan, dari kata rawa. Di atasnya perajin "
            "menggambar burung dan bunga sebagai hiasan utama, dilengkapi kupu-kupu dan matahari Majapahit.",
            "The ground of this motif is a web of winding lines called rawan, from rawa, a marsh. Over it artisans "
            "draw birds and flowers as the main ornaments, with butterflies and the Majapahit sun to complete it.",
        ),
        meaning=(
            "Garis yang berkelok dimaknai sebagai perjalanan hidup yang jarang lurus, sedangkan burung dan bunga "
            "melambangkan kegembiraan dan harapan.",
            "The winding lines are read as life's path, which is seldom straight, while the birds and flowers stand "
            "for joy and hope.",
        ),
        related=("Surya Majapahit", "Teratai Surya Majapahit"),
    ),
)  # fmt: skip

COLOUR_NAMES: dict[str, tuple[str, str]] = {
    "soga": ("Sogan", "Soga Brown"),
    "indigo": ("Biru Nila", "Indigo"),
    "sogan_biru": ("Sogan Biru", "Brown and Indigo"),
    "malam": ("Dasar Gelap", "Dark Ground"),
}
# Dyes an artisan would name for each palette: (natural, synthetic).
DYES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "soga": (("tingi", "tegeran", "jalawe"), ("naphthol", "remazol")),
    "indigo": (("indigo", "tegeran"), ("indigosol", "naphthol")),
    "sogan_biru": (("indigo", "tingi", "tegeran"), ("indigosol", "naphthol")),
    "malam": (("indigo", "jalawe"), ("naphthol", "remazol")),
}


@dataclass(frozen=True)
class Kind:
    """A product type as the demo makes it: names, size, fabrics it comes in, a price weight and a use."""

    noun: tuple[str, str]
    size: tuple[int, int] | None
    fabrics: tuple[str, ...]
    price_weight: float
    use: tuple[str, str]


KINDS: dict[str, Kind] = {
    ProductType.KAIN_PANJANG: Kind(
        ("Kain Panjang", "Long Cloth"), (250, 105), (Fabric.PRIMISSIMA, Fabric.PRIMA, Fabric.SILK, Fabric.DOBBY), 1.0,
        ("Cocok sebagai jarik, bahan kebaya, atau untuk dijahit menjadi busana.",
         "Wear it as a jarik wrap, pair it with a kebaya, or have it tailored."),
    ),
    ProductType.SARUNG: Kind(
        ("Sarung", "Sarong"), (200, 110), (Fabric.PRIMISSIMA, Fabric.PRIMA), 0.85,
        ("Sarung siap pakai, sudah dijahit melingkar.", "A ready-to-wear sarong, sewn into a tube."),
    ),
    ProductType.SELENDANG: Kind(
        ("Selendang", "Shawl"), (200, 50), (Fabric.SILK, Fabric.VOILE, Fabric.RAYON), 0.7,
        ("Ringan dipakai di bahu, juga cantik sebagai hiasan meja.", "Light over the shoulders, lovely as a runner."),
    ),
    ProductType.SCARF: Kind(
        ("Syal", "Scarf"), (180, 45), (Fabric.SILK, Fabric.VOILE, Fabric.RAYON), 0.55,
        ("Tepinya dijahit tangan.", "Its edges are hand-hemmed."),
    ),
    ProductType.KEMEJA: Kind(
        ("Kemeja", "Shirt"), None, (Fabric.PRIMISSIMA, Fabric.PRIMA, Fabric.DOBBY, Fabric.RAYON), 0.8,
        ("Kemeja lengan pendek, tersedia ukuran M sampai XXL.", "A short-sleeved shirt in sizes M to XXL."),
    ),
    ProductType.BLOUSE: Kind(
        ("Blus", "Blouse"), None, (Fabric.RAYON, Fabric.VOILE, Fabric.PRIMA), 0.7,
        ("Potongan longgar, tersedia ukuran S sampai XL.", "A loose cut in sizes S to XL."),
    ),
    ProductType.DRESS: Kind(
        ("Gaun", "Dress"), None, (Fabric.RAYON, Fabric.PRIMA), 0.9,
        ("Gaun selutut dengan saku samping.", "A knee-length dress with side pockets."),
    ),
    ProductType.BAG: Kind(
        ("Tas Jinjing", "Tote Bag"), (40, 35), (Fabric.DOBBY, Fabric.LINEN), 0.45,
        ("Berlapis kain dalam dan bertali kuat.", "Lined inside, with sturdy handles."),
    ),
    ProductType.HOME_TEXTILE: Kind(
        ("Taplak Meja", "Tablecloth"), (150, 150), (Fabric.PRIMA, Fabric.LINEN, Fabric.DOBBY), 0.6,
        ("Untuk meja makan enam orang.", "Fits a table for six."),
    ),
    ProductType.WALL_HANGING: Kind(
        ("Hiasan Dinding", "Wall Hanging"), (100, 70), (Fabric.PRIMISSIMA, Fabric.SILK), 0.75,
        ("Dilengkapi kayu gantungan.", "Comes with a wooden hanging rod."),
    ),
}  # fmt: skip
TYPES_BY_TECHNIQUE: dict[str, tuple[str, ...]] = {
    # A type listed twice comes up twice as often.
    Technique.TULIS: (
        "kain_panjang",
        "kain_panjang",
        "selendang",
        "sarung",
        "scarf",
        "kemeja",
        "dress",
        "wall_hanging",
    ),
    Technique.CAP: ("kain_panjang", "kemeja", "kemeja", "blouse", "sarung", "bag", "home_textile", "scarf"),
    Technique.KOMBINASI: ("kain_panjang", "kemeja", "selendang", "dress", "blouse", "home_textile"),
    Technique.TIRUAN: ("kemeja", "blouse", "bag", "home_textile"),
}
NATURAL_SHARE: dict[str, float] = {
    Technique.TULIS: 0.5,
    Technique.KOMBINASI: 0.3,
    Technique.CAP: 0.15,
    Technique.TIRUAN: 0.0,
}
PRODUCTION_DAYS: dict[str, tuple[int, int]] = {
    Technique.TULIS: (14, 60),
    Technique.KOMBINASI: (7, 20),
    Technique.CAP: (2, 7),
    Technique.TIRUAN: (1, 2),
}
STOCK: dict[str, tuple[int, int]] = {
    Technique.TULIS: (1, 5),
    Technique.KOMBINASI: (2, 10),
    Technique.CAP: (5, 40),
    Technique.TIRUAN: (10, 60),
}
DRAFT_SHARE = 0.12
# Rupiah: tulis Rp 350.000-2.500.000, cap Rp 120.000-450.000, kombinasi between; (lowest, highest, rounded to).
PRICES: dict[str, tuple[int, int, int]] = {
    Technique.TULIS: (350_000, 2_500_000, 25_000),
    Technique.KOMBINASI: (200_000, 900_000, 10_000),
    Technique.CAP: (120_000, 450_000, 5_000),
    Technique.TIRUAN: (60_000, 150_000, 5_000),
}
TECHNIQUE_WORDS: dict[str, tuple[str, str]] = {
    Technique.TULIS: (
        "Dibatik tulis dengan canting oleh perajin {maker}; setiap garis lilin digoreskan dengan tangan, sehingga "
        "tidak ada dua lembar yang persis sama.",
        "Hand-drawn with a canting by the artisans of {maker}; every line of wax is laid by hand, so no two pieces "
        "are quite the same.",
    ),
    Technique.CAP: (
        "Dibatik cap oleh {maker} dengan cap tembaga buatan perajin setempat, sehingga polanya berulang rapi dengan "
        "harga terjangkau.",
        "Stamped by {maker} with copper cap blocks made by local craftsmen, so the pattern repeats neatly at an "
        "affordable price.",
    ),
    Technique.KOMBINASI: (
        "Karya {maker} yang memadukan cap untuk pola utama dan canting tulis untuk isen dan detail.",
        "Made by {maker}, combining cap stamping for the main repeat with hand-drawn canting work for the fillings "
        "and details.",
    ),
    Technique.TIRUAN: (
        "Kain cetak mesin, dibuat tanpa lilin malam.",  # no maker's name: it may hold the word batik
        "Machine-printed cloth, made without wax.",
    ),
}
FABRIC_WORDS: dict[str, tuple[str, str, tuple[int, int]]] = {
    Fabric.PRIMISSIMA: ("katun primissima", "primissima cotton", (105, 120)),
    Fabric.PRIMA: ("katun prima", "prima cotton", (95, 110)),
    Fabric.DOBBY: ("katun dobby", "cotton dobby", (120, 145)),
    Fabric.VOILE: ("katun voile", "cotton voile", (60, 75)),
    Fabric.SILK: ("sutra", "silk", (45, 70)),
    Fabric.RAYON: ("rayon", "rayon", (110, 130)),
    Fabric.LINEN: ("linen", "linen", (150, 190)),
}


def _area(code: str | None) -> Area | None:
    return Area.objects.filter(code=code).first() if code else None


class _Pictures:
    """One drawn picture per motif, encoded once; ``add_picture`` stores each content once by its hash."""

    def __init__(self, rng: random.Random) -> None:
        self.png = {m.name: patterns.png(patterns.Pattern(m.pattern, m.palette, rng.getrandbits(32))) for m in MOTIFS}

    def add(self, *, actor: User, data: MotifData, alt: tuple[str, str], **owner: Any) -> None:
        content = self.png[data.name]
        services.add_picture(
            actor=actor,
            upload=io.BytesIO(content),
            size=len(content),
            alt_text={"ind": alt[0], "en": alt[1]},
            **owner,
        )


def _motifs(staff: User, pictures: _Pictures) -> dict[str, Motif]:
    created: dict[str, Motif] = {}
    for data in MOTIFS:
        fields: dict[str, Any] = {
            "name_ind": data.name,
            "name_en": data.name,
            "region": data.region,
            "area": _area(data.area),
            "story_ind": data.story[0],
            "story_en": data.story[1],
            "meaning_ind": data.meaning[0],
            "meaning_en": data.meaning[1],
        }
        if data.ip is not None:
            fields |= {"ip_number": data.ip[0], "ip_date": data.ip[1], "ip_holder_name": CITY_HOLDER}
        # The relation is symmetrical: linking to the motifs made before links both ways.
        related = [created[name] for name in data.related]
        motif = services.save_motif(actor=staff, data=fields, related=related)
        looks = patterns.describe(data.pattern, data.palette)
        pictures.add(
            actor=staff,
            data=data,
            alt=(f"Contoh kain motif {data.name}: {looks[0]}", f"Sample cloth of the {data.name} motif: {looks[1]}"),
            motif=motif,
        )
        created[data.name] = motif
    return created


def _names(technique: str, kind: Kind, motif: str, colour: tuple[str, str]) -> tuple[str, str]:
    """(Indonesian, English) name. A printed imitation is never called batik."""
    if technique == Technique.TIRUAN:
        return f"{kind.noun[0]} Motif {motif} Cetak", f"Printed {motif} {kind.noun[1]}"
    style = {"tulis": ("Tulis", "Hand-drawn"), "cap": ("Cap", "Stamped"), "kombinasi": ("Kombinasi", "Combined")}
    ind, en = style[technique]
    return f"{kind.noun[0]} Batik {ind} {motif} {colour[0]}", f"{motif} {en} Batik {kind.noun[1]}, {colour[1]}"


def _price(rng: random.Random, technique: str, kind: Kind, fabric: str) -> Decimal:
    low, high, step = PRICES[technique]
    weight = kind.price_weight * (1.6 if fabric == Fabric.SILK else 1.0)
    raw = low + (high - low) * (rng.random() ** 1.6) * weight
    return Decimal(round(min(max(raw, low), high) / step) * step)


def _dyes(rng: random.Random, palette: str, natural: bool) -> list[dict[str, Any]]:
    names = DYES[palette][0 if natural else 1]
    chosen = sorted(rng.sample(names, rng.randint(1, len(names))), key=names.index)
    return [{"name": name, "natural": natural} for name in chosen]


def _dye_words(dyes: list[dict[str, Any]], natural: bool) -> tuple[str, str]:
    names = ", ".join(d["name"] for d in dyes)
    if natural:
        return f"pewarna alam ({names})", f"natural dyes ({names})"
    return f"pewarna sintetis ({names})", f"synthetic dyes ({names})"


def _fibres(rng: random.Random, fabric: str) -> list[dict[str, Any]]:
    if fabric == Fabric.LINEN and rng.random() < 0.5:
        return [{"fibre": "linen", "percent": 55}, {"fibre": "cotton", "percent": 45}]
    fibres: dict[str, str] = {Fabric.SILK: "silk", Fabric.RAYON: "rayon", Fabric.LINEN: "linen"}
    fibre = fibres.get(fabric, "cotton")
    return [{"fibre": fibre, "percent": 100}]


def product_data(
    rng: random.Random, enterprise: Enterprise, technique: str, product_type: str, motifs: list[MotifData]
) -> dict[str, Any]:
    """Every field of one piece, both languages, consistent with its technique, fabric and colours."""
    kind = KINDS[product_type]
    fabric = rng.choice(kind.fabrics)
    fabric_ind, fabric_en, gsm = FABRIC_WORDS[fabric]
    natural = rng.random() < NATURAL_SHARE[technique]
    dyes = _dyes(rng, motifs[0].palette, natural)
    dye_words = _dye_words(dyes, natural)
    names = _names(technique, kind, motifs[0].name, COLOUR_NAMES[motifs[0].palette])
    motif_names = (" dan ".join(m.name for m in motifs), " and ".join(m.name for m in motifs))
    descriptions = (
        f"{TECHNIQUE_WORDS[technique][0].format(maker=enterprise.name)} Motif: {motif_names[0]}. "
        f"Bahan {fabric_ind}, diwarnai dengan {dye_words[0]}. {kind.use[0]}",
        f"{TECHNIQUE_WORDS[technique][1].format(maker=enterprise.name)} Motif: {motif_names[1]}. "
        f"On {fabric_en}, coloured with {dye_words[1]}. {kind.use[1]}",
    )
    low, high = PRODUCTION_DAYS[technique]
    if kind.size is None or product_type not in (ProductType.KAIN_PANJANG, ProductType.SARUNG):
        high = max(low, high // 2)  # smaller pieces and garments take less drawing
    return {
        "name_ind": names[0],
        "name_en": names[1],
        "description_ind": descriptions[0],
        "description_en": descriptions[1],
        "technique": technique,
        "product_type": product_type,
        "fabric": fabric,
        "fibres": _fibres(rng, fabric),
        "weight_gsm": rng.randint(*gsm),
        "length_cm": kind.size[0] if kind.size else None,
        "width_cm": kind.size[1] if kind.size else None,
        "dyes": dyes,
        "production_days": rng.randint(low, high),
        "price": _price(rng, technique, kind, fabric),
        "stock": rng.randint(*STOCK[technique]),
    }


def _sku_prefix(name: str) -> str:
    words = [w for w in name.split() if w.lower() != "batik"]
    return "".join(w[0] for w in words).upper()[:4] or "PRD"


def _choose(rng: random.Random, enterprise: Enterprise, made: set[tuple[str, str]]) -> tuple[str, str, list[MotifData]]:
    """A technique the enterprise works in, a product type and one or two motifs, not already listed by it."""
    while True:
        technique = rng.choice(enterprise.techniques)
        product_type = rng.choice(TYPES_BY_TECHNIQUE[technique])
        chosen = rng.sample(MOTIFS, 2 if rng.random() < 0.35 else 1)
        if (product_type, chosen[0].name) not in made:
            made.add((product_type, chosen[0].name))
            return technique, product_type, chosen


def _products(rng: random.Random, staff: User, motifs: dict[str, Motif], pictures: _Pictures) -> list[Product]:
    """2-4 pieces per enterprise, entered by its own login where it has one and by the office otherwise.

    Returns the published ones. The first piece of every enterprise is published; a few later ones are drafts.
    """
    logins = {u.enterprise_id: u for u in User.objects.filter(role=Role.ARTISAN, enterprise__isnull=False)}
    published: list[Product] = []
    for enterprise in Enterprise.objects.registered().order_by("pk"):
        actor = logins.get(enterprise.pk, staff)
        made: set[tuple[str, str]] = set()
        for n in range(rng.randint(2, 4)):
            technique, product_type, chosen = _choose(rng, enterprise, made)
            draft = n > 0 and rng.random() < DRAFT_SHARE
            data = product_data(rng, enterprise, technique, product_type, chosen)
            data["sku"] = f"{_sku_prefix(enterprise.name)}-{n + 1:03d}"
            data["status"] = ProductStatus.DRAFT if draft else ProductStatus.PUBLISHED
            product = services.create_product(
                actor=actor, enterprise=enterprise, data=data, motifs=[motifs[m.name] for m in chosen]
            )
            for position, motif in enumerate(chosen[:1] if draft else chosen):
                looks = patterns.describe(motif.pattern, motif.palette)
                view = (
                    ("Tampak kain", "The cloth of")
                    if position == 0
                    else (f"Motif {motif.name} pada", f"The {motif.name} motif on")
                )
                pictures.add(
                    actor=actor,
                    data=motif,
                    alt=(f"{view[0]} {data['name_ind']}: {looks[0]}", f"{view[1]} {data['name_en']}: {looks[1]}"),
                    product=product,
                )
            if not draft:
                published.append(product)
    return published


def load(rng: random.Random, *, staff: User) -> None:
    """Motifs with stories and pictures, then every enterprise's products; ``staff`` keeps motifs and features."""
    pictures = _Pictures(rng)
    motifs = _motifs(staff, pictures)
    published = _products(rng, staff, motifs, pictures)
    for product in rng.sample(published, min(FEATURED, len(published))):
        services.set_featured(product, True, actor=staff)
