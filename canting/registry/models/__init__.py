from canting.registry.models.applications import Application, ApplicationStatus
from canting.registry.models.enterprises import Centre, Enterprise, EnterpriseStatus, LegalForm, Technique
from canting.registry.models.facilitations import Facilitation, FacilitationKind, FacilitationStatus
from canting.registry.models.imports import ImportBatch, ImportStatus
from canting.registry.models.people import Gender, Membership, MembershipRole, Person

__all__ = [
    "Application",
    "ApplicationStatus",
    "Centre",
    "Enterprise",
    "EnterpriseStatus",
    "Facilitation",
    "FacilitationKind",
    "FacilitationStatus",
    "Gender",
    "ImportBatch",
    "ImportStatus",
    "LegalForm",
    "Membership",
    "MembershipRole",
    "Person",
    "Technique",
]
