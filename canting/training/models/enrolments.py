"""Who takes part in a session, whether they came each day, and how each was assessed."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped, user_link
from canting.training.querysets import EnrolmentQuerySet


class EnrolmentStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    COMPLETED = "completed", _("Completed")


# The states that hold a seat: the quota counts these.
SEATED = (EnrolmentStatus.REGISTERED, EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED)


class Enrolment(TimeStamped):
    """One person's place in a session (for the enterprise they come from, if any)."""

    session = models.ForeignKey(
        "training.TrainingSession", verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("participant"), on_delete=models.PROTECT, related_name="enrolments"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus.choices, db_index=True)
    applied_at = models.DateTimeField(
        _("in the queue since"), null=True, blank=True, help_text=_("The waitlist is served in this order.")
    )
    invited_by = user_link(_("invited by"))
    door_code = models.CharField(
        _("door code"), max_length=16, unique=True, help_text=_("Printed as the participant's QR code for the door.")
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "status", "applied_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="training_enrolment_once",
                violation_error_message=_("This person is already on the list of this session."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"


class AttendanceMethod(models.TextChoices):
    TAP = "tap", _("Marked on the list")
    QR = "qr", _("QR code scanned at the door")


class Attendance(models.Model):
    """Whether a participant was there on one day of the session."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)
    method = models.CharField(_("how"), max_length=4, choices=AttendanceMethod.choices, default=AttendanceMethod.TAP)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "enrolment"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="training_attendance_once_a_day")]

    def __str__(self) -> str:
        return f"{self.enrolment} {self.day}: {self.present}"


class AssessmentResult(models.TextChoices):
    COMPETENT = "K", _("Kompeten")
    NOT_YET = "BK", _("Belum Kompeten")


class Assessment(TimeStamped):
    """An assessor's judgement of one participant on one competency unit."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="assessments"
    )
    unit = models.ForeignKey(
        "training.CompetencyUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assessments"
    )
    result = models.CharField(_("result"), max_length=2, choices=AssessmentResult.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"))
    evidence = models.FileField(
        _("evidence (photo of the work)"),
        upload_to="training/evidence/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp", "pdf"])],
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["enrolment", "unit"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "unit"], name="training_assessment_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.unit.code} {self.result}"
