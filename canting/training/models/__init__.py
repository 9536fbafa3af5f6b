from canting.training.models.certificates import Certificate, CertificateKind, CertificateStatus
from canting.training.models.competency import CompetencyScheme, CompetencyUnit
from canting.training.models.enrolments import (
    SEATED,
    Assessment,
    AssessmentResult,
    Attendance,
    AttendanceMethod,
    Enrolment,
    EnrolmentStatus,
)
from canting.training.models.programmes import Programme, ProgrammeKind, TrainingSession

__all__ = [
    "SEATED",
    "Assessment",
    "AssessmentResult",
    "Attendance",
    "AttendanceMethod",
    "Certificate",
    "CertificateKind",
    "CertificateStatus",
    "CompetencyScheme",
    "CompetencyUnit",
    "Enrolment",
    "EnrolmentStatus",
    "Programme",
    "ProgrammeKind",
    "TrainingSession",
]
