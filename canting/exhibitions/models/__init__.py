from canting.exhibitions.models.exhibitions import (
    Booth,
    BoothAssignment,
    Exhibition,
    ExhibitionKind,
    Exhibitor,
    ExhibitorStatus,
)
from canting.exhibitions.models.sales import Lead, LeadState, PaymentMethod, Sale, VisitorCount

__all__ = [
    "Booth",
    "BoothAssignment",
    "Exhibition",
    "ExhibitionKind",
    "Exhibitor",
    "ExhibitorStatus",
    "Lead",
    "LeadState",
    "PaymentMethod",
    "Sale",
    "VisitorCount",
]
