from canting.certification.models.batches import Batch, DyeClass, Mordant
from canting.certification.models.certifications import (
    BATIKMARK_SCHEMES,
    REMINDER_DAYS,
    VALIDITY_MONTHS,
    Certification,
    CertificationReminder,
    CertificationStatus,
    Scheme,
)
from canting.certification.models.inspections import SIGNS, Answer, Inspection, Outcome, Resolution, outcome_of
from canting.certification.models.labels import Label, LabelCheck, LabelRun, LabelStatus
from canting.certification.models.reports import Laboratory, TestReport, TestResult, Verdict
from canting.certification.models.standards import (
    Comparator,
    Parameter,
    Standard,
    StandardStatus,
    describe_limit,
    judge,
)

__all__ = [
    "BATIKMARK_SCHEMES",
    "REMINDER_DAYS",
    "SIGNS",
    "VALIDITY_MONTHS",
    "Answer",
    "Batch",
    "Certification",
    "CertificationReminder",
    "CertificationStatus",
    "Comparator",
    "DyeClass",
    "Inspection",
    "Label",
    "LabelCheck",
    "LabelRun",
    "LabelStatus",
    "Laboratory",
    "Mordant",
    "Outcome",
    "Parameter",
    "Resolution",
    "Scheme",
    "Standard",
    "StandardStatus",
    "TestReport",
    "TestResult",
    "Verdict",
    "describe_limit",
    "judge",
    "outcome_of",
]
