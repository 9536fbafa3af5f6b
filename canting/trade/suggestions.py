"""The turnover form's suggestion from the export desk: the value in rupiah of the orders an enterprise shipped in
the month, offered as its export sales ("from your export orders shipped in <month>").

Registered with ``canting.turnover.suggestions`` when the app is ready (see ``apps.py``). An order counts in the
month of its shipment, at the exchange rate recorded on it (see ``canting.trade.selectors``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from canting.trade import selectors
from canting.turnover.suggestions import Suggestion


def export_orders_shipped(enterprise: Any, month: datetime.date) -> list[Suggestion]:
    """One suggestion of export sales when the enterprise shipped orders in ``month`` (one query)."""
    count, value = selectors.shipped_in_month(enterprise.pk, month)
    if not count:
        return []
    label = _("from your export orders shipped in %(month)s") % {"month": formats.date_format(month, "F Y")}
    # The order list filters by enterprise (not yet by month of shipment).
    query = urlencode({"enterprise": enterprise.pk})
    return [Suggestion("export_sales", value, label, f"{reverse('trade:order-list')}?{query}")]
