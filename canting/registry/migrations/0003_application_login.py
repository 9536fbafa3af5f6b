"""Each approved registration names the login it made, so erasing the applicant finds that login."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link_logins(apps, schema_editor):
    """Approval made one artisan login for the enterprise with the applicant's e-mail: that is the one."""
    Application = apps.get_model("registry", "Application")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    taken = set(Application.objects.exclude(login=None).values_list("login_id", flat=True))
    for application in Application.objects.filter(status="approved", login=None).order_by("pk"):
        login = (
            User.objects.filter(enterprise_id=application.enterprise_id, email__iexact=application.email, role="artisan")
            .exclude(pk__in=taken)
            .order_by("date_joined", "pk")
            .first()
        )
        if login is not None:
            application.login = login
            application.save(update_fields=["login"])
            taken.add(login.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_enterprise_contact_email_enterprise_contact_phone"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="login",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="registration",
                to=settings.AUTH_USER_MODEL,
                verbose_name="login",
            ),
        ),
        migrations.RunPython(link_logins, migrations.RunPython.noop),
    ]
