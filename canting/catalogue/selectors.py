"""Read-only questions about the catalogue, above all search.

Search takes a query's words one by one, and each word may be found in a different place: the piece's name or
description, the name, story or meaning of one of its motifs (both languages), its product type or technique (the
code or its label in either language), or its maker's name or brand. So "kemeja merica" finds a shirt (the product
type) with the Mrico Bolong motif, whose story says that 'mrico' is pepper (merica). A piece must hold every word
somewhere. Without a chosen sort, pieces whose own name holds the words come first.

PostgreSQL uses its full-text search (the 'simple' configuration: no stemming, which suits mixed Indonesian and
English), each word as a prefix (``kemej`` finds ``kemeja``); SQLite matches words as substrings. A word is a run
of letters and digits: punctuation only separates words, on both databases alike.

On PostgreSQL the text is matched with ``SearchVector(*fields, config="simple")``, the exact expression of the GIN
indexes ``catalogue_product_search_gin`` and ``catalogue_motif_search_gin`` (migration 0002), so the planner answers
each word from the index instead of computing ``to_tsvector`` over every row. Keep the field lists and the
configuration in step with that migration: any difference in the expression and the index is silently no longer
used. Each word's matches are subqueries (hashed once per query), so an OR across places never forces
``to_tsvector`` onto every row either.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import translation

from canting.catalogue.models import Motif, Picture, Product, ProductType
from canting.registry.models import Enterprise, Technique

PRODUCT_TEXT = ("name_ind", "name_en", "description_ind", "description_en")
MOTIF_TEXT = ("name_ind", "name_en", "story_ind", "story_en", "meaning_ind", "meaning_en")
PRODUCT_NAME = ("name_ind", "name_en")
ENTERPRISE_TEXT = ("name", "brand")
SEARCH_CONFIG = "simple"
MAX_WORDS = 8
WORD = re.compile(r"\w+")


# What pages show of a picture: its copies, size, alt text and link-preview copy (not its hash or timestamps).
PICTURE_FIELDS = ("product", "motif", "position", "alt_text", "width", "height", "renditions", "share_copy")


def ordered_pictures() -> Prefetch:  # type: ignore[type-arg]
    """A product's or motif's pictures in their order, as ``picture_list`` (the first is the cover)."""
    pictures = Picture.objects.only(*PICTURE_FIELDS).order_by("position", "id")
    return Prefetch("pictures", queryset=pictures, to_attr="picture_list")


def search_words(text: str) -> list[str]:
    """The words of a query, lower-cased, each once, at most ``MAX_WORDS``."""
    return list(dict.fromkeys(w.lower() for w in WORD.findall(text or "")))[:MAX_WORDS]


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _text_matches(fields: tuple[str, ...], words: list[str]) -> Q:
    """Rows whose ``fields`` together hold every one of ``words`` (for the PostgreSQL path, see ``_vector``)."""
    matches = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        matches &= any_field
    return matches


def _with_words(queryset: QuerySet[Any], fields: tuple[str, ...], words: list[str]) -> QuerySet[Any]:
    """``queryset`` narrowed to rows whose ``fields`` hold every word: on PostgreSQL through the GIN index's very
    expression, with each word as a prefix; elsewhere as substrings."""
    if not _postgresql():
        return queryset.filter(_text_matches(fields, words))
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # Words are runs of \w, so they cannot break out of the tsquery syntax.
    query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw")
    return queryset.annotate(_search=SearchVector(*fields, config=SEARCH_CONFIG)).filter(_search=query)


def _choices_holding(choices: Any, word: str) -> list[str]:
    """The codes of ``choices`` whose code, or label in any of the site's languages, holds ``word``."""
    found = []
    for code, label in choices:
        texts = [str(code)]
        for language in ("id", "en"):
            with translation.override(language):
                texts.append(str(label))
        if any(word in text.lower() for text in texts):
            found.append(str(code))
    return found


def search_motifs(queryset: QuerySet[Motif], text: str) -> QuerySet[Motif]:
    """Motifs whose name, story and meaning (either language) together hold every word of ``text``."""
    words = search_words(text)
    return _with_words(queryset, MOTIF_TEXT, words) if words else queryset


def _word_matches(word: str) -> Q:
    """Products that hold ``word`` in any one place: their text, a motif, their type or technique, their maker."""
    own = _with_words(Product.objects.all(), PRODUCT_TEXT, [word]).values("pk")
    motifs = _with_words(Motif.objects.all(), MOTIF_TEXT, [word]).values("pk")
    by_motif = Product.motifs.through.objects.filter(motif__in=motifs).values("product_id")
    makers = Enterprise.objects.filter(_text_matches(ENTERPRISE_TEXT, [word])).values("pk")
    matches = Q(pk__in=own) | Q(pk__in=by_motif) | Q(enterprise__in=makers)
    types = _choices_holding(ProductType.choices, word)
    if types:
        matches |= Q(product_type__in=types)
    techniques = _choices_holding(Technique.choices, word)
    if techniques:
        matches |= Q(technique__in=techniques)
    return matches


def _relevance(words: list[str]) -> Case:
    """How well a piece's own text answers: two points a word in its name, one a word in its description only.

    Counted as substrings on both databases: it only orders pieces the search already found."""
    points: Any = Value(0)
    for word in words:
        points += Case(
            When(_text_matches(PRODUCT_NAME, [word]), then=Value(2)),
            When(_text_matches(PRODUCT_TEXT, [word]), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return points


def search_products(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Products holding every word of ``text``, each word anywhere (see the module's docstring), annotated with
    ``search_rank`` and ordered by it before the queryset's own order (a sort chosen later replaces both)."""
    words = search_words(text)
    if not words:
        return queryset
    for word in words:
        queryset = queryset.filter(_word_matches(word))
    ordering = [str(o) for o in (queryset.query.order_by or queryset.model._meta.ordering or [])]
    return queryset.annotate(search_rank=_relevance(words)).order_by("-search_rank", *ordering)
