from __future__ import annotations

from typing import Any

import django_filters
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from canting.core.models import Area, AreaLevel


class AreaFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(label=_("Parent code"), field_name="parent_id")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=AreaLevel.choices)
    q = django_filters.CharFilter(label=_("Name contains"), field_name="name", lookup_expr="icontains")
    code = django_filters.CharFilter(label=_("Code starts with"), field_name="code", lookup_expr="startswith")

    class Meta:
        model = Area
        fields = ["parent", "level", "q", "code"]


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
