from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "canting.exhibitions"
    label = "exhibitions"
    verbose_name = _("Exhibitions and promotion")

    def ready(self) -> None:
        # Exhibition sales are offered on the monthly turnover form, and exhibitions taken part in count towards
        # the "naik kelas" readiness score.
        from canting.exhibitions.readiness import exhibitions_taken_part
        from canting.exhibitions.suggestions import sales_at_exhibitions
        from canting.turnover import readiness, suggestions
        from canting.turnover.models import CriterionKind

        suggestions.register(sales_at_exhibitions)
        readiness.register(CriterionKind.EXHIBITIONS)(exhibitions_taken_part)
