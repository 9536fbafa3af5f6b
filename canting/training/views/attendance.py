"""Attendance on a phone, the door's QR codes, the printed attendance sheet, and the assessment grid.

Staff who see the session and the session's own trainers use these pages; any other assessor gets 404. An
assessment's evidence is also given to the participant's own enterprise.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from canting.core.documents import qr_svg, render_pdf
from canting.core.models import Role
from canting.core.permissions import ARTISAN, ASSESSOR, STAFF, RoleRequiredMixin, current_user
from canting.core.site import site_url
from canting.training.forms import MarkForm, UnitAssessmentForm
from canting.training.models import Assessment, Attendance, AttendanceMethod, Enrolment, TrainingSession
from canting.training.selectors import seated, session_units
from canting.training.services import assessments as assessment_services
from canting.training.services import attendance as services

TRAINERS = frozenset({STAFF, ASSESSOR})
DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"


def visible_session(request: HttpRequest, pk: int) -> TrainingSession:
    """The session for staff who see it or for one of its trainers; 404 for anyone else."""
    user = current_user(request)
    sessions = TrainingSession.objects.for_user(user).select_related("programme", "scheme")
    if user.role == Role.ASSESSOR:
        sessions = sessions.filter(trainers=user)
    return get_object_or_404(sessions, pk=pk)


def chosen_day(session: TrainingSession, value: str | None) -> datetime.date:
    """The day asked for when it is one of the session's, else today during the session, else its first day."""
    day = parse_date(value or "") if value else None
    if day is not None and session.starts_on <= day <= session.ends_on:
        return day
    today = timezone.localdate()
    return today if session.starts_on <= today <= session.ends_on else session.starts_on


def attendance_url(session: TrainingSession, day: datetime.date) -> str:
    return reverse("training:session-attendance", args=[session.pk]) + f"?day={day.isoformat()}"


def day_rows(session: TrainingSession, day: datetime.date) -> list[Enrolment]:
    """The seated participants, each with ``mark`` (their attendance that day, or None)."""
    rows: list[Enrolment] = list(
        seated(session).prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.filter(day=day), to_attr="marks")
        )
    )
    for row in rows:
        row.mark = row.marks[0] if row.marks else None  # type: ignore[attr-defined]
    return rows


def present_count(session: TrainingSession, day: datetime.date) -> int:
    return Attendance.objects.filter(enrolment__in=seated(session), day=day, present=True).count()


class SessionPageMixin:
    session: TrainingSession

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.session = visible_session(request, kwargs["pk"])


class AttendanceView(SessionPageMixin, RoleRequiredMixin, View):
    """One day of a session on a phone: each participant a big button, present or absent in one tap."""

    allowed_roles = TRAINERS
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = self.session
        day = chosen_day(session, request.GET.get("day"))
        rows = day_rows(session, day)
        context = {
            "session": session,
            "day": day,
            "days": [(d, attendance_url(session, d)) for d in session.days],
            "rows": rows,
            "present": len([row for row in rows if row.mark is not None and row.mark.present]),  # type: ignore[attr-defined]
            "total": len(rows),
        }
        return render(request, "training/attendance.html", context)


