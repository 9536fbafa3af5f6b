"""The export desk's reference data as first known: the HS table for batik products, the proof of origin each
destination takes, and what the main markets ask of a consignment. Staff keep them current; dates not shown by a
source say so in their notes."""

import datetime
from decimal import Decimal

from django.db import migrations

D = datetime.date
HS_SOURCE = "WCO Harmonized System 2022; BTKI 2022"
HS_FROM = D(2022, 1, 1)
TBC = "Date in force to be confirmed."

# code, national code, article, fibre, weave, min %, above g/m2, up to g/m2, confirmed, English, Indonesian, notes
HS_ROWS = [
    ('5208.51', '', 'fabric', 'cotton', 'plain', 85, None, 100, True, 'Woven cotton fabric, 85% or more cotton, printed, plain weave, up to 100 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, anyaman polos, sampai 100 g/m²', ''),
    ('5208.52', '', 'fabric', 'cotton', 'plain', 85, 100, 200, True, 'Woven cotton fabric, 85% or more cotton, printed, plain weave, over 100 up to 200 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, anyaman polos, lebih dari 100 sampai 200 g/m²', ''),
    ('5208.59', '', 'fabric', 'cotton', 'other', 85, None, 200, True, 'Woven cotton fabric, 85% or more cotton, printed, other weave, up to 200 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, anyaman lain, sampai 200 g/m²', ''),
    ('5209.51', '', 'fabric', 'cotton', 'plain', 85, 200, None, True, 'Woven cotton fabric, 85% or more cotton, printed, plain weave, over 200 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, anyaman polos, lebih dari 200 g/m²', ''),
    ('5209.52', '', 'fabric', 'cotton', '', 85, 200, None, True, 'Woven cotton fabric, 85% or more cotton, printed, 3- or 4-thread twill, over 200 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, keper 3 atau 4 benang, lebih dari 200 g/m²', 'Twill is not told apart from other weaves by the suggestion: choose this line by hand for twill.'),
    ('5209.59', '', 'fabric', 'cotton', 'other', 85, 200, None, True, 'Woven cotton fabric, 85% or more cotton, printed, other weave, over 200 g/m²', 'Kain tenun kapas, kapas 85% atau lebih, dicetak, anyaman lain, lebih dari 200 g/m²', ''),
    ('5007.10', '', 'fabric', 'silk', '', None, None, None, True, 'Woven fabric of noil silk', 'Kain tenun dari sutra noil', 'Noil silk only: choose this line by hand.'),
    ('5007.20', '', 'fabric', 'silk', '', 85, None, None, True, 'Woven silk fabric, 85% or more silk other than noil silk', 'Kain tenun sutra, sutra selain sutra noil 85% atau lebih', ''),
    ('5007.90', '5007.90.30', 'fabric', 'silk', '', None, None, None, True, 'Other woven silk fabric (national line: printed by the batik process)', 'Kain tenun sutra lainnya (pos nasional: dicetak dengan proses batik)', 'The 8-digit BTKI line is to be confirmed.'),
    ('5516.14', '', 'fabric', 'rayon', '', 85, None, None, True, 'Woven fabric of artificial staple fibres (viscose), 85% or more, printed', 'Kain tenun serat stapel artifisial (viskosa), 85% atau lebih, dicetak', ''),
    ('6205.20', '', 'shirt', 'cotton', '', None, None, None, True, "Men's or boys' shirts, woven, of cotton", 'Kemeja pria atau anak laki-laki, tenun, dari kapas', ''),
    ('6205.30', '', 'shirt', 'man_made', '', None, None, None, True, "Men's or boys' shirts, woven, of man-made fibres", 'Kemeja pria atau anak laki-laki, tenun, dari serat buatan', ''),
    ('6205.90', '', 'shirt', '', '', None, None, None, True, "Men's or boys' shirts, woven, of other textile materials", 'Kemeja pria atau anak laki-laki, tenun, dari bahan tekstil lainnya', ''),
    ('6206.10', '', 'blouse', 'silk', '', None, None, None, True, "Women's or girls' blouses and shirts, woven, of silk", 'Blus dan kemeja wanita atau anak perempuan, tenun, dari sutra', ''),
    ('6206.30', '', 'blouse', 'cotton', '', None, None, None, True, "Women's or girls' blouses and shirts, woven, of cotton", 'Blus dan kemeja wanita atau anak perempuan, tenun, dari kapas', ''),
    ('6206.40', '', 'blouse', 'man_made', '', None, None, None, True, "Women's or girls' blouses and shirts, woven, of man-made fibres", 'Blus dan kemeja wanita atau anak perempuan, tenun, dari serat buatan', ''),
    ('6204.42', '', 'dress', 'cotton', '', None, None, None, True, "Women's or girls' dresses, woven, of cotton", 'Gaun wanita atau anak perempuan, tenun, dari kapas', ''),
    ('6204.44', '', 'dress', 'rayon', '', None, None, None, True, "Women's or girls' dresses, woven, of artificial fibres", 'Gaun wanita atau anak perempuan, tenun, dari serat artifisial', ''),
    ('6214.10', '', 'shawl', 'silk', '', None, None, None, True, 'Shawls, scarves and the like, of silk', 'Syal, selendang dan sejenisnya, dari sutra', ''),
    ('6214.90', '', 'shawl', '', '', None, None, None, True, 'Shawls, scarves and the like, of other textile materials (including cotton)', 'Syal, selendang dan sejenisnya, dari bahan tekstil lainnya (termasuk kapas)', ''),
    ('6211.42', '', 'sarong', 'cotton', '', None, None, None, False, "Other women's garments of cotton (sarong worn as a garment)", 'Pakaian wanita lainnya dari kapas (sarung yang dikenakan sebagai pakaian)', 'No source confirmed this line for a sarong.'),
    ('6302.51', '', 'table_linen', 'cotton', '', None, None, None, True, 'Table linen of cotton', 'Linen meja dari kapas', ''),
    ('6304.92', '', 'furnishing', 'cotton', '', None, None, None, True, 'Furnishing articles of cotton, not knitted (cushion covers, wall hangings)', 'Barang perabot dari kapas, bukan rajutan (sarung bantal, hiasan dinding)', ''),
    ('4202.22', '', 'bag', '', '', None, None, None, True, 'Handbags with an outer surface of textile materials', 'Tas tangan dengan permukaan luar dari bahan tekstil', ''),
    ('9701.91', '', 'painting', '', '', None, None, None, True, 'Paintings executed entirely by hand (batik painting)', 'Lukisan yang seluruhnya dibuat dengan tangan (lukisan batik)', ''),
]

