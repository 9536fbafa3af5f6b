from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "canting.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from canting.core import home
        from canting.registry.selectors import registry_counts

        home.register_counts(registry_counts)