class MarkView(SessionPageMixin, RoleRequiredMixin, View):
    """The tap: sets one participant present or absent for one day. HTMX gets the row back; a plain form post
    goes back to the list."""

    allowed_roles = TRAINERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = MarkForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("The mark could not be read."), status=400)
        data = form.cleaned_data
        enrolment = get_object_or_404(seated(self.session), pk=data["enrolment"])
        error = ""
        try:
            services.mark(actor=current_user(request), enrolment=enrolment, day=data["day"], present=data["present"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if not getattr(request, "htmx", False):
            if error:
                messages.error(request, error)
            return redirect(attendance_url(self.session, data["day"]))
        day = data["day"]
        row = next(r for r in day_rows(self.session, day) if r.pk == enrolment.pk)
        response = render(
            request,
            "training/attendance_row.html",
            {"row": row, "session": self.session, "day": day, "error": error, "oob_count": True,
             "present": present_count(self.session, day), "total": seated(self.session).count()},
        )  # fmt: skip
        return response


class SheetPdfView(SessionPageMixin, RoleRequiredMixin, View):
    """The attendance sheet to print: a row per participant, a column per day, with room to sign."""

    allowed_roles = TRAINERS

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = self.session
        rows = seated(session).prefetch_related("attendance")
        marks = {"present": _("Present"), "absent": _("Absent")}
        data = {
            **header(session),
            "title": _("Attendance sheet"),
            "days": [date_format(d, "D d/m") for d in session.days],
            "labels": {"no": _("No."), "name": _("Name"), "enterprise": _("Enterprise"), "signature": _("Signature")},
            "rows": [
                {
                    "name": row.person.full_name,
                    "enterprise": row.enterprise.name if row.enterprise else "",
                    "marks": [
                        marks["present" if a.present else "absent"] if (a := by_day(row).get(d)) else ""
                        for d in session.days
                    ],
                }
                for row in rows
            ],
        }
        return pdf_response(render_pdf(DOCUMENTS / "attendance_sheet.typ", data), f"attendance-{session.pk}.pdf")


def by_day(enrolment: Enrolment) -> dict[datetime.date, Attendance]:
    return {a.day: a for a in enrolment.attendance.all()}


def header(session: TrainingSession) -> dict[str, str]:
    first, last = date_format(session.starts_on, "j F Y"), date_format(session.ends_on, "j F Y")
    return {
        "programme": session.programme.title,
        "organiser": session.programme.organiser,
        "dates": first if first == last else f"{first} \u2013 {last}",
        "venue": f"{session.venue}, {session.city}",
    }


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def door_url(enrolment: Enrolment) -> str:
    """The address in a participant's door QR code."""
    return site_url(reverse("training:door-checkin", args=[enrolment.door_code]))


def door_codes_data(session: TrainingSession) -> dict[str, Any]:
    return {
        **header(session),
        "hint": _("Scan with the phone's camera at the door to mark the participant present."),
        "codes": [
            {
                "name": row.person.full_name,
                "enterprise": row.enterprise.name if row.enterprise else "",
                "url": door_url(row),
                "qr": qr_svg(door_url(row)),
            }
            for row in seated(session)
        ],
    }


class DoorCodesPdfView(SessionPageMixin, RoleRequiredMixin, View):
    """Each participant's QR code, to hand out or stick on a name card: the trainer scans it at the door."""

    allowed_roles = TRAINERS

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        data = door_codes_data(self.session)
        if not data["codes"]:
            # An empty sheet would look like a printing fault; say why there is nothing to print instead.
            messages.error(request, _("No one is enrolled in this session yet, so there are no door codes to print."))
            return redirect("training:session-attendance", pk=self.session.pk)
        return pdf_response(render_pdf(DOCUMENTS / "door_codes.typ", data), f"door-codes-{self.session.pk}.pdf")


class DoorView(RoleRequiredMixin, View):
    """Where a door QR code leads: the trainer confirms, and the participant is present today."""

    allowed_roles = TRAINERS
    enrolment: Enrolment

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        enrolments = Enrolment.objects.for_user(request.user).select_related(
            "person", "enterprise", "session__programme"
        )
        self.enrolment = get_object_or_404(enrolments, door_code=kwargs["code"])

    def render_page(self, request: HttpRequest, **extra: Any) -> HttpResponse:
        session = self.enrolment.session
        today = timezone.localdate()
        mark = Attendance.objects.filter(enrolment=self.enrolment, day=today).first()
        context = {
            "enrolment": self.enrolment,
            "session": session,
            "today": today,
            "in_session": session.starts_on <= today <= session.ends_on,
            "mark": mark,
            "list_url": attendance_url(session, chosen_day(session, None)),
            **extra,
        }
        return render(request, "training/door_checkin.html", context)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        try:
            services.mark(
                actor=current_user(request),
                enrolment=self.enrolment,
                day=timezone.localdate(),
                present=True,
                method=AttendanceMethod.QR,
            )
        except ValidationError as exc:
            return self.render_page(request, error=" ".join(exc.messages))
        messages.success(request, _("%(person)s is present today.") % {"person": self.enrolment.person})
        return redirect(request.path)


class AssessmentView(SessionPageMixin, RoleRequiredMixin, View):
    """The assessment grid: one card per participant, a row per unit with Kompeten / Belum Kompeten, the date,
    notes and a photo or PDF of the work. Each card is saved on its own."""

    allowed_roles = TRAINERS

    def cards(self, posted: Enrolment | None = None, forms: dict[int, UnitAssessmentForm] | None = None) -> Any:
        units = list(session_units(self.session))
        rows = seated(self.session).prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.select_related("assessor"))
        )
        cards = []
        for row in rows:
            done = {a.unit_id: a for a in row.assessments.all()}
            items = []
            for unit in units:
                assessment = done.get(unit.pk)
                if posted is not None and forms is not None and row.pk == posted.pk:
                    form = forms[unit.pk]
                else:
                    form = UnitAssessmentForm(
                        prefix=f"u{unit.pk}",
                        initial={
                            "result": assessment.result if assessment else "",
                            "assessed_on": assessment.assessed_on if assessment else timezone.localdate(),
                            "notes": assessment.notes if assessment else "",
                        },
                    )
                items.append({"unit": unit, "assessment": assessment, "form": form})
            cards.append({"enrolment": row, "items": items})
        return units, cards

    def render_page(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        units, cards = self.cards(**kwargs)
        return render(request, "training/assessments.html", {"session": self.session, "units": units, "cards": cards})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enrolment = get_object_or_404(seated(self.session), pk=request.POST.get("enrolment", ""))
        units = list(session_units(self.session))
        forms = {unit.pk: UnitAssessmentForm(request.POST, request.FILES, prefix=f"u{unit.pk}") for unit in units}
        if not all(form.is_valid() for form in forms.values()):
            messages.error(request, _("Check the marked fields; nothing was saved."))
            return self.render_page(request, posted=enrolment, forms=forms)
        actor = current_user(request)
        saved = 0
        try:
            with transaction.atomic():
                for unit in units:
                    data = forms[unit.pk].cleaned_data
                    if not data["result"]:
                        continue
                    try:
                        assessment_services.assess(
                            actor=actor,
                            enrolment=enrolment,
                            unit=unit,
                            result=data["result"],
                            assessed_on=data["assessed_on"] or timezone.localdate(),
                            notes=data["notes"],
                            evidence=data["evidence"] or None,
                        )
                    except ValidationError as exc:
                        forms[unit.pk].add_error(
                            "evidence" if hasattr(exc, "error_dict") and "evidence" in exc.error_dict else None,
                            exc.messages,
                        )
                        raise
                    saved += 1
        except ValidationError as exc:
            messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": " ".join(exc.messages)})
            return self.render_page(request, posted=enrolment, forms=forms)
        messages.success(
            request, _("Assessment of %(person)s saved (%(n)d units).") % {"person": enrolment.person, "n": saved}
        )
        return redirect(reverse("training:session-assessments", args=[self.session.pk]) + f"#p{enrolment.pk}")


class AssessmentEvidenceView(RoleRequiredMixin, View):
    """The photo or PDF of the work an assessment rests on. It is private, kept outside the public media: served
    only to those who see the enrolment (staff of the session's area, its trainers, the participant's enterprise)."""

    allowed_roles = frozenset({STAFF, ASSESSOR, ARTISAN})

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        enrolments = Enrolment.objects.for_user(current_user(request))
        assessment = get_object_or_404(Assessment.objects.filter(enrolment__in=enrolments), pk=pk)
        if not assessment.evidence:
            raise Http404
        return FileResponse(
            assessment.evidence.open("rb"), as_attachment=True, filename=Path(assessment.evidence.name or "").name
        )
