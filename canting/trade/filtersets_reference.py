"""One FilterSet per reference list of the export desk, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from canting.core.filtersets import OrderingFilter, SearchFilter
from canting.trade.models import (
    CustomsLimit,
    CustomsRule,
    ExchangeRate,
    HsArticle,
    HsCode,
    HsFibre,
    Incoterm,
    MarketNote,
    MarketTopic,
    OriginRule,
    ProofKind,
)

HOLDING = [("today", _("Holding today")), ("ended", _("No longer holding")), ("future", _("Not yet holding"))]


class DatedFilterSet(django_filters.FilterSet):
    """Rows holding today, those that ended, those that start later."""

    holding = django_filters.ChoiceFilter(
        label=pgettext_lazy("validity of a reference row", "Holds"),
        choices=HOLDING,
        method="by_holding",
        empty_label=_("All"),
    )

    def by_holding(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        today = timezone.localdate()
        if value == "today":
            return qs.filter(valid_from__lte=today).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        if value == "ended":
            return qs.filter(valid_until__lt=today)
        if value == "future":
            return qs.filter(valid_from__gt=today)
        return qs


def _countries() -> list[tuple[str, Any]]:
    return [(code, name) for code, name in countries]


def _countries_or_any_other() -> list[tuple[str, Any]]:
    return [("-", _("Any other destination")), *_countries()]


class CountryFilter(django_filters.ChoiceFilter):
    """A destination, named in the reader's language; ``-`` picks the rows for every other destination."""

    def __init__(self, *args: Any, blank_choice: bool = False, **kwargs: Any) -> None:
        choices = _countries_or_any_other if blank_choice else _countries
        super().__init__(*args, choices=choices, empty_label=_("All"), **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value == "-":
            return qs.filter(**{self.field_name: ""})
        return super().filter(qs, value)


class HsCodeFilterSet(DatedFilterSet):
    q = SearchFilter(label=_("Search"), fields=("code", "national_code", "description_ind", "description_en"))
    article = django_filters.ChoiceFilter(label=_("Article"), choices=HsArticle.choices, empty_label=_("All"))
    fibre = django_filters.ChoiceFilter(label=_("Fibre"), choices=HsFibre.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("code", "code"), ("article", "article"), ("valid_from", "from")),
        field_labels={"code": _("HS code"), "article": _("Article"), "valid_from": _("Holds from")},
    )

    class Meta:
        model = HsCode
        fields = ["q", "article", "fibre", "holding"]


class IncotermFilterSet(DatedFilterSet):
    q = SearchFilter(label=_("Search"), fields=("code", "name_ind", "name_en"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("position", "position"), ("code", "code")),
        field_labels={"position": _("Position"), "code": _("Code")},
    )

    class Meta:
        model = Incoterm
        fields = ["q", "holding"]


class OriginRuleFilterSet(DatedFilterSet):
    q = SearchFilter(label=_("Search"), fields=("document", "agreement", "issued_by"))
    country = CountryFilter(label=_("Destination"), blank_choice=True)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProofKind.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("country", "country"), ("document", "document"), ("valid_from", "from")),
        field_labels={"country": _("Destination"), "document": _("Document"), "valid_from": _("Holds from")},
    )

    class Meta:
        model = OriginRule
        fields = ["q", "country", "kind", "holding"]


class MarketNoteFilterSet(DatedFilterSet):
    q = SearchFilter(label=_("Search"), fields=("text_ind", "text_en", "source"))
    country = CountryFilter(label=_("Destination"))
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=MarketTopic.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("country", "country"), ("topic", "topic"), ("valid_from", "from")),
        field_labels={"country": _("Destination"), "topic": _("Topic"), "valid_from": _("Holds from")},
    )

    class Meta:
        model = MarketNote
        fields = ["q", "country", "topic", "holding"]


class ExchangeRateFilterSet(django_filters.FilterSet):
    currency = django_filters.CharFilter(label=_("Currency"), method="by_currency")
    day_from = django_filters.DateFilter(label=_("From"), field_name="day", lookup_expr="gte")
    day_until = django_filters.DateFilter(label=_("Until"), field_name="day", lookup_expr="lte")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("day", "day"), ("currency", "currency")),
        field_labels={"day": _("Day"), "currency": _("Currency")},
    )

    class Meta:
        model = ExchangeRate
        fields = ["currency", "day_from", "day_until"]

    def by_currency(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(currency=value.strip().upper()) if value.strip() else qs


class CustomsRuleFilterSet(DatedFilterSet):
    limit = django_filters.ChoiceFilter(label=_("Rule"), choices=CustomsLimit.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("limit", "rule"), ("valid_from", "from")),
        field_labels={"limit": _("Rule"), "valid_from": _("Holds from")},
    )

    class Meta:
        model = CustomsRule
        fields = ["limit", "holding"]
