"""Who may see what in quality and certification: one ``for_user`` per model.

- standards and laboratories are public knowledge: every signed-in role reads them; staff change them;
- batches, test reports, inspections, certifications and labels follow their enterprise: staff see those in their
  area, an artisan sees their own enterprise's, assessors and visitors none;
- a visitor reaches one label at a time, by its code, through the product passport.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from canting.core.models import User


def _enterprises(user: Any) -> models.QuerySet[Any]:
    return apps.get_model("registry", "Enterprise").objects.for_user(user)


class StandardQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> StandardQuerySet:
        return self.all() if user.is_authenticated and user.is_active else self.none()

    def in_force(self) -> StandardQuerySet:
        return self.filter(status="in_force")


class BatchQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> BatchQuerySet:
        return self.filter(enterprise__in=_enterprises(user))


class TestReportQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> TestReportQuerySet:
        return self.filter(enterprise__in=_enterprises(user))

    def passing(self) -> TestReportQuerySet:
        return self.filter(verdict="pass")


class InspectionQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> InspectionQuerySet:
        return self.filter(product__enterprise__in=_enterprises(user))

    def open(self) -> InspectionQuerySet:
        """Suspicions not yet settled: their products stay off the public showcase."""
        return self.filter(outcome="suspected", resolution="")


class CertificationQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> CertificationQuerySet:
        return self.filter(enterprise__in=_enterprises(user))

    def valid(self, day: Any = None) -> CertificationQuerySet:
        """Active and not past expiry, whether or not the daily task has marked them yet."""
        return self.filter(status="active", expires_on__gte=day or timezone.localdate())


class LabelRunQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> LabelRunQuerySet:
        return self.filter(batch__enterprise__in=_enterprises(user))


class LabelQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> LabelQuerySet:
        return self.filter(batch__enterprise__in=_enterprises(user))
