"""The turnover form's suggestion from exhibitions: what an enterprise sold at its exhibitions that month, offered as
domestic sales, one suggestion per exhibition ("from your sales at <exhibition>").

Registered with ``canting.turnover.suggestions`` when the app is ready (see ``apps.py``). A sale counts in the month
of its day.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from canting.exhibitions import selectors
from canting.turnover.suggestions import Suggestion


def sales_at_exhibitions(enterprise: Any, month: datetime.date) -> list[Suggestion]:
    """One suggestion of domestic sales per exhibition the enterprise sold at in ``month`` (one query)."""
    return [
        Suggestion(
            "domestic_sales",
            Decimal(row["amount"]),
            _("from your sales at %(exhibition)s") % {"exhibition": row["exhibitor__exhibition__name"]},
            reverse("exhibitions:sales", args=[row["exhibitor"]]),
        )
        for row in selectors.sales_in_month(enterprise, month)
        if row["amount"]
    ]
