from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "canting.certification"
    label = "certification"
    verbose_name = _("Quality and certification")

    def ready(self) -> None:
        # The artisan's home says when a product certification is about to expire.
        from canting.certification import tasks
        from canting.certification.notices import certification_notices
        from canting.certification.unconfirmed import provisional_limits
        from canting.core import daily, home, unconfirmed

        home.register_notices(certification_notices)
        unconfirmed.register(provisional_limits)
        daily.register(tasks.expire_and_remind)
