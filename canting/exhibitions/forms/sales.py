"""Forms of the sales pages: they parse what was tapped or typed; canting.exhibitions.services.sales decides."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Product
from canting.core.forms import NumberField, StyledForm, WholeNumberField
from canting.exhibitions.models import PaymentMethod


def _day_choices(days: Iterable[datetime.date]) -> list[tuple[str, str]]:
    return [(day.isoformat(), date_format(day, "D d-m-Y")) for day in days]


class SaleForm(StyledForm):
    """One sale: a product (or a free description), quantity, amount and how it was paid.

    On the quick entry the payment buttons submit the form, so the payment arrives with the tap that saves. An
    empty amount means the product's price times the quantity.
    """

    day = forms.DateField(label=_("Day"), widget=forms.HiddenInput)
    product: forms.ModelChoiceField[Product] = forms.ModelChoiceField(
        queryset=Product.objects.none(), label=_("Product"), required=False
    )
    description = forms.CharField(label=_("What was sold"), max_length=200, required=False)
    quantity = WholeNumberField(
        label=_("Quantity"),
        min_value=1,
        max_value=10_000,
        initial=1,
    )
    amount = NumberField(
        label=_("Amount (Rp)"),
        min_value=1,
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    payment = forms.ChoiceField(label=_("Payment"), choices=PaymentMethod.choices)

    def __init__(
        self, *args: Any, products: QuerySet[Product], days: Iterable[datetime.date] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]
        if days is not None:
            # On the edit page the day is chosen among the exhibition's days.
            self.fields["day"].widget = forms.Select(choices=_day_choices(days), attrs={"class": "form-select"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("product") and not (data.get("description") or "").strip() and not self.errors:
            raise forms.ValidationError(_("Choose a product or describe what was sold."), code="says_nothing")
        return data


class VisitorsForm(StyledForm):
    """One number per exhibition day; an empty box means not counted."""

    def __init__(
        self, *args: Any, days: Iterable[datetime.date], counts: dict[datetime.date, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.days = list(days)
        for day in self.days:
            self.fields[self.field_name(day)] = WholeNumberField(
                label=date_format(day, "D d-m-Y"),
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=counts.get(day),
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    @staticmethod
    def field_name(day: datetime.date) -> str:
        return f"day_{day.isoformat()}"

    def counts(self) -> dict[datetime.date, int | None]:
        return {day: self.cleaned_data.get(self.field_name(day)) for day in self.days}
