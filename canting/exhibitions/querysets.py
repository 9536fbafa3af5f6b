"""Who may see what in exhibitions.

- exhibitions and their booths: staff see their region's (by the exhibition's area); artisans see every exhibition
  (to apply) and assessors none; visitors reach only the public calendar, through ``Exhibition.objects.public()``;
- exhibitors, booth assignments, sales and leads: staff see those of their region's exhibitions; an artisan those
  of their own enterprise only (their sales and leads, never another exhibitor's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from canting.core.models import Role

if TYPE_CHECKING:
    from canting.core.models import User


def _signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _staff_area(user: Any) -> str | None:
    """The area prefix staff are kept to ('' for every area); None for anyone not staff."""
    if _signed_in(user) and user.role == Role.STAFF:
        return str(user.area_id or "")
    return None


def _artisan_enterprise(user: Any) -> int | None:
    if _signed_in(user) and user.role == Role.ARTISAN and user.enterprise_id:
        return int(user.enterprise_id)
    return None


class ExhibitionQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ExhibitionQuerySet:
        area = _staff_area(user)
        if area is not None:
            return self.filter(area__code__startswith=area) if area else self.all()
        if _artisan_enterprise(user) is not None:
            return self.all()
        return self.none()

    def public(self) -> ExhibitionQuerySet:
        return self.filter(public=True)


class BoothQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> BoothQuerySet:
        from canting.exhibitions.models import Exhibition

        return self.filter(exhibition__in=Exhibition.objects.for_user(user))


class _ByExhibitor(models.QuerySet):
    """Rows of an exhibitor: staff by the exhibition's region, an artisan by their own enterprise."""

    exhibitor_path = "exhibitor__"

    def for_user(self, user: User | Any) -> Any:
        area = _staff_area(user)
        if area is not None:
            return self.filter(**{f"{self.exhibitor_path}exhibition__area__code__startswith": area}) if area else self
        enterprise = _artisan_enterprise(user)
        if enterprise is not None:
            return self.filter(**{f"{self.exhibitor_path}enterprise_id": enterprise})
        return self.none()


class ExhibitorQuerySet(_ByExhibitor):
    exhibitor_path = ""


class AssignmentQuerySet(_ByExhibitor):
    def active(self) -> AssignmentQuerySet:
        return self.filter(active=True)


class SaleQuerySet(_ByExhibitor):
    pass


class VisitorCountQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> VisitorCountQuerySet:
        area = _staff_area(user)
        if area is None:
            return self.none()
        return self.filter(exhibition__area__code__startswith=area) if area else self.all()


class LeadQuerySet(models.QuerySet):
    """Leads: staff by the exhibition's region (also those captured for the whole exhibition); an artisan only
    the leads of their own booth."""

    def for_user(self, user: User | Any) -> LeadQuerySet:
        area = _staff_area(user)
        if area is not None:
            return self.filter(exhibition__area__code__startswith=area) if area else self.all()
        enterprise = _artisan_enterprise(user)
        if enterprise is not None:
            return self.filter(exhibitor__enterprise_id=enterprise)
        return self.none()
