"""Read-only questions about the catalogue, above all search.

Search looks at a product's name and description and at the names, stories and meanings of its motifs, in both
languages, so a buyer finds a piece by a word of its story. PostgreSQL uses its full-text search (the 'simple'
configuration: no stemming, which suits mixed Indonesian and English); SQLite matches words as substrings.

On PostgreSQL the filter is on ``SearchVector(*fields, config="simple")``, the exact expression of the GIN indexes
``catalogue_product_search_gin`` and ``catalogue_motif_search_gin`` (migration 0002), so the planner answers it
from the index instead of computing ``to_tsvector`` over every row. Keep the field lists and the configuration in
step with that migration: any difference in the expression and the index is silently no longer used.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from canting.catalogue.models import Motif, Picture, Product

PRODUCT_TEXT = ("name_ind", "name_en", "description_ind", "description_en")
MOTIF_TEXT = ("name_ind", "name_en", "story_ind", "story_en", "meaning_ind", "meaning_en")
SEARCH_CONFIG = "simple"


def ordered_pictures() -> Prefetch:  # type: ignore[type-arg]
    """A product's or motif's pictures in their order, as ``picture_list`` (the first is the cover)."""
    return Prefetch("pictures", queryset=Picture.objects.order_by("position", "id"), to_attr="picture_list")


def _words(text: str) -> list[str]:
    return [w for w in (text or "").split() if w][:8]


def search_motifs(queryset: QuerySet[Motif], text: str) -> QuerySet[Motif]:
    words = _words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="websearch")
        return queryset.annotate(_search=SearchVector(*MOTIF_TEXT, config=SEARCH_CONFIG)).filter(_search=query)
    for word in words:
        matches = Q()
        for field in MOTIF_TEXT:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def search_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products whose own text, or whose motifs' text, holds every word of ``text``."""
    words = _words(text)
    if not words:
        return queryset
    motif_hits = search_motifs(Motif.objects.all(), text).values("pk")
    by_motif = Product.motifs.through.objects.filter(motif__in=motif_hits).values("product_id")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(" ".join(words), config=SEARCH_CONFIG, search_type="websearch")
        own = Product.objects.annotate(_search=SearchVector(*PRODUCT_TEXT, config=SEARCH_CONFIG)).filter(_search=query)
        return queryset.filter(Q(pk__in=own.values("pk")) | Q(pk__in=by_motif))
    own_matches = Q()
    for word in words:
        any_field = Q()
        for field in PRODUCT_TEXT:
            any_field |= Q(**{f"{field}__icontains": word})
        own_matches &= any_field
    return queryset.filter(own_matches | Q(pk__in=by_motif))
