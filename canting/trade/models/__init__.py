from canting.trade.models.orders import ExportOrder, OrderLine, OrderStatus, Package, PackageItem, PackageKind, Unit
from canting.trade.models.parties import Buyer, ExportProfile, ProductExport
from canting.trade.models.reference import (
    ExchangeRate,
    HsArticle,
    HsCode,
    HsFibre,
    Incoterm,
    MarketNote,
    MarketTopic,
    OriginRule,
    ProofKind,
    TransportMode,
    Weave,
)

__all__ = [
    "Buyer",
    "ExchangeRate",
    "ExportOrder",
    "ExportProfile",
    "HsArticle",
    "HsCode",
    "HsFibre",
    "Incoterm",
    "MarketNote",
    "MarketTopic",
    "OrderLine",
    "OrderStatus",
    "OriginRule",
    "Package",
    "PackageItem",
    "PackageKind",
    "ProductExport",
    "ProofKind",
    "TransportMode",
    "Unit",
    "Weave",
]
