from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "canting.trade"
    label = "trade"
    verbose_name = _("Export desk")

    def ready(self) -> None:
        # Export orders shipped in a month are offered on the monthly turnover form as export sales, and export
        # readiness counts towards the "naik kelas" readiness score.
        from canting.core import unconfirmed
        from canting.trade.readiness import export_readiness_criterion
        from canting.trade.suggestions import export_orders_shipped
        from canting.trade.unconfirmed import unconfirmed_reference
        from canting.turnover import readiness, suggestions
        from canting.turnover.models import CriterionKind

        unconfirmed.register(unconfirmed_reference)

        suggestions.register(export_orders_shipped)
        readiness.register(CriterionKind.EXPORT_READINESS)(export_readiness_criterion)
