"""Choosing enterprises and people among tens of thousands: by typing part of a name or number, never from a select
of every record. Lists and forms of every app use these; what they offer is what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import JsonResponse

from canting.core.filtersets import SearchChoiceFilter
from canting.core.forms import SearchChoiceField, SearchMultipleChoiceField
from canting.registry.models import Enterprise, Person

SEARCH_FIELDS = ("name", "nib")
OPTIONS_URL = "registry:enterprise-options"
PERSON_SEARCH_FIELDS = ("full_name", "nik")
PERSON_OPTIONS_URL = "registry:person-options"


class EnterpriseChoiceField(SearchChoiceField):
    """An enterprise of ``queryset``, found by name or NIB."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, search_fields=SEARCH_FIELDS, options_url=OPTIONS_URL, **kwargs)


class EnterpriseMultipleChoiceField(SearchMultipleChoiceField):
    """Enterprises of ``queryset``, each found by name or NIB."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, search_fields=SEARCH_FIELDS, options_url=OPTIONS_URL, **kwargs)


def person_label(person: Person) -> str:
    """A person as a chooser offers them: the name, and the village that tells namesakes apart."""
    return f"{person.full_name} ({person.village.name})" if person.village else person.full_name


class _PersonSearch:
    """People of a queryset, found by name or NIK and offered with their village."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        kwargs.update(search_fields=PERSON_SEARCH_FIELDS, options_url=PERSON_OPTIONS_URL)
        super().__init__(queryset.select_related("village"), **kwargs)  # type: ignore[call-arg]

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PersonChoiceField(_PersonSearch, SearchChoiceField):
    """A person of ``queryset``."""


class PersonMultipleChoiceField(_PersonSearch, SearchMultipleChoiceField):
    """People of ``queryset``."""


def options_response(chooser: SearchChoiceField, text: str) -> JsonResponse:
    """The answer an options endpoint gives a search box: at most ``MOST`` matches of ``text`` as ``{id, text}``,
    and ``more`` when others match too."""
    found = chooser.matches(text) if text else []
    return JsonResponse(
        {
            "results": [{"id": obj.pk, "text": chooser.label_from_instance(obj)} for obj in found[: chooser.MOST]],
            "more": len(found) > chooser.MOST,
        }
    )


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
