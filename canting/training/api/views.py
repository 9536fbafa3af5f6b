"""The training API: programmes and sessions (every signed-in role reads, staff plan), enrolments (read in the
reader's scope, POST applies) and certificates (read only). Writes go through ``canting.training.services``."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from rest_framework import viewsets

from canting.core.api.viewsets import ServiceViewSet
from canting.core.permissions import ARTISAN, SIGNED_IN, STAFF, HasRole, current_user
from canting.training.api.serializers import (
    CertificateSerializer,
    EnrolmentSerializer,
    ProgrammeSerializer,
    SessionSerializer,
    SessionUpdateSerializer,
)
from canting.training.filtersets import (
    CertificateFilterSet,
    EnrolmentFilterSet,
    ProgrammeFilterSet,
    SessionFilterSet,
)
from canting.training.models import SEATED, Certificate, Enrolment, EnrolmentStatus, Programme, TrainingSession
from canting.training.services import enrolments, programmes

STAFF_ONLY = frozenset({STAFF})


class ProgrammeViewSet(ServiceViewSet[Programme]):
    """Training programmes. Every signed-in role reads them (staff those of their area and those with none); staff
    record and correct them."""

    allowed_roles = SIGNED_IN
    write_roles = STAFF_ONLY
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilterSet

    def get_queryset(self) -> QuerySet[Programme]:
        return cast(
            "QuerySet[Programme]",
            Programme.objects.for_user(self.request.user)
            .annotate(session_count=Count("sessions"))
            .order_by("-year", "title", "id"),
        )

    def create_with_service(self, data: dict[str, Any]) -> Programme:
        return programmes.save_programme(actor=current_user(self.request), data=data)

    def update_with_service(self, instance: Programme, changes: dict[str, Any]) -> Programme:
        return programmes.save_programme(actor=current_user(self.request), data=changes, programme=instance)


class SessionViewSet(ServiceViewSet[TrainingSession]):
    """Sessions of the programmes: dates, venue, seats and seats taken, trainers and units. Every signed-in role
    reads them; staff plan and change them. Seats never drop below the participants already seated."""

    allowed_roles = SIGNED_IN
    write_roles = STAFF_ONLY
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet

    def get_serializer_class(self) -> Any:
        if self.action == "partial_update":
            return SessionUpdateSerializer
        return super().get_serializer_class()

    def get_queryset(self) -> QuerySet[TrainingSession]:
        return cast(
            "QuerySet[TrainingSession]",
            TrainingSession.objects.for_user(self.request.user)
            .annotate(
                seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEATED)),
                waitlisted=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
            )
            .prefetch_related("units", "trainers")
            .order_by("-starts_on", "-id"),
        )

    def create_with_service(self, data: dict[str, Any]) -> TrainingSession:
        programme = data.pop("programme")
        units = data.pop("units", None)
        trainers = data.pop("trainers", None)
        return programmes.save_session(
            actor=current_user(self.request), programme=programme, data=data, units=units, trainers=trainers
        )

    def update_with_service(self, instance: TrainingSession, changes: dict[str, Any]) -> TrainingSession:
        units = changes.pop("units", None)
        trainers = changes.pop("trainers", None)
        return programmes.save_session(
            actor=current_user(self.request),
            programme=instance.programme,
            data=changes,
            units=units,
            trainers=trainers,
            session=instance,
        )


class EnrolmentViewSet(ServiceViewSet[Enrolment]):
    """Places in sessions. Staff read those of their area's sessions, an assessor those of the sessions they train,
    an artisan those of their own enterprise's people. POST applies for a person (staff for anybody they see, an
    artisan for the people of their enterprise): registered while seats are left, waitlisted after that; a refusal
    (closed, not eligible, already on the list) answers 400 with the reason."""

    allowed_roles = SIGNED_IN
    write_roles = frozenset({STAFF, ARTISAN})
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet

    def get_queryset(self) -> QuerySet[Enrolment]:
        return Enrolment.objects.for_user(self.request.user).select_related("person").order_by("session", "id")

    def create_with_service(self, data: dict[str, Any]) -> Enrolment:
        return enrolments.apply(actor=current_user(self.request), session=data["session"], person=data["person"])


class CertificateViewSet(viewsets.ReadOnlyModelViewSet[Certificate]):
    """Certificates of attendance and of competency. Staff read those of their area, an artisan those of their
    enterprise's people, an assessor those of the sessions they train. Read only: certificates are issued and
    revoked on the working pages; anyone verifies one by its code."""

    permission_classes = [HasRole]
    allowed_roles = SIGNED_IN
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet

    def get_queryset(self) -> QuerySet[Certificate]:
        return Certificate.objects.for_user(self.request.user).select_related("person").order_by("-issued_on", "-id")
