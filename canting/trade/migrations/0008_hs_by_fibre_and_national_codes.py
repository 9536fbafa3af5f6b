"""The HS table splits shawls, shirts and blouses by fibre: a rayon or polyester selendang no longer falls to
"other textile materials". Rows for cotton blends, man-made filament cloth, more garments and made-up accessories
join it, each unconfirmed where no source showed the exact subheading. The 8-digit national lines (BTKI 2022) the
PEB needs are added as unconfirmed: none was seen in a source. Orders get the number of their transport document."""

import datetime

import django.core.validators
from django.db import migrations, models


D = datetime.date
HS_SOURCE = "WCO Harmonized System 2022; BTKI 2022"
HS_FROM = D(2022, 1, 1)
CHECK = "The exact subheading is to be checked with customs."
BATIK_LINE = (
    "8-digit line: the BTKI 2022 line for cloth printed by the traditional batik process, not seen in a source; "
    "machine-printed cloth takes another line. Check it before filing the PEB."
)

FIBRES = [
    ("cotton", "Cotton"),
    ("silk", "Silk"),
    ("rayon", "Rayon (viscose)"),
    ("synthetic", "Synthetic fibre (polyester, nylon, acrylic)"),
    ("man_made", "Man-made fibre"),
    ("other", "Other fibre"),
]

# Existing rows whose fibre was empty although the heading splits by fibre: "other" now takes only the fibres no
# sibling line names.
OTHER_FIBRE = {
    "6214.90": "Takes cotton and every fibre the other 6214 lines do not name.",
    "6205.90": "Takes every fibre the other 6205 lines do not name (e.g. linen).",
}

# code -> national code (BTKI 2022), all unconfirmed
NATIONAL = {
    "5208.51": "5208.51.10",
    "5208.52": "5208.52.10",
    "5208.59": "5208.59.10",
    "5209.51": "5209.51.10",
    "5209.52": "5209.52.10",
    "5209.59": "5209.59.10",
    "5210.51": "5210.51.10",
    "5210.59": "5210.59.10",
    "5211.51": "5211.51.10",
    "5211.59": "5211.59.10",
    "5212.15": "5212.15.10",
    "5212.25": "5212.25.10",
    "6214.10": "6214.10.10",
    "6214.30": "6214.30.10",
    "6214.40": "6214.40.10",
    "6214.90": "6214.90.10",
}

# code, article, fibre, mixed with, weave, min %, below %, above g/m2, up to g/m2, confirmed, English, Indonesian, notes
NEW_ROWS = [
    ("6214.30", "shawl", "synthetic", "", "", None, None, None, None, True, "Shawls, scarves and the like, of synthetic fibres", "Syal, selendang dan sejenisnya, dari serat sintetis", ""),
    ("6214.40", "shawl", "rayon", "", "", None, None, None, None, True, "Shawls, scarves and the like, of artificial fibres (rayon, viscose)", "Syal, selendang dan sejenisnya, dari serat artifisial (rayon, viskosa)", ""),
    ("5210.51", "fabric", "cotton", "man_made", "plain", None, 85, None, 200, False, "Woven cotton fabric, less than 85% cotton, mixed mainly with man-made fibres, printed, plain weave, up to 200 g/m²", "Kain tenun kapas, kapas kurang dari 85%, dicampur terutama dengan serat buatan, dicetak, anyaman polos, sampai 200 g/m²", CHECK),
    ("5210.59", "fabric", "cotton", "man_made", "other", None, 85, None, 200, False, "Woven cotton fabric, less than 85% cotton, mixed mainly with man-made fibres, printed, other weave, up to 200 g/m²", "Kain tenun kapas, kapas kurang dari 85%, dicampur terutama dengan serat buatan, dicetak, anyaman lain, sampai 200 g/m²", CHECK),
    ("5211.51", "fabric", "cotton", "man_made", "plain", None, 85, 200, None, False, "Woven cotton fabric, less than 85% cotton, mixed mainly with man-made fibres, printed, plain weave, over 200 g/m²", "Kain tenun kapas, kapas kurang dari 85%, dicampur terutama dengan serat buatan, dicetak, anyaman polos, lebih dari 200 g/m²", CHECK),
    ("5211.59", "fabric", "cotton", "man_made", "other", None, 85, 200, None, False, "Woven cotton fabric, less than 85% cotton, mixed mainly with man-made fibres, printed, other weave, over 200 g/m²", "Kain tenun kapas, kapas kurang dari 85%, dicampur terutama dengan serat buatan, dicetak, anyaman lain, lebih dari 200 g/m²", CHECK + " Twill (5211.52) is chosen by hand."),
    ("5212.15", "fabric", "cotton", "other", "", None, 85, None, 200, False, "Other woven cotton fabric (cotton mixed with other fibres), printed, up to 200 g/m²", "Kain tenun kapas lainnya (kapas dicampur serat lain), dicetak, sampai 200 g/m²", CHECK),
    ("5212.25", "fabric", "cotton", "other", "", None, 85, 200, None, False, "Other woven cotton fabric (cotton mixed with other fibres), printed, over 200 g/m²", "Kain tenun kapas lainnya (kapas dicampur serat lain), dicetak, lebih dari 200 g/m²", CHECK),
    ("5407.74", "fabric", "synthetic", "", "", 85, None, None, None, False, "Woven fabric of synthetic filament yarn (e.g. polyester), 85% or more, printed", "Kain tenun dari benang filamen sintetis (mis. poliester), 85% atau lebih, dicetak", CHECK + " Textured polyester filament is 5407.54, nylon 5407.44; cloth of synthetic staple fibres is in 5512-5516."),
    ("5408.24", "fabric", "rayon", "", "", 85, None, None, None, False, "Woven fabric of artificial filament yarn (e.g. rayon filament), 85% or more, printed", "Kain tenun dari benang filamen artifisial (mis. filamen rayon), 85% atau lebih, dicetak", CHECK + " Cloth of rayon staple fibre is 5516.14."),
    ("6204.43", "dress", "synthetic", "", "", None, None, None, None, False, "Women's or girls' dresses, woven, of synthetic fibres", "Gaun wanita atau anak perempuan, tenun, dari serat sintetis", "Not in the desk's sources: to be confirmed."),
    ("6204.49", "dress", "other", "", "", None, None, None, None, False, "Women's or girls' dresses, woven, of other textile materials (e.g. silk)", "Gaun wanita atau anak perempuan, tenun, dari bahan tekstil lainnya (mis. sutra)", "Not in the desk's sources: to be confirmed."),
    ("6206.90", "blouse", "other", "", "", None, None, None, None, False, "Women's or girls' blouses and shirts, woven, of other textile materials", "Blus dan kemeja wanita atau anak perempuan, tenun, dari bahan tekstil lainnya", "Not in the desk's sources: to be confirmed."),
    ("6217.10", "accessory", "", "", "", None, None, None, None, True, "Made-up clothing accessories (e.g. batik masks, ties)", "Aksesori pakaian jadi (mis. masker batik, dasi)", ""),
]  # fmt: skip


