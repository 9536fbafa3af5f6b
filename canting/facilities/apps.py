from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "canting.facilities"
    label = "facilities"
    verbose_name = _("Centre facilities")

    def ready(self) -> None:
        # Pieces recorded on completed bookings are offered on the monthly turnover form.
        from canting.facilities.suggestions import pieces_from_bookings
        from canting.turnover import suggestions

        suggestions.register(pieces_from_bookings)

        # The artisan's home says which bookings still await the office's approval.
        from canting.core import home
        from canting.facilities.notices import booking_notices

        home.register_notices(booking_notices)
