"""Figures read from training's records: attendance rates, whether a scheme is earned, a session's report.

Every figure is counted by the database (annotate/aggregate), so a session of any size costs the same few queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from canting.core import codes
from canting.core.site import site_url
from canting.training.models import (
    SEATED,
    Assessment,
    AssessmentResult,
    Attendance,
    Certificate,
    CompetencyUnit,
    Enrolment,
    TrainingSession,
)


def session_units(session: TrainingSession) -> QuerySet[CompetencyUnit]:
    """The units a session assesses: those it names, or else its scheme's."""
    units = session.units.all()
    if not units.exists() and session.scheme_id is not None:
        assert session.scheme is not None
        units = session.scheme.units.all()
    return units.order_by("code")


def seated(session: TrainingSession) -> QuerySet[Enrolment]:
    """The participants holding a seat in a session, by name."""
    return (
        Enrolment.objects.filter(session=session, status__in=SEATED)
        .select_related("person", "enterprise")
        .order_by("person__full_name", "pk")
    )


# Share of a session's days a participant must attend to complete an attendance-only session and to earn its
# certificate of attendance: one rule for both.
ATTENDANCE_NEEDED = 0.8


def _present_days(session: TrainingSession) -> Q:
    return Q(attendance__present=True, attendance__day__range=(session.starts_on, session.ends_on))


def with_attendance_rate(session: TrainingSession, enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """``days_present`` and ``attendance_rate`` (days present / session days, 0 to 1) on each enrolment."""
    days = len(session.days)
    return enrolments.annotate(days_present=Count("attendance", filter=_present_days(session))).annotate(
        attendance_rate=Cast(F("days_present"), FloatField()) / Value(float(days))
    )


def attendance_rate(enrolment: Enrolment) -> float:
    """One participant's days present over the session's days."""
    session = enrolment.session
    totals = Enrolment.objects.filter(pk=enrolment.pk).aggregate(
        present=Count("attendance", filter=_present_days(session))
    )
    return float(totals["present"]) / len(session.days)


def session_attendance_rate(session: TrainingSession) -> float | None:
    """Days present, summed over seated participants, over seated participants x session days; None without any."""
    totals = Enrolment.objects.filter(session=session, status__in=SEATED).aggregate(
        people=Count("pk", distinct=True), present=Count("attendance", filter=_present_days(session))
    )
    if not totals["people"]:
        return None
    return float(totals["present"]) / (totals["people"] * len(session.days))


def earned_scheme(enrolment: Enrolment) -> bool:
    """Kompeten in every unit of the session's scheme (a scheme without units is never earned)."""
    scheme = enrolment.session.scheme
    if scheme is None:
        return False
    counts = scheme.units.aggregate(
        units=Count("pk", distinct=True),
        competent=Count(
            "assessments",
            filter=Q(assessments__enrolment=enrolment, assessments__result=AssessmentResult.COMPETENT),
            distinct=True,
        ),
    )
    return bool(counts["units"]) and counts["competent"] == counts["units"]


@dataclass
class SessionReport:
    """What the office reports about one session."""

    session: TrainingSession
    seated: int
    by_status: list[tuple[str, int]]
    by_gender: list[tuple[str, int]]
    by_enterprise: list[tuple[str, int]]
    attendance_rate: float | None
    assessed: int
    earned: int
    scheme_units: int

    @property
    def pass_rate(self) -> float | None:
        """Participants who earned the scheme over those assessed at all."""
        return self.earned / self.assessed if self.assessed else None


def session_report(session: TrainingSession) -> SessionReport:
    """The figures of a session's report, each counted by the database."""
    from canting.registry.models.people import Gender
    from canting.training.models import EnrolmentStatus

    enrolments = Enrolment.objects.filter(session=session)
    seated_rows = enrolments.filter(status__in=SEATED)
    statuses = dict(enrolments.values_list("status").annotate(n=Count("pk")).order_by())
    by_status = [(str(label), statuses.get(value, 0)) for value, label in EnrolmentStatus.choices]
    genders = dict(seated_rows.values_list("person__gender").annotate(n=Count("pk")).order_by())
    by_gender = [(str(label), genders.get(value, 0)) for value, label in Gender.choices]
    by_enterprise = [
        (name or "", n)
        for name, n in seated_rows.values_list("enterprise__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "enterprise__name")
    ]
    scheme_unit_ids = list(session.scheme.units.values_list("pk", flat=True)) if session.scheme is not None else []
    competent = Subquery(
        Assessment.objects.filter(enrolment=OuterRef("pk"), result=AssessmentResult.COMPETENT, unit__in=scheme_unit_ids)
        .values("enrolment")
        .annotate(n=Count("unit", distinct=True))
        .values("n"),
        output_field=IntegerField(),
    )
    competency = seated_rows.annotate(
        competent=Coalesce(competent, 0), was_assessed=Exists(Assessment.objects.filter(enrolment=OuterRef("pk")))
    ).aggregate(
        assessed=Count("pk", filter=Q(was_assessed=True)),
        earned=Count("pk", filter=Q(was_assessed=True, competent=len(scheme_unit_ids) or -1)),
    )
    present = Attendance.objects.filter(
        enrolment__session=session,
        enrolment__status__in=SEATED,
        present=True,
        day__range=(session.starts_on, session.ends_on),
    ).count()
    total_seated = sum(genders.values())
    rate = present / (total_seated * len(session.days)) if total_seated else None
    return SessionReport(
        session=session,
        seated=total_seated,
        by_status=by_status,
        by_gender=by_gender,
        by_enterprise=by_enterprise,
        attendance_rate=rate,
        assessed=competency["assessed"],
        earned=competency["earned"],
        scheme_units=len(scheme_unit_ids),
    )


# --- public verification of a certificate ----------------------------------------------------------------
def state_titles() -> dict[str, str]:
    return {
        "valid": gettext("Valid certificate"),
        "expired": gettext("Expired certificate"),
        "revoked": gettext("Revoked certificate"),
        "unknown": gettext("Unknown certificate"),
    }


@dataclass
class Verification:
    """What the public may know of one certificate; ``facts`` is empty for an unknown code."""

    state: str
    code: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return state_titles()[self.state]


def verification_url(code: str) -> str:
    return site_url(reverse("certificate-short", args=[code]))


def verify(code: str, *, day: datetime.date | None = None) -> Verification:
    """The state and public facts of the certificate with ``code`` (typed in any form), or unknown."""
    normal = codes.normalise(code or "")
    cert = None
    if normal is not None:
        cert = Certificate.objects.select_related("person").filter(code=normal).first()
    if cert is None:
        return Verification(state="unknown")
    state = cert.state(day or timezone.localdate())
    facts = {
        "kind": cert.kind,
        "kind_text": str(cert.get_kind_display()),
        "number": cert.number,
        "holder": cert.person.full_name,
        "title": cert.title,
        "issuer": cert.issuer,
        "units": [{"code": u.get("code", ""), "title": u.get("title", "")} for u in cert.units or []],
        "issued_on": cert.issued_on,
        "expires_on": cert.expires_on,
        "revoked_on": timezone.localdate(cert.revoked_at) if state == "revoked" and cert.revoked_at else None,
        "external": cert.external,
        "issuer_licence": cert.issuer_licence,
        "scan_on_file": bool(cert.scan),
    }
    return Verification(state=state, code=cert.code, facts=facts)
