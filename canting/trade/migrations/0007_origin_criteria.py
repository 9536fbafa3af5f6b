"""Batik is not wholly obtained: the origin criterion follows each line's HS heading and the cloth it was made
from. Lines record where their cloth was woven, product-specific rules are data, and the EU rows follow the
calendar: the GSP ends for Indonesia on 31 December 2026, the IEU-CEPA rows wait for confirmation. Also the US row
starts when the US GSP lapsed, and the PEB rule cites its regulation."""

import datetime

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0006_origin_rule_in_both_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="orderline",
            name="cloth_origin",
            field=models.CharField(
                choices=[("woven_id", "Woven in Indonesia"), ("imported", "Imported cloth"), ("unknown", "Not known")],
                default="unknown",
                help_text="Where the cloth came from: preferential origin depends on it.",
                max_length=8,
                verbose_name="cloth woven",
            ),
        ),
        migrations.AddField(
            model_name="originrule",
            name="confirmed",
            field=models.BooleanField(
                default=True,
                help_text="Off while no source has confirmed that it is in force: it then grants no preference.",
                verbose_name="confirmed",
            ),
        ),
        migrations.AddField(
            model_name="originrule",
            name="scheme",
            field=models.CharField(
                blank=True,
                help_text="Links the rule to its product-specific rules, e.g. EU-GSP.",
                max_length=20,
                verbose_name="scheme key",
            ),
        ),
        migrations.AlterField(
            model_name="originrule",
            name="statement",
            field=models.TextField(
                blank=True,
                help_text="{exporter} stands for the exporter's registration number, left out when there is none; "
                "{criteria} for the origin criterion of each originating line, e.g. W 6205 (line 1).",
                max_length=2000,
                verbose_name="statement printed on the invoice",
            ),
        ),
        migrations.CreateModel(
            name="ProductRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "source",
                    models.CharField(
                        help_text="The regulation, agreement or page it follows.", max_length=250, verbose_name="source"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="holds from")),
                ("valid_until", models.DateField(blank=True, null=True, verbose_name="holds until")),
                ("notes", models.TextField(blank=True, max_length=2000, verbose_name="notes")),
                (
                    "scheme",
                    models.CharField(db_index=True, help_text="e.g. EU-GSP", max_length=20, verbose_name="scheme key"),
                ),
                (
                    "heading",
                    models.CharField(
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{2}(\\d{2})?$", "Write 4 digits (a heading) or 2 (a chapter)."
                            )
                        ],
                        verbose_name="HS heading or chapter",
                    ),
                ),
                ("rule", models.TextField(max_length=2000, verbose_name="rule")),
                (
                    "originating_cloth",
                    models.JSONField(
                        default=list, help_text='e.g. ["woven_id"]', verbose_name="cloth origins that meet the rule"
                    ),
                ),
                (
                    "criterion",
                    models.CharField(
                        help_text="Printed before the heading, e.g. W gives W 6205.",
                        max_length=10,
                        verbose_name="origin criterion",
                    ),
                ),
                (
                    "confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Off while the rule text is not checked against its source.",
                        verbose_name="confirmed",
                    ),
                ),
            ],
            options={
                "verbose_name": "product-specific origin rule",
                "verbose_name_plural": "product-specific origin rules",
                "ordering": ["scheme", "heading", "-valid_from"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("scheme", "heading", "valid_from"), name="trade_product_rule_once_per_start"
                    )
                ],
            },
        ),
    ]


