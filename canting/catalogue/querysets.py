"""Who may see what in the catalogue.

- everyone (no login): published products of active enterprises, and every motif;
- staff: every product of the enterprises in their area;
- an artisan: their own enterprise's products.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from canting.core.models import User


class MotifQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> MotifQuerySet:
        """Motifs are public knowledge: every role reads all of them; only staff change them (see views)."""
        return self.all()

    def public(self) -> MotifQuerySet:
        return self.all()


class ProductQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> ProductQuerySet:
        enterprise = apps.get_model("registry", "Enterprise")
        return self.filter(enterprise__in=enterprise.objects.for_user(user))

    def public(self) -> ProductQuerySet:
        """What the showcase shows: published pieces of active enterprises, unless held back as suspected imitation."""
        return self.filter(status="published", enterprise__status="active", quality_hold=False)
