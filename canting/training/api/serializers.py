"""What the training API reads and accepts. Serializers check shape only; the rules live in the services
(``canting.training.services``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canting.core.api.serializers import ScopedPrimaryKeyRelatedField
from canting.core.models import Role, User
from canting.registry.models import Person
from canting.training.models import (
    Certificate,
    CompetencyUnit,
    Enrolment,
    Programme,
    TrainingSession,
)


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    """A training programme: what it teaches, who runs and pays for it, and the area whose office runs it."""

    session_count = serializers.IntegerField(read_only=True, help_text=_("How many sessions are planned."))

    class Meta:
        model = Programme
        fields = [
            "id", "title", "kind", "year", "organiser", "partner", "funding_source", "target_group", "description",
            "area", "session_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "session_count", "created_at", "updated_at"]


class UnitSerializer(serializers.ModelSerializer[CompetencyUnit]):
    class Meta:
        model = CompetencyUnit
        fields = ["id", "code", "title", "standard"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer[TrainingSession]):
    """One run of a programme: dates, place, seats (and how many are taken), trainers and the units covered."""

    programme = ScopedPrimaryKeyRelatedField(queryset=Programme.objects.all())
    seats_taken = serializers.IntegerField(read_only=True, help_text=_("Participants holding a seat."))
    waitlisted = serializers.IntegerField(read_only=True, help_text=_("Participants on the waitlist."))
    units = serializers.PrimaryKeyRelatedField(
        many=True, queryset=CompetencyUnit.objects.all(), required=False, help_text=_("Competency units covered.")
    )
    trainers = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=User.objects.filter(role=Role.ASSESSOR),
        required=False,
        help_text=_("Assessors who train and assess."),
    )

    class Meta:
        model = TrainingSession
        fields = [
            "id", "programme", "starts_on", "ends_on", "venue", "city", "quota", "seats_taken", "waitlisted",
            "trainers", "trainer_names", "units", "scheme", "open_for_applications", "apply_by", "centre_only",
            "new_to_programme_only", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "seats_taken", "waitlisted", "created_at", "updated_at"]


class SessionUpdateSerializer(SessionSerializer):
    programme: serializers.PrimaryKeyRelatedField[Programme] = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[assignment]


class EnrolmentSerializer(serializers.ModelSerializer[Enrolment]):
    """One person's place in a session. POST applies (``session`` and ``person``): registered while seats are
    left, waitlisted after that; artisans apply for the people of their own enterprise."""

    session = ScopedPrimaryKeyRelatedField(queryset=TrainingSession.objects.all())
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all())
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id", "session", "person", "person_name", "enterprise", "status", "applied_at", "note",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "id",
            "person_name",
            "enterprise",
            "status",
            "applied_at",
            "note",
            "created_at",
            "updated_at",
        ]


class CertificateSerializer(serializers.ModelSerializer[Certificate]):
    """A certificate of attendance or of competency a person holds, with the units it certifies."""

    person_name = serializers.CharField(source="person.full_name", read_only=True)
    state = serializers.SerializerMethodField(help_text=_("valid, expired or revoked, today."))

    class Meta:
        model = Certificate
        fields = [
            "id", "kind", "number", "code", "person", "person_name", "enrolment", "scheme", "title", "issuer",
            "units", "issued_on", "expires_on", "status", "state", "external", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_state(self, obj: Certificate) -> str:
        return obj.state()
