from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The deterministic Kota Mojokerto demo: it stands above every app (it loads each app's own ``demo`` module), so
    no app depends on it; ``canting demo`` and ``canting serve --demo`` load it."""

    name = "canting.demo"
    label = "demo"
    verbose_name = _("Demo data")
