"""Who may see what in the registry: one ``for_user`` per model, used by pages, API, exports and dashboards, on the
rules of ``canting.core.scope``:

- staff see everything in their working area (every area when they have none), and only their centre's when their
  account names one;
- an artisan sees their own enterprise and what hangs off it;
- assessors and visitors see nothing here.

``EnterpriseOwnedQuerySet`` is the base of every app's rows that belong to one enterprise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q

from canting.core.scope import artisan_enterprise, staff_area, staff_centre, staff_places

if TYPE_CHECKING:
    from canting.core.models import User


class CentreQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> CentreQuerySet:
        places = staff_places(user, village="village__code", centre="pk")
        if places is not None:
            return self.filter(places)
        mine = artisan_enterprise(user)
        return self.filter(enterprises__id=mine) if mine is not None else self.none()


class EnterpriseQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> EnterpriseQuerySet:
        places = staff_places(user, village="village__code", centre="centre_id")
        if places is not None:
            return self.filter(places)
        mine = artisan_enterprise(user)
        return self.filter(pk=mine) if mine is not None else self.none()

    def with_totals(self) -> EnterpriseQuerySet:
        return self.annotate(workers_count=models.F("workers_men") + models.F("workers_women"))

    def public(self) -> EnterpriseQuerySet:
        """What a visitor may read about on the showcase: active enterprises only."""
        return self.filter(status="active")

    def registered(self) -> EnterpriseQuerySet:
        """Enterprises past review: the registry proper (applicants wait in the review queue)."""
        return self.exclude(status="applicant")


class EnterpriseOwnedQuerySet(models.QuerySet):
    """Rows that hang off one enterprise, visible exactly when their enterprise is (``Enterprise.for_user``).
    ``enterprise_path`` is the field path from the row to its enterprise; every app's owned rows use this base."""

    enterprise_path: ClassVar[str] = "enterprise"

    def for_user(self, user: User | Any) -> Any:
        visible = apps.get_model("registry", "Enterprise").objects.for_user(user)
        return self.filter(**{f"{self.enterprise_path}__in": visible})


class PersonQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> PersonQuerySet:
        membership = apps.get_model("registry", "Membership")
        places = staff_places(user, village="enterprise__village__code", centre="enterprise__centre_id")
        if places is not None:
            if places == Q():
                return self.all()
            works_there = Exists(membership.objects.filter(places, person=OuterRef("pk")))
            if staff_centre(user) is not None:
                return self.filter(works_there)  # a centre's officer sees the people of its enterprises
            return self.filter(Q(village__code__startswith=staff_area(user)) | works_there)
        mine = artisan_enterprise(user)
        if mine is not None:
            return self.filter(Exists(membership.objects.filter(person=OuterRef("pk"), enterprise_id=mine)))
        return self.none()

    def registered(self) -> PersonQuerySet:
        """People past review: those whose only tie is a pending or refused registration are left out."""
        return self.exclude(applications__status__in=["pending", "rejected"])


class MembershipQuerySet(EnterpriseOwnedQuerySet):
    pass


class FacilitationQuerySet(EnterpriseOwnedQuerySet):
    pass


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ApplicationQuerySet:
        places = staff_places(user, village="enterprise__village__code", centre="enterprise__centre_id")
        return self.filter(places) if places is not None else self.none()
