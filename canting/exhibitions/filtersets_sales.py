"""Filters of the buyer-lead list (part of exhibitions' FilterSets; kept apart from filtersets.py)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from canting.core.filtersets import OrderingFilter, SearchFilter
from canting.exhibitions.models import Lead, LeadState


class LeadFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Name or company"), fields=("name", "company"))
    state = django_filters.ChoiceFilter(label=_("Follow-up"), choices=LeadState.choices, empty_label=_("All"))
    country = django_filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries), empty_label=_("All"))
    ordering = OrderingFilter(
        fields=(("created_at", "captured"), ("name", "name"), ("country", "country"), ("state", "state")),
        field_labels={"created_at": _("Captured"), "name": _("Name"), "country": _("Country"), "state": _("Follow-up")},
    )

    class Meta:
        model = Lead
        fields = ["q", "state", "country"]
