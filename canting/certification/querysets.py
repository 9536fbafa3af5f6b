"""Who may see what in quality and certification: one ``for_user`` per model.

- standards and laboratories are public knowledge: every signed-in role reads them; staff change them;
- batches, test reports, inspections, certifications and labels follow their enterprise: staff see those in their
  area, an artisan sees their own enterprise's, assessors and visitors none;
- a visitor reaches one label at a time, by its code, through the product passport.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from canting.core.scope import signed_in
from canting.registry.querysets import EnterpriseOwnedQuerySet

if TYPE_CHECKING:
    from canting.core.models import User


class StandardQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> StandardQuerySet:
        return self.all() if signed_in(user) else self.none()

    def in_force(self) -> StandardQuerySet:
        return self.filter(status="in_force")


class BatchQuerySet(EnterpriseOwnedQuerySet):
    pass


class TestReportQuerySet(EnterpriseOwnedQuerySet):
    def passing(self) -> TestReportQuerySet:
        return self.filter(verdict="pass")


class InspectionQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "product__enterprise"

    def open(self) -> InspectionQuerySet:
        """Suspicions not yet settled: their products stay off the public showcase."""
        return self.filter(outcome="suspected", resolution="")


class CertificationQuerySet(EnterpriseOwnedQuerySet):
    def valid(self, day: Any = None) -> CertificationQuerySet:
        """Active and not past expiry, whether or not the daily task has marked them yet."""
        return self.filter(status="active", expires_on__gte=day or timezone.localdate())


class LabelRunQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "batch__enterprise"


class LabelQuerySet(EnterpriseOwnedQuerySet):
    enterprise_path = "batch__enterprise"
