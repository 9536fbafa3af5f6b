"""Proof-of-origin rules speak both languages: the desk explains them to the artisan in Indonesian, the documents
name them in English. The rules on record keep their English wording and gain an Indonesian one."""

from django.db import migrations, models

FIELDS = ("document", "agreement", "issued_by", "notes")
TBC = "Tanggal berlaku masih perlu dipastikan."
INDONESIAN = {
    "IA-CEPA certificate of origin": "Sertifikat asal barang IA-CEPA",
    "IJEPA certificate of origin": "Sertifikat asal barang IJEPA",
    "IK-CEPA certificate of origin": "Sertifikat asal barang IK-CEPA",
    "IUAE-CEPA certificate of origin": "Sertifikat asal barang IUAE-CEPA",
    "RCEP certificate of origin": "Sertifikat asal barang RCEP",
    "No preferential certificate: no trade agreement": "Tanpa sertifikat preferensi: belum ada perjanjian dagang",
    "Origin declaration (IE-CEPA)": "Deklarasi asal barang (IE-CEPA)",
    "Statement on origin (REX)": "Pernyataan asal barang (REX)",
    "EU GSP": "GSP Uni Eropa",
    "Non-preferential certificate of origin": "Sertifikat asal barang non-preferensi",
    "Issuing office through e-SKA, free of charge": "Instansi penerbit SKA (IPSKA) melalui e-SKA, tanpa biaya",
    "The exporter, on the invoice": "Eksportir sendiri, pada invoice",
    "An exporter's declaration of origin may be used instead of a certificate.": (
        "Deklarasi asal barang oleh eksportir boleh dipakai sebagai ganti sertifikat."
    ),
    "Date in force to be confirmed.": TBC,
    "For any destination without a rule of its own that asks for a certificate of origin. Date in force to be "
    "confirmed.": "Untuk tujuan yang tidak punya aturan sendiri tetapi meminta sertifikat asal barang. " + TBC,
    "Up to EUR 6,000 per consignment without a REX number; above it the exporter's REX number is needed. IEU-CEPA "
    "concluded September 2025, not yet in force. Date in force to be confirmed.": (
        "Sampai EUR 6.000 per kiriman tanpa nomor REX; di atasnya diperlukan nomor REX eksportir. IEU-CEPA disepakati "
        "September 2025 dan belum berlaku. " + TBC
    ),
}


def translate(apps, schema_editor):
    """The wording on record becomes the English one; the Indonesian one is the known translation, or the same text
    (agreement names and form names such as Form D read the same in both) for staff to translate."""
    OriginRule = apps.get_model("trade", "OriginRule")
    for rule in OriginRule.objects.all():
        for name in FIELDS:
            english = getattr(rule, name)
            setattr(rule, f"{name}_en", english)
            setattr(rule, f"{name}_ind", INDONESIAN.get(english, english))
            setattr(rule, name, INDONESIAN.get(english, english))
        rule.save(update_fields=[f"{name}{suffix}" for name in FIELDS for suffix in ("", "_en", "_ind")])


def untranslate(apps, schema_editor):
    OriginRule = apps.get_model("trade", "OriginRule")
    for rule in OriginRule.objects.all():
        for name in FIELDS:
            setattr(rule, name, getattr(rule, f"{name}_en") or getattr(rule, name))
        rule.save(update_fields=list(FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("trade", "0005_order_rate_may_wait"),
    ]

    operations = [
        migrations.AddField(
            model_name="originrule",
            name="agreement_en",
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name="agreement or scheme"),
        ),
        migrations.AddField(
            model_name="originrule",
            name="agreement_ind",
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name="agreement or scheme"),
        ),
        migrations.AddField(
            model_name="originrule",
            name="document_en",
            field=models.CharField(
                help_text="e.g. Form D, REX statement on origin", max_length=80, null=True, verbose_name="document"
            ),
        ),
        migrations.AddField(
            model_name="originrule",
            name="document_ind",
            field=models.CharField(
                help_text="e.g. Form D, REX statement on origin", max_length=80, null=True, verbose_name="document"
            ),
        ),
        migrations.AddField(
            model_name="originrule",
            name="issued_by_en",
            field=models.CharField(blank=True, max_length=150, null=True, verbose_name="issued by"),
        ),
        migrations.AddField(
            model_name="originrule",
            name="issued_by_ind",
            field=models.CharField(blank=True, max_length=150, null=True, verbose_name="issued by"),
        ),
        migrations.AddField(
            model_name="originrule",
            name="notes_en",
            field=models.TextField(blank=True, max_length=2000, null=True, verbose_name="notes"),
        ),
        migrations.AddField(
            model_name="originrule",
            name="notes_ind",
            field=models.TextField(blank=True, max_length=2000, null=True, verbose_name="notes"),
        ),
        migrations.RunPython(translate, untranslate),
    ]
