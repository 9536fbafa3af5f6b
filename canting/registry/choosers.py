"""Choosing one enterprise among tens of thousands: by typing part of its name or its NIB, never from a select of
every enterprise. Lists and forms of every app use these; what they offer is what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from canting.core.filtersets import SearchChoiceFilter
from canting.core.forms import SearchChoiceField
from canting.registry.models import Enterprise

SEARCH_FIELDS = ("name", "nib")
OPTIONS_URL = "registry:enterprise-options"


class EnterpriseChoiceField(SearchChoiceField):
    """An enterprise of ``queryset``, found by name or NIB."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, search_fields=SEARCH_FIELDS, options_url=OPTIONS_URL, **kwargs)


class EnterpriseChoiceFilter(SearchChoiceFilter):
    """A list narrowed to one enterprise of ``queryset`` (usually the reader's visible ones), found by name or NIB."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, search_fields=SEARCH_FIELDS, options_url=OPTIONS_URL, **kwargs)


def enterprise_field_like(field: Any, queryset: QuerySet[Enterprise] | None = None) -> EnterpriseChoiceField:
    """The search box in place of a form's enterprise select (e.g. a foreign key's default field), with the same
    label, help, requiredness and queryset (or ``queryset``)."""
    return EnterpriseChoiceField(
        field.queryset if queryset is None else queryset,
        label=field.label,
        help_text=field.help_text,
        required=field.required,
        empty_label=field.empty_label,
    )
