"""The eleven Incoterms 2020 rules, with the transport each allows and what it means for insurance, import
clearance and where risk passes. Staff may edit them; a later edition is added as data."""

import datetime

from django.db import migrations

ANY = ["sea", "air", "post", "road"]
SEA = ["sea"]
SOURCE = "ICC, Incoterms 2020 (ICC publication no. 723E), in force 1 January 2020"

# code, English name, Indonesian name, modes, fit for containers, named place (en, id), risk passes (en, id),
# seller insures (min %, cover), seller clears import, alternative for other transport
RULES = [
    ("EXW", "Ex Works", "Franco gudang penjual", ANY, True,
     ("place of delivery (the seller's premises)", "tempat penyerahan (tempat usaha penjual)"),
     ("at the seller's premises, when the goods are put at the buyer's disposal",
      "di tempat usaha penjual, saat barang disiapkan untuk pembeli"), None, False, None),
    ("FCA", "Free Carrier", "Franco pengangkut", ANY, True,
     ("place of delivery", "tempat penyerahan"),
     ("when the goods are handed to the buyer's carrier", "saat barang diserahkan kepada pengangkut pembeli"),
     None, False, None),
    ("CPT", "Carriage Paid To", "Ongkos angkut dibayar sampai", ANY, True,
     ("place of destination", "tempat tujuan"),
     ("when the goods are handed to the first carrier", "saat barang diserahkan kepada pengangkut pertama"),
     None, False, None),
    ("CIP", "Carriage and Insurance Paid To", "Ongkos angkut dan asuransi dibayar sampai", ANY, True,
     ("place of destination", "tempat tujuan"),
     ("when the goods are handed to the first carrier", "saat barang diserahkan kepada pengangkut pertama"),
     ("110.0", "ICC (A)"), False, None),
    ("DAP", "Delivered at Place", "Diserahkan di tempat", ANY, True,
     ("place of destination", "tempat tujuan"),
     ("at the named destination, ready for unloading", "di tempat tujuan, siap dibongkar"), None, False, None),
    ("DPU", "Delivered at Place Unloaded", "Diserahkan di tempat dan dibongkar", ANY, True,
     ("place of destination", "tempat tujuan"),
     ("at the named destination, once unloaded", "di tempat tujuan, setelah dibongkar"), None, False, None),
    ("DDP", "Delivered Duty Paid", "Diserahkan dengan bea dibayar", ANY, True,
     ("place of destination", "tempat tujuan"),
     ("at the named destination, cleared for import", "di tempat tujuan, sudah diurus impornya"),
     None, True, None),
    ("FAS", "Free Alongside Ship", "Franco di sisi kapal", SEA, False,
     ("port of shipment", "pelabuhan muat"),
     ("when the goods are placed alongside the ship", "saat barang diletakkan di sisi kapal"), None, False, "FCA"),
    ("FOB", "Free On Board", "Franco di atas kapal", SEA, False,
     ("port of shipment", "pelabuhan muat"),
     ("when the goods are on board the ship", "saat barang berada di atas kapal"), None, False, "FCA"),
    ("CFR", "Cost and Freight", "Biaya dan ongkos angkut", SEA, False,
     ("port of destination", "pelabuhan tujuan"),
     ("when the goods are on board the ship", "saat barang berada di atas kapal"), None, False, "CPT"),
    ("CIF", "Cost, Insurance and Freight", "Biaya, asuransi dan ongkos angkut", SEA, False,
     ("port of destination", "pelabuhan tujuan"),
     ("when the goods are on board the ship", "saat barang berada di atas kapal"),
     ("110.0", "ICC (C)"), False, "CIP"),
]


def seed(apps, schema_editor):
    Incoterm = apps.get_model("trade", "Incoterm")
    made = {}
    for position, (code, name_en, name_id, modes, containers, place, risk, insurance, clears, _alt) in enumerate(
        RULES, start=1
    ):
        made[code] = Incoterm.objects.create(
            code=code,
            name=name_id,
            name_ind=name_id,
            name_en=name_en,
            edition="Incoterms 2020",
            modes=modes,
            containers=containers,
            place_meaning=place[1],
            place_meaning_ind=place[1],
            place_meaning_en=place[0],
            risk_passes=risk[1],
            risk_passes_ind=risk[1],
            risk_passes_en=risk[0],
            seller_insures=insurance is not None,
            min_insured_percent=insurance[0] if insurance else None,
            insurance_cover=insurance[1] if insurance else "",
            seller_clears_import=clears,
            position=position,
            source=SOURCE,
            valid_from=datetime.date(2020, 1, 1),
        )
    for code, *_rest, alternative in RULES:
        if alternative:
            Incoterm.objects.filter(pk=made[code].pk).update(alternative=made[alternative])


def unseed(apps, schema_editor):
    apps.get_model("trade", "Incoterm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
