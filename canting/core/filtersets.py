from __future__ import annotations

import django_filters
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
