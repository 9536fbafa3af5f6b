"""The buyer form: it parses; canting.trade.services.buyers decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm
from canting.registry.choosers import EnterpriseChoiceField
from canting.registry.models import Enterprise
from canting.trade.models import Buyer


class BuyerForm(ServiceModelForm):
    """A buyer abroad: who, where, how to reach them. Staff creating a buyer also choose its enterprise."""

    enterprise = EnterpriseChoiceField(Enterprise.objects.none(), label=_("Enterprise"))

    class Meta:
        model = Buyer
        fields = ["name", "company", "country", "address", "email", "phone", "tax_number", "notes"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if enterprises is None:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]
            self.order_fields(["enterprise", *self._meta.fields])  # type: ignore[misc]
