"""Forms of the order pages: the order's terms, its lines (one formset) and its packages (a table with a row per
package and a column per line). They parse; canting.trade.services.orders decides."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Product
from canting.certification.models import Batch
from canting.core.forms import NumberField, ServiceModelForm, StyledForm, WholeNumberField, style_widgets
from canting.trade.forms.reference import CurrencyField
from canting.trade.models import Buyer, ClothOrigin, ExportOrder, Incoterm, OrderLine, OriginRule, PackageKind, Unit
from canting.trade.services.orders import origin_options


class BuyerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    show_enterprise = False

    def label_from_instance(self, obj: Buyer) -> str:
        label = f"{obj} · {obj.country.name}"  # type: ignore[attr-defined]
        return f"{label} · {obj.enterprise.name}" if self.show_enterprise else label


class OriginChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: OriginRule) -> str:
        return f"{obj.document} ({obj.agreement})" if obj.agreement else obj.document


class OrderForm(ServiceModelForm):
    """An order's terms. The buyer decides the destination, so the proofs of origin offered are those of the
    buyer's country on the shipment day; left empty on a new order, the suggested one is taken."""

    buyer = BuyerChoice(queryset=Buyer.objects.none(), label=_("Buyer"))
    currency = CurrencyField(label=_("Currency"))
    exchange_rate = NumberField(
        label=_("Exchange rate (Rp per unit)"),
        max_digits=16,
        decimal_places=4,
        required=False,
        help_text=_("Leave empty to take the rate on record for the currency and day."),
    )
    origin_rule = OriginChoice(queryset=OriginRule.objects.none(), label=_("Proof of origin"), required=False)

    class Meta:
        model = ExportOrder
        fields = [
            "buyer", "buyer_reference", "incoterm", "named_place", "transport", "containerised", "currency",
            "exchange_rate", "rate_date", "rate_source", "payment_terms", "port_of_loading", "port_of_discharge",
            "carrier", "estimated_shipment", "offer_valid_until", "freight", "insurance", "insured_percent",
            "insurance_cover", "origin_rule", "marks", "invoice_date", "transport_document", "notes",
        ]  # fmt: skip
        widgets = {
            "rate_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "estimated_shipment": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "offer_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "invoice_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "marks": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, buyers: QuerySet[Buyer], show_enterprise: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        buyer_field: BuyerChoice = self.fields["buyer"]  # type: ignore[assignment]
        buyer_field.queryset = buyers.select_related("enterprise").order_by("company", "name", "id")
        buyer_field.show_enterprise = show_enterprise
        self.fields["incoterm"].queryset = Incoterm.objects.holding_on(timezone.localdate())  # type: ignore[attr-defined]
        self.fields["rate_date"].required = False
        self.fields["freight"].required = False
        self.fields["insurance"].required = False
        if not self.instance.pk:
            self.initial.setdefault("rate_date", timezone.localdate())
        buyer = self._buyer(buyers)
        if buyer is not None:
            day = self._day() or timezone.localdate()
            options = origin_options(country=str(buyer.country), day=day)
            self.fields["origin_rule"].queryset = OriginRule.objects.filter(  # type: ignore[attr-defined]
                pk__in=[rule.pk for rule in options]
            )
            self.origin_options = options
            if not self.instance.pk and options and not self.is_bound:
                self.initial.setdefault("origin_rule", options[0].pk)
        else:
            self.origin_options = []
            self.fields["origin_rule"].help_text = _("Chosen from the buyer's country when left empty.")
        style_widgets(self)

    def _buyer(self, buyers: QuerySet[Buyer]) -> Buyer | None:
        raw = self.data.get(self.add_prefix("buyer")) if self.is_bound else self.initial.get("buyer")
        if raw in (None, "") and self.instance.pk:
            return self.instance.buyer
        if isinstance(raw, Buyer):
            return raw
        try:
            return buyers.filter(pk=int(raw)).first() if raw not in (None, "") else None  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def _day(self) -> Any:
        if self.is_bound:
            try:
                return forms.DateField().clean(self.data.get(self.add_prefix("estimated_shipment")) or None)
            except forms.ValidationError:
                return None
        return self.initial.get("estimated_shipment") or getattr(self.instance, "estimated_shipment", None)

    def clean_freight(self) -> Decimal:
        return self.cleaned_data.get("freight") or Decimal(0)

    def clean_insurance(self) -> Decimal:
        return self.cleaned_data.get("insurance") or Decimal(0)

    def _post_clean(self) -> None:
        # The service validates and fills (the rate on record, the suggested proof of origin); the model is not
        # checked here, where those fields may still be empty.
        pass


class LineForm(StyledForm):
    """One order line. Description and HS code may be left empty when a product is chosen: they are taken from it."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    product: forms.ModelChoiceField[Product] = forms.ModelChoiceField(
        queryset=Product.objects.none(), label=_("Product"), required=False
    )
    batch: forms.ModelChoiceField[Batch] = forms.ModelChoiceField(
        queryset=Batch.objects.none(), label=_("Batch"), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    hs_code = forms.CharField(label=_("HS code"), max_length=13, required=False)
    quantity = NumberField(label=_("Quantity"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.PIECE)
    unit_price = NumberField(label=_("Unit price"), max_digits=14, decimal_places=2, min_value=Decimal(0))
    net_weight = NumberField(label=_("Net weight (kg)"), max_digits=10, decimal_places=3, min_value=Decimal(0))
    cloth_origin = forms.ChoiceField(
        label=_("Cloth woven"),
        choices=ClothOrigin.choices,
        initial=ClothOrigin.UNKNOWN,
        required=False,
        help_text=_("Preferential origin depends on where the cloth was woven."),
    )

    def __init__(self, *args: Any, products: QuerySet[Product], batches: QuerySet[Batch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]
        self.fields["batch"].queryset = batches  # type: ignore[attr-defined]

    def row(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        data["description"] = data.get("description") or ""
        data["hs_code"] = data.get("hs_code") or ""
        data["cloth_origin"] = data.get("cloth_origin") or ClothOrigin.UNKNOWN
        return data


class BaseLineFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def rows(self) -> list[dict[str, Any]]:
        return [form.row() for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


LineFormSet = forms.formset_factory(LineForm, formset=BaseLineFormSet, extra=2, can_delete=True)


def line_initial(line: OrderLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "product": line.product_id,
        "batch": line.batch_id,
        "description": line.description,
        "hs_code": line.hs_code,
        "quantity": line.quantity,
        "unit": line.unit,
        "unit_price": line.unit_price,
        "net_weight": line.net_weight,
        "cloth_origin": line.cloth_origin,
    }


class PackageForm(StyledForm):
    """One package: its number, kind, size and weights, and a quantity for each order line (``line_<id>``)."""

    number = WholeNumberField(label=_("No."), min_value=1, max_value=32767)
    kind = forms.ChoiceField(label=_("Kind"), choices=PackageKind.choices, initial=PackageKind.CARTON)
    length_cm = WholeNumberField(label=_("L (cm)"), min_value=1, max_value=32767)
    width_cm = WholeNumberField(label=_("W (cm)"), min_value=1, max_value=32767)
    height_cm = WholeNumberField(label=_("H (cm)"), min_value=1, max_value=32767)
    gross_weight = NumberField(label=_("Gross (kg)"), max_digits=10, decimal_places=3, min_value=Decimal(0))
    net_weight = NumberField(label=_("Net (kg)"), max_digits=10, decimal_places=3, min_value=Decimal(0))

    def __init__(self, *args: Any, lines: list[OrderLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"line_{line.pk}"] = NumberField(
                label=f"{line.position}. {line.description}",
                max_digits=12,
                decimal_places=2,
                min_value=Decimal(0),
                required=False,
            )
        style_widgets(self)

    def line_fields(self) -> list[forms.BoundField]:
        return [self[f"line_{line.pk}"] for line in self.lines]

    def row(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in ("number", "kind", "length_cm", "width_cm", "height_cm")}
        data["gross_weight"] = self.cleaned_data["gross_weight"]
        data["net_weight"] = self.cleaned_data["net_weight"]
        data["contents"] = {
            line.pk: self.cleaned_data.get(f"line_{line.pk}")
            for line in self.lines
            if self.cleaned_data.get(f"line_{line.pk}")
        }
        return data


class BasePackageFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def rows(self) -> list[dict[str, Any]]:
        return [form.row() for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


PackageFormSet = forms.formset_factory(PackageForm, formset=BasePackageFormSet, extra=1, can_delete=True)


def package_initial(order: ExportOrder) -> list[dict[str, Any]]:
    rows = []
    for package in order.packages.prefetch_related("items"):
        row: dict[str, Any] = {
            name: getattr(package, name)
            for name in ("number", "kind", "length_cm", "width_cm", "height_cm", "gross_weight", "net_weight")
        }
        for item in package.items.all():
            row[f"line_{item.line_id}"] = item.quantity
        rows.append(row)
    return rows


class StatusForm(forms.Form):
    status = forms.CharField(max_length=10)
    on = forms.DateField(required=False)
