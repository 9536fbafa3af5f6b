"""The "naik kelas" readiness criterion of exhibitions: the enterprise was selected for at least ``target``
exhibitions (default 1) that started in the 12 months up to the day assessed.

Registered with ``canting.turnover.readiness`` when the app is ready (see ``apps.py``), replacing the "no records
yet" placeholder. Two queries whatever the number of enterprises.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import ngettext

from canting.core.dates import add_months
from canting.core.links import url_maker
from canting.exhibitions import selectors
from canting.registry.models import Enterprise
from canting.turnover.models import Criterion
from canting.turnover.readiness import Result


def exhibitions_taken_part(
    enterprises: QuerySet[Enterprise], criterion: Criterion, on: datetime.date
) -> dict[int, Result]:
    target = criterion.target if criterion.target is not None else Decimal(1)
    since = add_months(on, -12) + datetime.timedelta(days=1)
    counts = selectors.exhibitions_selected(enterprises, since, on)
    history = url_maker("exhibitions:enterprise-history")
    results = {}
    for pk in enterprises.values_list("pk", flat=True):
        found = counts.get(pk, 0)
        text = ngettext("%(n)d exhibition in the last 12 months", "%(n)d exhibitions in the last 12 months", found) % {
            "n": found
        }
        results[pk] = Result(found >= target, text, history(pk))
    return results
