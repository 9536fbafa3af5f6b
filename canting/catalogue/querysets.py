"""Who may see what in the catalogue.

- everyone (no login): published products of active enterprises, and every motif;
- staff: every product of the enterprises in their area;
- an artisan: their own enterprise's products.

Pictures follow what they show: a motif's are public, a product's are seen by whoever sees the product.
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


def _public_pictures() -> models.Q:
    product = apps.get_model("catalogue", "Product")
    return models.Q(motif__isnull=False) | models.Q(product__in=product.objects.public())


class PictureQuerySet(models.QuerySet):
    def public(self) -> PictureQuerySet:
        """Pictures of motifs, and of the pieces the showcase shows."""
        return self.filter(_public_pictures())

    def for_user(self, user: User | Any) -> PictureQuerySet:
        """The public pictures, and those of the products ``user`` sees (a draft's, to its maker and to staff)."""
        product = apps.get_model("catalogue", "Product")
        return self.filter(_public_pictures() | models.Q(product__in=product.objects.for_user(user)))