ASEAN = ["BN", "KH", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]
EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
EFTA = ["CH", "NO", "IS", "LI"]
ESKA = "Issuing office through e-SKA, free of charge"
ON_INVOICE = "The exporter, on the invoice"
EU_STATEMENT = (
    "The exporter {exporter} of the products covered by this document declares that, except where otherwise clearly "
    "indicated, these products are of Indonesia preferential origin according to rules of origin of the Generalised "
    "System of Preferences of the European Union and that the origin criterion met is P."
)

RCEP = (
    "RCEP certificate of origin",
    "Regional Comprehensive Economic Partnership (RCEP)",
    "certificate",
    ESKA,
    D(2023, 1, 2),
    "RCEP Agreement; in force for Indonesia 2 January 2023",
    "",
)
AANZ = ("Form AANZ", "ASEAN-Australia-New Zealand FTA (AANZFTA)", "certificate", ESKA, D(2012, 1, 10), "AANZFTA", TBC)

# country -> rules in order of suggestion: document, agreement, kind, issued by, valid from, source, notes
ORIGIN: dict[str, list[tuple[str, str, str, str, datetime.date, str, str]]] = {
    **{
        c: [("Form D", "ASEAN Trade in Goods Agreement (ATIGA)", "certificate", ESKA, D(2010, 5, 17), "ATIGA", TBC)]
        for c in ASEAN
    },
    "CN": [("Form E", "ASEAN-China FTA (ACFTA)", "certificate", ESKA, D(2005, 7, 20), "ACFTA", TBC), RCEP],
    "KR": [
        (
            "IK-CEPA certificate of origin",
            "Indonesia-Korea CEPA (IK-CEPA)",
            "certificate",
            ESKA,
            D(2023, 1, 1),
            "IK-CEPA; in force 1 January 2023",
            "",
        ),
        ("Form AK", "ASEAN-Korea FTA (AKFTA)", "certificate", ESKA, D(2007, 6, 1), "AKFTA", TBC),
        RCEP,
    ],
    "JP": [
        (
            "IJEPA certificate of origin",
            "Indonesia-Japan EPA (IJEPA)",
            "certificate",
            ESKA,
            D(2008, 7, 1),
            "IJEPA",
            TBC,
        ),
        ("Form AJ", "ASEAN-Japan CEP (AJCEP)", "certificate", ESKA, D(2018, 3, 1), "AJCEP", TBC),
        RCEP,
    ],
    "AU": [
        (
            "IA-CEPA certificate of origin",
            "Indonesia-Australia CEPA (IA-CEPA)",
            "certificate",
            ESKA,
            D(2020, 7, 5),
            "IA-CEPA; in force 5 July 2020",
            "An exporter's declaration of origin may be used instead of a certificate.",
        ),
        AANZ,
        RCEP,
    ],
    "NZ": [AANZ, RCEP],
    "IN": [("Form AI", "ASEAN-India FTA (AIFTA)", "certificate", ESKA, D(2010, 10, 1), "AIFTA", TBC)],
    **{
        c: [
            (
                "Origin declaration (IE-CEPA)",
                "Indonesia-EFTA CEPA (IE-CEPA)",
                "declaration",
                ON_INVOICE,
                D(2021, 11, 1),
                "IE-CEPA; in force 1 November 2021",
                "",
            )
        ]
        for c in EFTA
    },
    "AE": [
        (
            "IUAE-CEPA certificate of origin",
            "Indonesia-UAE CEPA (IUAE-CEPA)",
            "certificate",
            ESKA,
            D(2023, 9, 1),
            "IUAE-CEPA; in force 1 September 2023",
            "",
        )
    ],
    **{
        c: [
            (
                "Statement on origin (REX)",
                "EU GSP",
                "declaration",
                ON_INVOICE,
                D(2017, 1, 1),
                "Regulation (EU) 978/2012 (GSP); Regulation (EU) 2015/2447, Annex 22-07",
                "Up to EUR 6,000 per consignment without a REX number; above it the exporter's REX number is needed. "
                "IEU-CEPA concluded September 2025, not yet in force. " + TBC,
            )
        ]
        for c in EU
    },
    "US": [
        (
            "No preferential certificate: no trade agreement",
            "",
            "none",
            "",
            D(2020, 1, 1),
            "No trade agreement between Indonesia and the United States",
            TBC,
        )
    ],
    "": [
        (
            "Form B",
            "Non-preferential certificate of origin",
            "certificate",
            ESKA,
            D(2020, 1, 1),
            "Certificate of origin (non-preferential), e-SKA",
            "For any destination without a rule of its own that asks for a certificate of origin. " + TBC,
        )
    ],
}