D = datetime.date
EU = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
GSP_END = D(2026, 12, 31)
CEPA_START = D(2027, 1, 1)
GSP_SOURCE = (
    "Regulation (EU) 978/2012 (GSP); Regulation (EU) 2015/2447, Annex 22-07; Indonesia leaves the GSP on 1 January "
    "2027 (Commission delegated act under Art. 4(1)(a) of Regulation (EU) 978/2012)"
)
OLD_GSP_SOURCE = "Regulation (EU) 978/2012 (GSP); Regulation (EU) 2015/2447, Annex 22-07"
GSP_NOTES = (
    "Up to EUR 6,000 per consignment without a REX number; above it the exporter's REX number is needed. Ends 31 "
    "December 2026: Indonesia graduates from the GSP (upper-middle income three years running).",
    "Sampai EUR 6.000 per kiriman tanpa nomor REX; di atasnya diperlukan nomor REX eksportir. Berakhir 31 Desember "
    "2026: Indonesia keluar dari GSP (tiga tahun berturut-turut berpendapatan menengah atas).",
)
# {criteria}: the criterion of each originating line, e.g. "W 6205 (line 1)"; Annex 22-07 leaves it to the exporter.
GSP_STATEMENT = (
    "The exporter {exporter} of the products covered by this document declares that, except where otherwise clearly "
    "indicated, these products are of Indonesia preferential origin according to rules of origin of the Generalised "
    "System of Preferences of the European Union and that the origin criterion met is {criteria}."
)
CEPA_SOURCE = "EU-Indonesia CEPA (IEU-CEPA): negotiations concluded September 2025; entry into force to be confirmed"
CEPA = {
    "document": ("Statement on origin (IEU-CEPA)", "Pernyataan asal barang (IEU-CEPA)"),
    "agreement": ("EU-Indonesia CEPA (IEU-CEPA)", "CEPA Indonesia-Uni Eropa (IEU-CEPA)"),
    "issued_by": ("The exporter, on the invoice", "Eksportir sendiri, pada invoice"),
    "notes": (
        "Planned to enter into force on 1 January 2027: not confirmed, so it grants no preference yet. Its statement "
        "on origin and product-specific rules are to be recorded once the text in force is published.",
        "Direncanakan berlaku 1 Januari 2027: belum dipastikan, jadi belum memberi preferensi. Pernyataan asal barang "
        "dan aturan per produknya dicatat setelah teks yang berlaku terbit.",
    ),
}
US_SOURCE = "No trade agreement between Indonesia and the United States; the US GSP lapsed on 31 December 2020"
PEB_SOURCE = "PMK 155/PMK.04/2022 (export customs procedure, amending PMK 145/PMK.04/2014)"
PEB_OLD_SOURCE = "Export customs procedure of the DJBC (regulation to be confirmed)"
ANNEX = "Regulation (EU) 2015/2447, Annex 22-03 (product-specific rules, column for non-LDC countries)"
# scheme, heading, rule, originating cloth, notes; every rule text is to be checked against the Annex
PRODUCT_RULES = [
    (
        "EU-GSP", "62",
        "Weaving combined with making-up (including cutting of fabric). Exact wording to verify against the Annex.",
        ["woven_id"], "",
    ),
    *[
        (
            "EU-GSP", heading,
            "Weaving combined with making-up (including cutting of fabric); or printing accompanied by at least two "
            "preparatory or finishing operations, where the unprinted fabric used is at most 47.5% of the ex-works "
            "price. Exact wording to verify against the Annex.",
            ["woven_id"],
            "Imported unprinted cloth may qualify by the printing alternative, depending on its share of the ex-works "
            "price: the desk does not assess that, so such a line is not declared originating.",
        )
        for heading in ("6213", "6214")
    ],
]  # fmt: skip


def forward(apps, schema_editor):
    OriginRule = apps.get_model("trade", "OriginRule")
    ProductRule = apps.get_model("trade", "ProductRule")
    CustomsRule = apps.get_model("trade", "CustomsRule")
    gsp = OriginRule.objects.filter(country__in=EU, agreement_en="EU GSP")
    gsp.update(
        scheme="EU-GSP", valid_until=GSP_END, source=GSP_SOURCE, statement=GSP_STATEMENT,
        notes=GSP_NOTES[1], notes_ind=GSP_NOTES[1], notes_en=GSP_NOTES[0],
    )  # fmt: skip
    texts = {}
    for name, (english, indonesian) in CEPA.items():
        texts.update({name: indonesian, f"{name}_ind": indonesian, f"{name}_en": english})
    OriginRule.objects.bulk_create(
        OriginRule(
            country=country, kind="declaration", scheme="IEU-CEPA", confirmed=False, valid_from=CEPA_START,
            source=CEPA_SOURCE, position=1, **texts,
        )
        for country in EU
    )  # fmt: skip
    OriginRule.objects.filter(country="US", kind="none").update(valid_from=D(2021, 1, 1), source=US_SOURCE)
    CustomsRule.objects.filter(limit="peb_days_ahead", source=PEB_OLD_SOURCE).update(
        source=PEB_SOURCE,
        notes="The PEB is filed at most this many days before the estimated shipment, before the goods enter the "
        "port area. Date in force of the regulation to be confirmed.",
    )
    ProductRule.objects.bulk_create(
        ProductRule(
            scheme=scheme, heading=heading, rule=rule, originating_cloth=cloth, criterion="W", confirmed=False,
            source=ANNEX, valid_from=D(2017, 1, 1), valid_until=GSP_END, notes=notes,
        )
        for scheme, heading, rule, cloth, notes in PRODUCT_RULES
    )  # fmt: skip


def backward(apps, schema_editor):
    OriginRule = apps.get_model("trade", "OriginRule")
    CustomsRule = apps.get_model("trade", "CustomsRule")
    OriginRule.objects.filter(scheme="IEU-CEPA", source=CEPA_SOURCE).delete()
    OriginRule.objects.filter(scheme="EU-GSP", source=GSP_SOURCE).update(valid_until=None, source=OLD_GSP_SOURCE)
    OriginRule.objects.filter(country="US", source=US_SOURCE).update(
        valid_from=D(2020, 1, 1), source="No trade agreement between Indonesia and the United States"
    )
    CustomsRule.objects.filter(limit="peb_days_ahead", source=PEB_SOURCE).update(source=PEB_OLD_SOURCE)


Migration.operations.append(migrations.RunPython(forward, backward))
