"""Who may see what in the registry: one ``for_user`` per model, used by pages, API, exports and dashboards.

- staff see everything in their working area (every area when they have none);
- an artisan sees their own enterprise and what hangs off it;
- assessors and visitors see nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

from canting.core.models import Role

if TYPE_CHECKING:
    from canting.core.models import User


def _staff_area(user: Any) -> str | None:
    """The Kemendagri code prefix a staff user is limited to, or '' for every area; None when not staff."""
    if not user.is_authenticated or not user.is_active or user.role != Role.STAFF:
        return None
    return user.area_id or ""


class CentreQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> CentreQuerySet:
        area = _staff_area(user)
        if area is not None:
            return self.filter(village__code__startswith=area) if area else self.all()
        if user.is_authenticated and user.role == Role.ARTISAN and user.enterprise_id:
            return self.filter(enterprises__id=user.enterprise_id)
        return self.none()


class EnterpriseQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> EnterpriseQuerySet:
        area = _staff_area(user)
        if area is not None:
            return self.filter(village__code__startswith=area) if area else self.all()
        if user.is_authenticated and user.is_active and user.role == Role.ARTISAN and user.enterprise_id:
            return self.filter(pk=user.enterprise_id)
        return self.none()

    def with_totals(self) -> EnterpriseQuerySet:
        return self.annotate(workers_count=models.F("workers_men") + models.F("workers_women"))

    def public(self) -> EnterpriseQuerySet:
        """What a visitor may read about on the showcase: active enterprises only."""
        return self.filter(status="active")

    def registered(self) -> EnterpriseQuerySet:
        """Enterprises past review: the registry proper (applicants wait in the review queue)."""
        return self.exclude(status="applicant")


class PersonQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> PersonQuerySet:
        membership = apps.get_model("registry", "Membership")
        area = _staff_area(user)
        if area is not None:
            if not area:
                return self.all()
            in_area = membership.objects.filter(person=OuterRef("pk"), enterprise__village__code__startswith=area)
            return self.filter(models.Q(village__code__startswith=area) | Exists(in_area))
        if user.is_authenticated and user.is_active and user.role == Role.ARTISAN and user.enterprise_id:
            mine = membership.objects.filter(person=OuterRef("pk"), enterprise_id=user.enterprise_id)
            return self.filter(Exists(mine))
        return self.none()

    def registered(self) -> PersonQuerySet:
        """People past review: those whose only tie is a pending or refused registration are left out."""
        return self.exclude(applications__status__in=["pending", "rejected"])


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> MembershipQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(enterprise__in=enterprise.objects.for_user(user))


class FacilitationQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> FacilitationQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(enterprise__in=enterprise.objects.for_user(user))


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ApplicationQuerySet:
        area = _staff_area(user)
        if area is None:
            return self.none()
        return self.filter(enterprise__village__code__startswith=area) if area else self.all()