# countries, topic, English, Indonesian, azo limit, parcel threshold, currency, valid from, until, source, notes
MARKET = [
    (
        ["US"],
        "labelling",
        "Label fibre content, 'Made in Indonesia', the manufacturer's identity and care instructions.",
        "Label kandungan serat, 'Made in Indonesia', identitas produsen dan petunjuk perawatan.",
        None,
        None,
        "",
        D(2000, 1, 1),
        None,
        "Textile Fiber Products Identification Act; FTC Care Labeling Rule",
        TBC,
    ),
    (
        ["US"],
        "parcel",
        "Parcels worth up to US$800 enter duty free (de minimis).",
        "Paket bernilai sampai US$800 masuk bebas bea (de minimis).",
        None,
        Decimal(800),
        "USD",
        D(2016, 3, 10),
        D(2025, 8, 28),
        "19 U.S.C. 1321 (de minimis)",
        "",
    ),
    (
        ["US"],
        "parcel",
        "The US$800 duty-free de minimis is suspended for all countries: every parcel pays duty.",
        "De minimis bebas bea US$800 ditangguhkan untuk semua negara: setiap paket membayar bea.",
        None,
        Decimal(0),
        "USD",
        D(2025, 8, 29),
        None,
        "US Executive Order suspending de minimis, from 29 August 2025",
        "",
    ),
    (
        EU,
        "labelling",
        "A fibre composition label is required (Regulation (EU) 1007/2011).",
        "Wajib label komposisi serat (Regulasi (UE) 1007/2011).",
        None,
        None,
        "",
        D(2012, 5, 8),
        None,
        "Regulation (EU) No 1007/2011",
        "",
    ),
    (
        EU,
        "azo",
        "Azo dyes that release listed aromatic amines: at most 30 mg/kg in textiles in contact with the skin.",
        "Pewarna azo yang melepaskan amina aromatik tertentu: paling banyak 30 mg/kg pada tekstil yang bersentuhan "
        "dengan kulit.",
        Decimal(30),
        None,
        "",
        D(2009, 6, 1),
        None,
        "REACH (Regulation (EC) 1907/2006), Annex XVII entry 43",
        TBC,
    ),
    (
        EU,
        "parcel",
        "Customs duty relief for parcels worth up to EUR 150.",
        "Pembebasan bea masuk untuk paket bernilai sampai EUR 150.",
        None,
        Decimal(150),
        "EUR",
        D(2009, 12, 1),
        D(2026, 6, 30),
        "Council Regulation (EC) 1186/2009",
        TBC,
    ),
    (
        EU,
        "parcel",
        "Duty relief for small parcels ends: a flat duty of EUR 3 per item category applies to every parcel.",
        "Pembebasan bea paket kecil berakhir: bea tetap EUR 3 per kategori barang berlaku untuk setiap paket.",
        None,
        Decimal(0),
        "EUR",
        D(2026, 7, 1),
        None,
        "EU Council decision on low-value consignments (2025)",
        "",
    ),
    (
        ["JP"],
        "labelling",
        "A quality label (fibre composition) and JIS L 0001 care symbols are required.",
        "Wajib label mutu (komposisi serat) dan simbol perawatan JIS L 0001.",
        None,
        None,
        "",
        D(2016, 12, 1),
        None,
        "Household Goods Quality Labeling Act; JIS L 0001",
        "",
    ),
    (
        ["JP"],
        "azo",
        "Azo dyes that release listed aromatic amines: at most 30 mg/kg.",
        "Pewarna azo yang melepaskan amina aromatik tertentu: paling banyak 30 mg/kg.",
        Decimal(30),
        None,
        "",
        D(2016, 4, 1),
        None,
        "Act on the Control of Household Products Containing Harmful Substances",
        "",
    ),
    (
        ["JP"],
        "parcel",
        "Parcels worth up to JPY 10,000 enter duty free.",
        "Paket bernilai sampai JPY 10.000 masuk bebas bea.",
        None,
        Decimal(10000),
        "JPY",
        D(2000, 1, 1),
        None,
        "Japan Customs, small-value imports",
        TBC,
    ),
    (
        ["AU"],
        "labelling",
        "A care label is required (handicrafts and wall hangings are exempt).",
        "Wajib label perawatan (kerajinan tangan dan hiasan dinding dikecualikan).",
        None,
        None,
        "",
        D(2017, 4, 1),
        None,
        "Consumer Goods (Care Labelling) Information Standard",
        TBC,
    ),
    (
        ["AU"],
        "parcel",
        "Parcels worth up to AUD 1,000 enter duty free; GST is collected by the seller.",
        "Paket bernilai sampai AUD 1.000 masuk bebas bea; GST dipungut oleh penjual.",
        None,
        Decimal(1000),
        "AUD",
        D(2018, 7, 1),
        None,
        "Australian Border Force; GST on low value imported goods",
        "",
    ),
    (
        ["MY"],
        "parcel",
        "A 10% sales tax applies to goods worth up to RM 500 bought online from abroad.",
        "Pajak penjualan 10% berlaku untuk barang bernilai sampai RM 500 yang dibeli daring dari luar negeri.",
        None,
        Decimal(500),
        "MYR",
        D(2024, 1, 1),
        None,
        "Sales Tax (Low Value Goods) Act 2023",
        "",
    ),
]


