from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "canting.training"
    label = "training"
    verbose_name = _("Training and competency")

    def ready(self) -> None:
        # The assessor's home lists their sessions; the artisan's says when a competency certificate expires.
        from canting.core import daily, home
        from canting.training import tasks
        from canting.training.notices import assessor_sessions, certificate_notices

        home.register_panel(assessor_sessions)
        home.register_notices(certificate_notices)
        daily.register(tasks.expire_certificates)
