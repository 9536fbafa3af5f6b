"""Forms of the buyer-lead pages: they parse; canting.exhibitions.services.leads decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from canting.catalogue.models import Product
from canting.core.forms import ServiceModelForm, StyledForm
from canting.exhibitions.models import Exhibitor, Lead, LeadState

HOME = "ID"


def country_choices() -> list[tuple[str, str]]:
    """Indonesia first (most buyers at a city fair are local), then every ISO country by name."""
    rest = [(code, str(name)) for code, name in countries if code != HOME]
    return [("", "---------"), (HOME, str(countries.name(HOME))), *rest]


class BoothChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Exhibitor) -> str:
        return obj.enterprise.name


class ProductChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Checkboxes of products; the enterprise is named when several booths' catalogues are offered."""

    show_enterprise = False

    def label_from_instance(self, obj: Product) -> str:
        return f"{obj.name} · {obj.enterprise.name}" if self.show_enterprise else obj.name


class LeadForm(ServiceModelForm):
    """An interested buyer: who, from where, how to reach them, what they liked. Staff also choose the booth (or
    none: a lead for the whole exhibition); an artisan's lead is their own booth's."""

    exhibitor = BoothChoice(
        queryset=Exhibitor.objects.none(),
        label=_("Booth"),
        required=False,
        empty_label=_("The whole exhibition"),
    )
    products = ProductChoices(
        queryset=Product.objects.none(),
        label=_("Products of interest"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Lead
        fields = ["name", "company", "country", "email", "phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self,
        *args: Any,
        booths: QuerySet[Exhibitor] | None,
        products: QuerySet[Product],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        product_field = self.fields["products"]
        assert isinstance(product_field, ProductChoices)
        product_field.queryset = products
        if booths is None:
            del self.fields["exhibitor"]
        else:
            self.fields["exhibitor"].queryset = booths  # type: ignore[attr-defined]
            product_field.show_enterprise = True
        self.order_fields(["exhibitor", "name", "company", "country", "email", "phone", "products", "notes"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not (data.get("phone") or "").strip() and not self.has_error("email"):
            raise forms.ValidationError(
                _("Give an e-mail address or a phone number to reach the buyer."), code="unreachable"
            )
        return data

    def _post_clean(self) -> None:
        # The service validates the lead (with its booth and captured_by); the model form checks fields only.
        pass


class FollowUpForm(StyledForm):
    """Where following the lead up stands, and what was said."""

    state = forms.ChoiceField(label=_("Follow-up"), choices=LeadState.choices)
    notes = forms.CharField(label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, lead: Lead, next_states: tuple[str, ...], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"state": lead.state, "notes": lead.notes})
        super().__init__(*args, **kwargs)
        allowed = {lead.state, *next_states}
        self.fields["state"].choices = [(v, label) for v, label in LeadState.choices if v in allowed]  # type: ignore[attr-defined]
