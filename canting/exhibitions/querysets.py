"""Who may see what in exhibitions.

- exhibitions and their booths: staff see their region's (by the exhibition's area); artisans see every exhibition
  (to apply) and assessors none; visitors reach only the public calendar, through ``Exhibition.objects.public()``;
- exhibitors, booth assignments, sales and leads: staff see those of their region's exhibitions; an artisan those
  of their own enterprise only (their sales and leads, never another exhibitor's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from canting.core.scope import artisan_enterprise, staff_places

if TYPE_CHECKING:
    from canting.core.models import User


class ExhibitionQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ExhibitionQuerySet:
        places = staff_places(user, village="area__code")
        if places is not None:
            return self.filter(places)
        return self.all() if artisan_enterprise(user) is not None else self.none()

    def public(self) -> ExhibitionQuerySet:
        return self.filter(public=True)


class BoothQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> BoothQuerySet:
        from canting.exhibitions.models import Exhibition

        return self.filter(exhibition__in=Exhibition.objects.for_user(user))


class _ByExhibitor(models.QuerySet):
    """Rows of an exhibitor: staff by the exhibition's region (an exhibition is the office's shared work: an officer
    kept to one centre still sees all of it), an artisan by their own enterprise."""

    exhibitor_path = "exhibitor__"

    def for_user(self, user: User | Any) -> Any:
        places = staff_places(user, village=f"{self.exhibitor_path}exhibition__area__code")
        if places is not None:
            return self.filter(places)
        enterprise = artisan_enterprise(user)
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
        places = staff_places(user, village="exhibition__area__code")
        return self.filter(places) if places is not None else self.none()


class LeadQuerySet(models.QuerySet):
    """Leads: staff by the exhibition's region (also those captured for the whole exhibition); an artisan only
    the leads of their own booth."""

    def for_user(self, user: User | Any) -> LeadQuerySet:
        places = staff_places(user, village="exhibition__area__code")
        if places is not None:
            return self.filter(places)
        enterprise = artisan_enterprise(user)
        if enterprise is not None:
            return self.filter(exhibitor__enterprise_id=enterprise)
        return self.none()
