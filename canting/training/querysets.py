"""Who may see what in training.

- programmes and sessions: staff see those of their area (and those with no area); artisans and assessors see
  every programme, to apply to or to train in; visitors see none;
- enrolments (with attendance and assessments): staff see their area's sessions'; an assessor the sessions they
  train; an artisan the enrolments of the people of their own enterprise;
- certificates: staff see those of people in their area or of their area's sessions; an artisan those of their
  enterprise's people; an assessor those of the sessions they train. A visitor reaches one certificate at a
  time, by its code, on the public verification page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from canting.core.models import Role
from canting.core.scope import signed_in, staff_area

if TYPE_CHECKING:
    from canting.core.models import User


def _programme_filter(user: Any, prefix: str = "") -> models.Q | None:
    """The condition on programmes a user may see; None when every programme is visible."""
    area = staff_area(user)
    if area:
        return models.Q(**{f"{prefix}area__isnull": True}) | models.Q(**{f"{prefix}area__code__startswith": area})
    return None


class ProgrammeQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ProgrammeQuerySet:
        if not signed_in(user):
            return self.none()
        condition = _programme_filter(user)
        return self.filter(condition) if condition is not None else self.all()


class SessionQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> SessionQuerySet:
        if not signed_in(user):
            return self.none()
        condition = _programme_filter(user, "programme__")
        return self.filter(condition) if condition is not None else self.all()


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> EnrolmentQuerySet:
        if not signed_in(user):
            return self.none()
        if user.role == Role.STAFF:
            condition = _programme_filter(user, "session__programme__")
            return self.filter(condition) if condition is not None else self.all()
        if user.role == Role.ASSESSOR:
            return self.filter(session__trainers=user)
        if user.role == Role.ARTISAN and user.enterprise_id:
            person = apps.get_model("registry", "Person")
            return self.filter(person__in=person.objects.for_user(user))
        return self.none()


class CertificateQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> CertificateQuerySet:
        if not signed_in(user):
            return self.none()
        person = apps.get_model("registry", "Person")
        if user.role == Role.STAFF:
            condition = _programme_filter(user, "enrolment__session__programme__")
            if condition is None:
                return self.all()
            return self.filter(
                condition & models.Q(enrolment__isnull=False) | models.Q(person__in=person.objects.for_user(user))
            ).distinct()
        if user.role == Role.ASSESSOR:
            return self.filter(enrolment__session__trainers=user)
        if user.role == Role.ARTISAN and user.enterprise_id:
            return self.filter(person__in=person.objects.for_user(user))
        return self.none()
