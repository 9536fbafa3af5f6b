from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from canting.core.forms import AreaCodeField, SearchChoiceField
from canting.core.models import Area, AreaLevel
from canting.core.scope import scope_of


class AreaFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(label=_("Parent code"), field_name="parent_id")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=AreaLevel.choices)
    q = django_filters.CharFilter(label=_("Name contains"), field_name="name", lookup_expr="icontains")
    code = django_filters.CharFilter(label=_("Code starts with"), field_name="code", lookup_expr="startswith")

    class Meta:
        model = Area
        fields = ["parent", "level", "q", "code"]


# The largest key a 64-bit database column holds: a larger number in a query string is a typo or a probe, refused
# with a message (SQLite would otherwise fail on it).
LARGEST_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A record's number in a query string (``?enterprise=12``): a whole number from 1, else a clear refusal."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year in a query string: four digits the programme can hold (``?year=99999`` is refused)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """A search box: the rows where any of ``fields`` contains the words typed, in any case; every row when empty.

    ``distinct`` for fields across a many-valued relation, so that a row matching twice is listed once.
    """

    def __init__(self, *args: Any, fields: Sequence[str], distinct: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(fields)
        self.search_distinct = distinct

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        value = (value or "").strip()
        if not value:
            return qs
        found = qs.filter(reduce(or_, (Q(**{f"{field}__icontains": value}) for field in self.search_fields)))
        return found.distinct() if self.search_distinct else found


class OrderingFilter(django_filters.OrderingFilter):
    """Sorting choices whose labels follow the reader's language.

    django-filter formats "X (descending)" once, in the language active when the FilterSet is imported; here every
    label stays lazy and is translated when a page or the schema shows it.
    """

    def build_choices(self, fields: dict[str, str], labels: dict[str, Any]) -> list[tuple[str, Any]]:
        ascending = [(param, labels.get(field, pretty_name(param))) for field, param in fields.items()]
        descending = [
            (f"-{param}", labels.get(f"-{param}", format_lazy(_("{} (descending)"), label)))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


class AreaFilter(django_filters.Filter):
    """Rows in an area: a Kemendagri code at any level (``?area=35``, ``35.76``, ``35.76.02`` or a village), chosen
    on the page level by level (:class:`canting.core.forms.AreaCascadeWidget`), so no page writes the country's
    villages as options. ``field_name`` is the path to the row's village (or any area field).

    The officer's own area bounds the choice: the cascade starts inside it, and a code outside it is refused.
    """

    field_class = AreaCodeField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("The Kemendagri code of a province, city, district or village, e.g. 35.76.02"))
        super().__init__(*args, **kwargs)

    @property
    def field(self) -> AreaCodeField:
        field: AreaCodeField = super().field
        parent = getattr(self, "parent", None)
        field.scope = scope_of(getattr(getattr(parent, "request", None), "user", None))
        return field

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__code__startswith": value})


class SearchChoiceFilter(django_filters.ModelChoiceFilter):
    """One record of a large queryset (``?enterprise=12``), chosen through a search box rather than a select of every
    record (:class:`canting.core.forms.SearchChoiceField`); a record outside the queryset is refused as invalid.
    Give ``search_fields`` and ``options_url``, the JSON endpoint the box asks as one types."""

    field_class = SearchChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra.pop("null_value", None)  # no "none" choice here: the field takes no such argument
