"""Forms for the export desk's reference data and a product's export facts: they read what is typed; the services
in ``services/reference.py`` and ``services/products.py`` decide. ``currency_choices()`` is the desk's currency
select, named in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.core import get_global
from babel.numbers import get_currency_name, list_currencies
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from canting.core.forms import NumberField, ServiceModelForm, StyledForm, label_languages
from canting.trade.models import CustomsRule, ExchangeRate, HsCode, Incoterm, MarketNote, OriginRule, TransportMode

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATED_WIDGETS = {"valid_from": DATE_INPUT, "valid_until": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}
# the currencies a buyer is most likely to pay in come first in the select
COMMON = ("USD", "EUR", "JPY", "AUD", "SGD", "MYR", "GBP")


def _babel_locale() -> str:
    return "id" if (get_language() or "id").startswith("id") else "en"


@lru_cache(maxsize=4)
def _currency_choices(locale: str, with_rupiah: bool) -> list[tuple[str, str]]:
    territories: Any = get_global("territory_currencies")
    current = {code for rows in territories.values() for code, _start, end, tender in rows if end is None and tender}
    codes = sorted(current & set(list_currencies()))
    if not with_rupiah:
        codes = [code for code in codes if code != "IDR"]
    first = [code for code in COMMON if code in codes]
    ordered = first + [code for code in codes if code not in first]
    return [(code, f"{code} - {get_currency_name(code, locale=locale)}") for code in ordered]


def currency_choices(*, blank: bool = False, with_rupiah: bool = False) -> list[tuple[str, str]]:
    """ISO 4217 currencies in use today, as (code, "USD - US Dollar") in the reader's language, common ones first.
    ``blank`` adds an empty first choice; the rupiah is left out unless ``with_rupiah``."""
    choices = list(_currency_choices(_babel_locale(), with_rupiah))
    return [("", "---------"), *choices] if blank else choices


class CurrencyField(forms.ChoiceField):
    """A currency select whose names follow the language of the request showing it."""

    def __init__(self, *, blank: bool = False, with_rupiah: bool = False, **kwargs: Any) -> None:
        super().__init__(choices=lambda: currency_choices(blank=blank, with_rupiah=with_rupiah), **kwargs)


class HsCodeForm(ServiceModelForm):
    class Meta:
        model = HsCode
        fields = [
            "code", "national_code", "national_confirmed", "description_ind", "description_en", "article", "fibre",
            "mixed_with", "weave", "min_fibre_percent", "below_fibre_percent", "above_gsm", "up_to_gsm", "confirmed",
            "source", "valid_from", "valid_until", "notes",
        ]  # fmt: skip
        labels = {"description_ind": _("Description (Indonesian)"), "description_en": _("Description (English)")}
        widgets = DATED_WIDGETS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description_ind"].required = True
        self.fields["description_en"].required = True


class IncotermForm(ServiceModelForm):
    modes = forms.MultipleChoiceField(
        label=_("Transport modes it allows"), choices=TransportMode.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Incoterm
        fields = [
            "name_ind", "name_en", "modes", "containers", "place_meaning_ind", "place_meaning_en", "risk_passes_ind",
            "risk_passes_en", "seller_insures", "min_insured_percent", "insurance_cover", "seller_clears_import",
            "alternative", "source", "valid_from", "valid_until", "notes",
        ]  # fmt: skip
        labels = {
            "name_ind": _("Name (Indonesian)"),
            "name_en": _("Name (English)"),
            "place_meaning_ind": _("The named place is (Indonesian)"),
            "place_meaning_en": _("The named place is (English)"),
            "risk_passes_ind": _("Risk passes (Indonesian)"),
            "risk_passes_en": _("Risk passes (English)"),
        }
        widgets = DATED_WIDGETS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_ind", "name_en", "place_meaning_ind", "place_meaning_en", "risk_passes_ind"):
            self.fields[name].required = True
        if self.instance.pk:
            self.fields["alternative"].queryset = Incoterm.objects.exclude(pk=self.instance.pk)  # type: ignore[attr-defined]


class OriginRuleForm(ServiceModelForm):
    threshold_currency = CurrencyField(label=_("Currency of the threshold"), blank=True, required=False)

    class Meta:
        model = OriginRule
        fields = [
            "country", "position", "document_ind", "document_en", "agreement_ind", "agreement_en", "kind",
            "issued_by_ind", "issued_by_en", "registration_above", "threshold_currency", "statement", "scheme",
            "confirmed", "source", "valid_from", "valid_until", "notes_ind", "notes_en",
        ]  # fmt: skip
        widgets = {
            **DATED_WIDGETS,
            "statement": forms.Textarea(attrs={"rows": 4}),
            "notes_ind": forms.Textarea(attrs={"rows": 2}),
            "notes_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].help_text = _("Leave empty for the rule that answers every other destination.")
        label_languages(self)
        self.fields["document_en"].help_text = _("As the invoice names it, e.g. Statement on origin (REX).")
        for name in ("document_ind", "document_en"):
            self.fields[name].required = True


class MarketNoteForm(ServiceModelForm):
    parcel_currency = CurrencyField(label=_("Currency of the threshold"), blank=True, required=False)

    class Meta:
        model = MarketNote
        fields = [
            "country", "topic", "text_ind", "text_en", "azo_limit", "parcel_threshold", "parcel_currency", "source",
            "valid_from", "valid_until", "notes",
        ]  # fmt: skip
        labels = {"text_ind": _("Note (Indonesian)"), "text_en": _("Note (English)")}
        widgets = {
            **DATED_WIDGETS,
            "text_ind": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text_ind"].required = True


class ExchangeRateForm(ServiceModelForm):
    currency = CurrencyField(label=_("Currency"))

    class Meta:
        model = ExchangeRate
        fields = ["currency", "day", "rupiah", "source"]
        widgets = {"day": DATE_INPUT}


class CustomsRuleForm(ServiceModelForm):
    class Meta:
        model = CustomsRule
        fields = ["value", "source", "valid_from", "valid_until", "notes"]
        widgets = DATED_WIDGETS


class ProductExportForm(StyledForm):
    """The HS code the enterprise confirms (prefilled with the suggestion) and the product's export price."""

    hs_code = forms.CharField(
        label=_("HS code"), max_length=13, required=False, help_text=_("A code of the HS table, e.g. 5208.52.")
    )
    price = NumberField(
        label=_("Export price"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    currency = CurrencyField(label=_("Currency"), blank=True, required=False)
