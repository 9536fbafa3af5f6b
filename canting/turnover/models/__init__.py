from canting.turnover.models.classes import (
    CLASS_RANK,
    BusinessClass,
    ClassCondition,
    ClassRecord,
    ClassScheme,
    Comparator,
    Measure,
    SchemeBasis,
)
from canting.turnover.models.readiness import Criterion, CriterionKind, Graduation, GraduationStatus
from canting.turnover.models.reports import (
    EDITABLE,
    FIGURE_FIELDS,
    FILED,
    PIECE_FIELDS,
    MonthlyTotal,
    ReportReminder,
    ReportState,
    TurnoverReport,
)

__all__ = [
    "CLASS_RANK",
    "EDITABLE",
    "FIGURE_FIELDS",
    "FILED",
    "PIECE_FIELDS",
    "BusinessClass",
    "ClassCondition",
    "ClassRecord",
    "ClassScheme",
    "Comparator",
    "Criterion",
    "CriterionKind",
    "Graduation",
    "GraduationStatus",
    "Measure",
    "MonthlyTotal",
    "ReportReminder",
    "ReportState",
    "SchemeBasis",
    "TurnoverReport",
]
