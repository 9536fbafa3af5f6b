"""The export desk's reference pages (HS table, Incoterms, proof of origin, market notes, exchange rates, customs
figures: read by staff and artisans, changed by staff) and a product's export facts (its enterprise and staff)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from canting.catalogue.models import Product
from canting.core.lists import ListPage
from canting.core.pages import ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, STAFF, current_user
from canting.trade import filtersets_reference as filters
from canting.trade.forms import reference as forms
from canting.trade.hs import hs_candidates, suggest_hs
from canting.trade.models import CustomsRule, ExchangeRate, HsCode, Incoterm, MarketNote, OriginRule, ProductExport
from canting.trade.services import products as product_services
from canting.trade.services import reference as services

STAFF_ONLY = frozenset({STAFF})
READERS = frozenset({STAFF, ARTISAN})
T = "trade/reference/"


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


class ReferenceList(ListPage):
    allowed_roles = READERS

    def base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.for_user(self.request.user)  # type: ignore[union-attr,no-any-return]


class HsCodeListView(ReferenceList):
    model = HsCode
    filterset_class = filters.HsCodeFilterSet
    template_name = T + "hs_list.html"
    export_name = "hs-codes"
    export_columns = (
        gettext_lazy("HS code"), gettext_lazy("National code"), gettext_lazy("Description (Indonesian)"),
        gettext_lazy("Description (English)"), gettext_lazy("Article"), gettext_lazy("Fibre"), gettext_lazy("Weave"),
        gettext_lazy("At least (%)"), gettext_lazy("Heavier than (g/m²)"), gettext_lazy("Up to (g/m²)"),
        gettext_lazy("Confirmed"), gettext_lazy("Source"), gettext_lazy("Holds from"), gettext_lazy("Holds until"),
    )  # fmt: skip

    def export_row(self, r: HsCode) -> Sequence[Any]:
        return [
            r.code, r.national_code, r.description_ind, r.description_en, r.get_article_display(),  # type: ignore[attr-defined]
            r.get_fibre_display(), r.get_weave_display(), r.min_fibre_percent, r.above_gsm, r.up_to_gsm,
            _yes(r.confirmed), r.source, r.valid_from, r.valid_until,
        ]  # fmt: skip


class IncotermListView(ReferenceList):
    model = Incoterm
    filterset_class = filters.IncotermFilterSet
    template_name = T + "incoterm_list.html"
    export_name = "incoterms"
    export_columns = (
        gettext_lazy("Code"), gettext_lazy("Name"), gettext_lazy("Transport modes"), gettext_lazy("Fit for containers"),
        gettext_lazy("The named place is"), gettext_lazy("Risk passes"), gettext_lazy("The seller must insure"),
        gettext_lazy("The seller clears import"), gettext_lazy("Source"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Any]:
        return super().base_queryset().select_related("alternative")

    def export_row(self, r: Incoterm) -> Sequence[Any]:
        return [
            r.code, r.name, ", ".join(r.modes), _yes(r.containers), r.place_meaning, r.risk_passes,
            _yes(r.seller_insures), _yes(r.seller_clears_import), r.source,
        ]  # fmt: skip


class OriginRuleListView(ReferenceList):
    model = OriginRule
    filterset_class = filters.OriginRuleFilterSet
    template_name = T + "origin_list.html"
    export_name = "proof-of-origin"
    export_columns = (
        gettext_lazy("Destination"), gettext_lazy("Position"), gettext_lazy("Document"), gettext_lazy("Agreement"),
        gettext_lazy("Kind"), gettext_lazy("Issued by"), gettext_lazy("Registration needed above"),
        gettext_lazy("Currency"), gettext_lazy("Source"), gettext_lazy("Holds from"), gettext_lazy("Holds until"),
        gettext_lazy("Notes"),
    )  # fmt: skip

    def export_row(self, r: OriginRule) -> Sequence[Any]:
        return [
            countries.name(str(r.country)) if r.country else _("Any other destination"), r.position, r.document,
            r.agreement,
            r.get_kind_display(), r.issued_by, r.registration_above, r.threshold_currency, r.source, r.valid_from,
            r.valid_until, r.notes,
        ]  # fmt: skip


class MarketNoteListView(ReferenceList):
    model = MarketNote
    filterset_class = filters.MarketNoteFilterSet
    template_name = T + "market_list.html"
    export_name = "market-notes"
    export_columns = (
        gettext_lazy("Destination"), gettext_lazy("Topic"), gettext_lazy("Note"),
        gettext_lazy("Azo-amine limit (mg/kg)"), gettext_lazy("Small-parcel threshold"), gettext_lazy("Currency"),
        gettext_lazy("Source"),
        gettext_lazy("Holds from"), gettext_lazy("Holds until"),
    )  # fmt: skip

    def export_row(self, r: MarketNote) -> Sequence[Any]:
        return [
            countries.name(str(r.country)), r.get_topic_display(), r.text, r.azo_limit, r.parcel_threshold,
            r.parcel_currency,
            r.source, r.valid_from, r.valid_until,
        ]  # fmt: skip


class ExchangeRateListView(ReferenceList):
    model = ExchangeRate
    filterset_class = filters.ExchangeRateFilterSet
    template_name = T + "rate_list.html"
    export_name = "exchange-rates"
    export_columns = (
        gettext_lazy("Currency"),
        gettext_lazy("Day"),
        gettext_lazy("Rupiah per unit"),
        gettext_lazy("Source"),
    )

    def export_row(self, r: ExchangeRate) -> Sequence[Any]:
        return [r.currency, r.day, r.rupiah, r.source]


class CustomsRuleListView(ReferenceList):
    model = CustomsRule
    filterset_class = filters.CustomsRuleFilterSet
    template_name = T + "customs_list.html"
    export_name = "customs-rules"
    export_columns = (
        gettext_lazy("Rule"), gettext_lazy("Value"), gettext_lazy("Source"), gettext_lazy("Holds from"),
        gettext_lazy("Holds until"), gettext_lazy("Notes"),
    )  # fmt: skip

    def export_row(self, r: CustomsRule) -> Sequence[Any]:
        return [r.get_limit_display(), r.value, r.source, r.valid_from, r.valid_until, r.notes]


class ReferenceFormView(ServiceFormView):
    """Create (no ``pk``) or edit one reference row; the service named by ``save`` decides."""

    allowed_roles = STAFF_ONLY
    template_name = T + "form.html"
    model: ClassVar[type[Model]]
    list_url: ClassVar[str]
    title: ClassVar[Any]
    save: ClassVar[Callable[..., Model]]
    object_kwarg: ClassVar[str]
    success_message = gettext_lazy("%(object)s has been saved.")
    obj: Model | None = None

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        if "pk" in kwargs:
            self.obj = get_object_or_404(self.model.objects.for_user(request.user), pk=kwargs["pk"])  # type: ignore[attr-defined]

    def get_form_kwargs(self) -> dict[str, Any]:
        instance = self.model._default_manager.get(pk=self.obj.pk) if self.obj else None
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, obj=self.obj, back=reverse(self.list_url))
        if self.obj is not None:
            context.update(staff_context(self.request, self.obj))
        return context

    def perform(self, form: Any) -> Model:
        extra = {self.object_kwarg: self.obj} if self.obj is not None else {}
        return type(self).save(actor=current_user(self.request), data=form.cleaned_data_for_model(), **extra)

    def success_url_for(self, obj: Model) -> str:
        return reverse(self.list_url)


class HsCodeFormView(ReferenceFormView):
    model = HsCode
    form_class = forms.HsCodeForm
    list_url = "trade:hs-list"
    title = gettext_lazy("HS code")
    save = staticmethod(services.save_hs_code)
    object_kwarg = "row"


class IncotermFormView(ReferenceFormView):
    model = Incoterm
    form_class = forms.IncotermForm
    list_url = "trade:incoterm-list"
    title = gettext_lazy("Incoterms rule")
    save = staticmethod(services.save_incoterm)
    object_kwarg = "incoterm"


class OriginRuleFormView(ReferenceFormView):
    model = OriginRule
    form_class = forms.OriginRuleForm
    list_url = "trade:origin-list"
    title = gettext_lazy("Proof-of-origin rule")
    save = staticmethod(services.save_origin_rule)
    object_kwarg = "rule"


class MarketNoteFormView(ReferenceFormView):
    model = MarketNote
    form_class = forms.MarketNoteForm
    list_url = "trade:market-list"
    title = gettext_lazy("Market note")
    save = staticmethod(services.save_market_note)
    object_kwarg = "note"


class ExchangeRateFormView(ReferenceFormView):
    model = ExchangeRate
    form_class = forms.ExchangeRateForm
    list_url = "trade:rate-list"
    title = gettext_lazy("Exchange rate")
    save = staticmethod(services.save_exchange_rate)
    object_kwarg = "rate"


class CustomsRuleFormView(ReferenceFormView):
    model = CustomsRule
    form_class = forms.CustomsRuleForm
    list_url = "trade:customs-list"
    title = gettext_lazy("Customs rule")
    save = staticmethod(services.save_customs_rule)
    object_kwarg = "rule"


class ProductExportView(ServiceFormView):
    """A product's export facts: the suggested HS code and why, the alternatives, and the form to confirm the code
    and set the export price."""

    allowed_roles = READERS
    template_name = "trade/product_export.html"
    form_class = forms.ProductExportForm
    success_message = gettext_lazy("The export facts of %(object)s have been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.product = get_object_or_404(
            Product.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["pk"]
        )
        self.facts = ProductExport.objects.filter(product=self.product).select_related("hs_confirmed_by").first()

    def get_initial(self) -> dict[str, Any]:
        if self.facts is not None and self.facts.hs_code:
            return {"hs_code": self.facts.hs_code, "price": self.facts.price, "currency": self.facts.currency}
        suggestion = suggest_hs(self.product)
        initial: dict[str, Any] = {"hs_code": suggestion.code if suggestion and not suggestion.missing else ""}
        if self.facts is not None:
            initial.update(price=self.facts.price, currency=self.facts.currency)
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        suggestion = suggest_hs(self.product, today)
        return {
            **super().get_context_data(**kwargs),
            "product": self.product,
            "facts": self.facts,
            "suggestion": suggestion,
            "candidates": [
                row for row in hs_candidates(self.product, today) if not suggestion or row != suggestion.row
            ],
        }

    def perform(self, form: forms.ProductExportForm) -> Model:
        product_services.save_product_export(
            actor=current_user(self.request), product=self.product, data=form.cleaned_data
        )
        return self.product

    def success_url_for(self, obj: Model) -> str:
        return reverse("trade:product-export", args=[self.product.pk])
