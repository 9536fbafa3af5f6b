from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TurnoverConfig(AppConfig):
    name = "canting.turnover"
    label = "turnover"
    verbose_name = _("Turnover and business class")
