"""Who may open the export desk's URLs: orders and buyers, documents, readiness and figures, reference data.

The samples belong to ``enterprise`` (the artisan's): a complete order with its buyer, an exhibition lead of its
exhibitor, and one row of each kind of reference data. ``other_artisan`` owns none of them, so each answers 404.
"""

from __future__ import annotations

from typing import Any

from canting.trade.tests import url_roles_documents as documents
from canting.trade.tests import url_roles_orders as orders
from canting.trade.tests import url_roles_readiness as readiness
from canting.trade.tests import url_roles_reference as reference

PARTS = (orders, documents, readiness, reference)
EXPECTED = {name: answer for part in PARTS for name, answer in part.EXPECTED.items()}
TARGETS = {name: key for part in PARTS for name, key in part.TARGETS.items()}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    from canting.exhibitions.models import Lead
    from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory
    from canting.trade.models import CustomsRule, ExchangeRate, HsCode, Incoterm, MarketNote, OriginRule
    from canting.trade.tests.factories import ExchangeRateFactory, complete_order

    order = complete_order(enterprise=enterprise)
    exhibitor = ExhibitorFactory(exhibition=ExhibitionFactory(name="Pameran Sampel Ekspor"), enterprise=enterprise)
    lead = Lead.objects.create(
        exhibition=exhibitor.exhibition, exhibitor=exhibitor, name="Anna de Vries", country="NL", email="a@example.nl"
    )
    rate = ExchangeRate.objects.first() or ExchangeRateFactory()
    return {
        "trade_order": order,
        "trade_buyer": order.buyer,
        "trade_lead": lead,
        "trade_hs": HsCode.objects.first(),
        "trade_incoterm": Incoterm.objects.get(code="FCA"),
        "trade_origin": OriginRule.objects.first(),
        "trade_market": MarketNote.objects.first(),
        "trade_rate": rate,
        "trade_customs": CustomsRule.objects.first(),
    }
