from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TurnoverConfig(AppConfig):
    name = "canting.turnover"
    label = "turnover"
    verbose_name = _("Turnover and business class")

    def ready(self) -> None:
        # The artisan's home says when a report is due or came back for correction.
        from canting.core import daily, home
        from canting.turnover import tasks
        from canting.turnover.notices import turnover_notices

        home.register_notices(turnover_notices)
        daily.register(
            tasks.rebuild_totals,
            tasks.reassess_and_follow_up,
            tasks.refresh_all_readiness,
            tasks.remind_late_reporters,
        )
