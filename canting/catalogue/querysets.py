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
from django.db.models.lookups import Exact

from canting.registry.querysets import EnterpriseOwnedQuerySet

if TYPE_CHECKING:
    from canting.core.models import User


class MotifQuerySet(models.QuerySet):
    def for_user(self, user: User | Any) -> MotifQuerySet:
        """Motifs are public knowledge: every role reads all of them; only staff change them (see views)."""
        return self.all()

    def public(self) -> MotifQuerySet:
        return self.all()


class Unindexed(models.Func):
    """A column as it is, written ``+column`` on SQLite: SQLite's documented way to keep its planner from answering a
    comparison from an index. Other databases get the plain column."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class ProductQuerySet(EnterpriseOwnedQuerySet):
    def public(self) -> ProductQuerySet:
        """What the showcase shows: published pieces of active enterprises, unless held back as suspected imitation.

        The enterprise's status is compared ``Unindexed``: nearly every enterprise is active, and with planner
        statistics (ANALYZE) SQLite otherwise starts from that index, reads every published piece of every active
        enterprise and sorts them all to show one page (14 ms for 10,000 pieces), instead of walking the pieces'
        ``(status, published_at)`` index for the newest (0.4 ms)."""
        return self.filter(Exact(Unindexed("enterprise__status"), "active"), status="published", quality_hold=False)


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
