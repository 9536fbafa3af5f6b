"""The fewest accepted months before annual sales may class an enterprise: six for the sales scheme, so that one
Lebaran month is never annualised into a class; none for the workers-and-investment scheme, which reads no sales."""

import django.core.validators
from django.db import migrations, models

SALES_MONTHS = 6


def six_months_for_sales(apps, schema_editor):
    apps.get_model("turnover", "ClassScheme").objects.filter(basis="sales").update(min_months=SALES_MONTHS)


class Migration(migrations.Migration):
    dependencies = [
        ("turnover", "0003_month_index_and_class_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="classscheme",
            name="min_months",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text=(
                    "The office's rule, not the regulation's: accepted monthly reports in the last 12 months needed "
                    "before annual sales may set or change a class. Fewer are not annualised into a class: one "
                    "Lebaran month would count as a whole year."
                ),
                validators=[django.core.validators.MaxValueValidator(12)],
                verbose_name="fewest months of sales",
            ),
        ),
        migrations.RunPython(six_months_for_sales, migrations.RunPython.noop),
    ]