def seed(apps, schema_editor):
    HsCode = apps.get_model("trade", "HsCode")
    OriginRule = apps.get_model("trade", "OriginRule")
    MarketNote = apps.get_model("trade", "MarketNote")
    HsCode.objects.bulk_create(
        HsCode(
            code=code, national_code=national, article=article, fibre=fibre, weave=weave, min_fibre_percent=share,
            above_gsm=above, up_to_gsm=up_to, confirmed=confirmed, description=text_id, description_ind=text_id,
            description_en=text_en, source=HS_SOURCE, valid_from=HS_FROM, notes=notes,
        )
        for code, national, article, fibre, weave, share, above, up_to, confirmed, text_en, text_id, notes in HS_ROWS
    )  # fmt: skip
    OriginRule.objects.bulk_create(
        OriginRule(
            country=country, position=position, document=document, agreement=agreement, kind=kind,
            issued_by=issued_by, valid_from=valid_from, source=source, notes=notes,
            registration_above=Decimal(6000) if country in EU else None,
            threshold_currency="EUR" if country in EU else "",
            statement=EU_STATEMENT if country in EU else "",
        )
        for country, rules in ORIGIN.items()
        for position, (document, agreement, kind, issued_by, valid_from, source, notes) in enumerate(rules, start=1)
    )  # fmt: skip
    MarketNote.objects.bulk_create(
        MarketNote(
            country=country, topic=topic, text=text_id, text_ind=text_id, text_en=text_en, azo_limit=azo,
            parcel_threshold=threshold, parcel_currency=currency, valid_from=valid_from, valid_until=valid_until,
            source=source, notes=notes,
        )
        for countries, topic, text_en, text_id, azo, threshold, currency, valid_from, valid_until, source, notes in MARKET
        for country in countries
    )  # fmt: skip


def unseed(apps, schema_editor):
    HsCode = apps.get_model("trade", "HsCode")
    OriginRule = apps.get_model("trade", "OriginRule")
    MarketNote = apps.get_model("trade", "MarketNote")
    HsCode.objects.filter(source=HS_SOURCE, valid_from=HS_FROM, code__in=[row[0] for row in HS_ROWS]).delete()
    sources = {rule[5] for rules in ORIGIN.values() for rule in rules}
    OriginRule.objects.filter(source__in=sources).delete()
    MarketNote.objects.filter(source__in={note[9] for note in MARKET}).delete()


class Migration(migrations.Migration):
    dependencies = [("trade", "0003_customs_rules")]

    operations = [migrations.RunPython(seed, unseed)]
