"""Who may open exhibitions' sales, visitor and lead URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

The samples are an exhibition where ``artisan``'s enterprise is a selected exhibitor, one of its sales and one of
its leads: ``other_artisan`` is not an exhibitor there, so every object answers 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

LOGIN = 302

# Answers per role, in order staff, artisan, other_artisan, assessor, visitor.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "exhibitions:sales": (200, 200, 404, 403, LOGIN),
    "exhibitions:sale-edit": (200, 200, 404, 403, LOGIN),
    "exhibitions:sale-delete": (405, 405, 404, 403, LOGIN),
    "exhibitions:visitors": (200, 403, 403, 403, LOGIN),
    "exhibitions:lead-list": (200, 200, 404, 403, LOGIN),
    "exhibitions:lead-create": (200, 200, 404, 403, LOGIN),
    "exhibitions:lead-detail": (200, 200, 404, 403, LOGIN),
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    from canting.exhibitions.models import Lead
    from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory, SaleFactory

    exhibition = ExhibitionFactory(name="Pameran Sampel Penjualan")
    exhibitor = ExhibitorFactory(exhibition=exhibition, enterprise=enterprise)
    sale = SaleFactory(exhibitor=exhibitor, amount=Decimal(250_000))
    lead = Lead.objects.create(
        exhibition=exhibition, exhibitor=exhibitor, name="Kenji Sato", country="JP", email="k@example.jp"
    )
    return {"sales_exhibition": exhibition, "sales_exhibitor": exhibitor, "sales_sale": sale, "sales_lead": lead}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "exhibitions:sales": "sales_exhibitor",
    "exhibitions:sale-edit": "sales_sale",
    "exhibitions:sale-delete": "sales_sale",
    "exhibitions:visitors": "sales_exhibition",
    "exhibitions:lead-list": "sales_exhibition",
    "exhibitions:lead-create": "sales_exhibition",
    "exhibitions:lead-detail": "sales_lead",
}