def seed(apps, schema_editor):
    HsCode = apps.get_model("trade", "HsCode")
    for code, note in OTHER_FIBRE.items():
        HsCode.objects.filter(code=code, valid_from=HS_FROM, fibre="").update(fibre="other", notes=note)
    HsCode.objects.bulk_create(
        HsCode(
            code=code, article=article, fibre=fibre, mixed_with=mixed, weave=weave, min_fibre_percent=share,
            below_fibre_percent=below, above_gsm=above, up_to_gsm=up_to, confirmed=confirmed, description=text_id,
            description_ind=text_id, description_en=text_en, source=HS_SOURCE, valid_from=HS_FROM, notes=notes,
        )
        for code, article, fibre, mixed, weave, share, below, above, up_to, confirmed, text_en, text_id, notes in NEW_ROWS
        if not HsCode.objects.filter(code=code, valid_from=HS_FROM).exists()
    )  # fmt: skip
    for code, national in NATIONAL.items():
        row = HsCode.objects.filter(code=code, valid_from=HS_FROM, national_code="").first()
        if row is not None:
            row.national_code, row.national_confirmed = national, False
            row.notes = f"{row.notes} {BATIK_LINE}".strip()
            row.save(update_fields=["national_code", "national_confirmed", "notes"])


def unseed(apps, schema_editor):
    HsCode = apps.get_model("trade", "HsCode")
    HsCode.objects.filter(code__in=[row[0] for row in NEW_ROWS], valid_from=HS_FROM, source=HS_SOURCE).delete()
    HsCode.objects.filter(national_code__in=NATIONAL.values(), valid_from=HS_FROM).update(national_code="")
    HsCode.objects.filter(code__in=OTHER_FIBRE, valid_from=HS_FROM, fibre="other").update(fibre="")


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0007_origin_criteria"),
    ]

    operations = [
        migrations.AddField(
            model_name="exportorder",
            name="transport_document",
            field=models.CharField(
                blank=True,
                help_text="The number of the transport document, once the goods are handed to the carrier.",
                max_length=60,
                verbose_name="bill of lading or air waybill number",
            ),
        ),
        migrations.AddField(
            model_name="hscode",
            name="below_fibre_percent",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(100)],
                verbose_name="less than this share of the fibre (%)",
            ),
        ),
        migrations.AddField(
            model_name="hscode",
            name="mixed_with",
            field=models.CharField(
                blank=True,
                choices=FIBRES,
                help_text="For blends: the fibre with the next largest share.",
                max_length=10,
                verbose_name="mixed mainly with",
            ),
        ),
        migrations.AddField(
            model_name="hscode",
            name="national_confirmed",
            field=models.BooleanField(
                default=False,
                help_text="Off while no source has confirmed the 8-digit line: the documents mark it unconfirmed.",
                verbose_name="national code confirmed",
            ),
        ),
        migrations.AlterField(
            model_name="hscode",
            name="article",
            field=models.CharField(
                choices=[
                    ("fabric", "Fabric (cloth by the metre or piece)"),
                    ("shirt", "Men's shirt"),
                    ("blouse", "Women's blouse"),
                    ("dress", "Dress"),
                    ("shawl", "Shawl or scarf"),
                    ("sarong", "Sarong worn as a garment"),
                    ("table_linen", "Table linen"),
                    ("furnishing", "Cushion cover or wall hanging"),
                    ("bag", "Handbag"),
                    ("painting", "Batik painting"),
                    ("accessory", "Made-up clothing accessory (mask, tie, part of a garment)"),
                ],
                max_length=12,
                verbose_name="article",
            ),
        ),
        migrations.AlterField(
            model_name="hscode",
            name="fibre",
            field=models.CharField(
                blank=True,
                choices=FIBRES,
                max_length=10,
                verbose_name="fibre",
            ),
        ),
        migrations.AlterField(
            model_name="hscode",
            name="national_code",
            field=models.CharField(
                blank=True,
                help_text="The 8-digit Indonesian line the export declaration (PEB) needs, e.g. 6214.40.10, when known.",
                max_length=13,
                validators=[
                    django.core.validators.RegexValidator(
                        "^\\d{4}\\.\\d{2}\\.\\d{2}$",
                        "Write a national code as 8 digits in three groups, e.g. 6214.40.10.",
                    )
                ],
                verbose_name="national code (BTKI 2022)",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
