"""Buyers abroad: the list (staff: their area's enterprises; an artisan: their own), a buyer with their orders, the
form, and turning an exhibition lead into a buyer with a first inquiry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.exhibitions.models import Lead
from canting.registry.models import Enterprise
from canting.trade.filtersets import BuyerFilterSet, with_totals
from canting.trade.forms.buyers import BuyerForm
from canting.trade.models import Buyer, ExportOrder
from canting.trade.services import buyers as services

TRADERS = frozenset({STAFF, ARTISAN})
HISTORY_SHOWN = 50


class BuyerListView(FilteredListView):
    allowed_roles = TRADERS
    filterset_class = BuyerFilterSet
    template_name = "trade/buyers/buyer_list.html"
    export_name = "pembeli"
    export_columns = (
        gettext_lazy("Company"), gettext_lazy("Contact name"), gettext_lazy("Country"), gettext_lazy("Enterprise"),
        gettext_lazy("E-mail"), gettext_lazy("Phone"), gettext_lazy("Tax or importer number"), gettext_lazy("Orders"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Buyer]:
        return (
            Buyer.objects.for_user(self.request.user)
            .select_related("enterprise")
            .annotate(order_count=Count("orders"))
            .order_by("company", "name", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}

    def export_row(self, buyer: Buyer) -> Sequence[Any]:
        return [
            buyer.company, buyer.name, buyer.country.name, buyer.enterprise.name,  # type: ignore[attr-defined]
            buyer.email, buyer.phone, buyer.tax_number, buyer.order_count,  # type: ignore[attr-defined]
        ]  # fmt: skip


class BuyerCreateView(ServiceFormView):
    allowed_roles = TRADERS
    form_class = BuyerForm
    template_name = "trade/buyers/buyer_form.html"
    success_message = gettext_lazy("The buyer has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        user = current_user(self.request)
        enterprises = Enterprise.objects.for_user(user).order_by("name") if role_of(user) == STAFF else None
        return {**super().get_form_kwargs(), "enterprises": enterprises}

    def perform(self, form: BuyerForm) -> Buyer:
        user = current_user(self.request)
        enterprise = form.cleaned_data["enterprise"] if role_of(user) == STAFF else user.enterprise
        if enterprise is None:
            raise ValidationError(_("Your login belongs to no enterprise."), code="no_enterprise")
        return services.create_buyer(actor=user, enterprise=enterprise, data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("trade:buyer-detail", args=[obj.pk])


class BuyerMixin:
    buyer: Buyer

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.buyer = get_object_or_404(
            Buyer.objects.for_user(request.user).select_related("enterprise", "lead"), pk=kwargs["pk"]
        )


class BuyerEditView(BuyerMixin, ServiceFormView):
    allowed_roles = TRADERS
    form_class = BuyerForm
    template_name = "trade/buyers/buyer_form.html"
    success_message = gettext_lazy("The buyer has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.buyer}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "buyer": self.buyer}

    def perform(self, form: BuyerForm) -> Buyer:
        return services.update_buyer(
            actor=current_user(self.request), buyer=self.buyer, data=form.cleaned_data_for_model()
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("trade:buyer-detail", args=[obj.pk])


class BuyerDetailView(BuyerMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = TRADERS
    template_name = "trade/buyers/buyer_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        orders = with_totals(ExportOrder.objects.for_user(self.request.user).filter(buyer=self.buyer)).select_related(
            "incoterm"
        )
        return {
            **super().get_context_data(**kwargs),
            "buyer": self.buyer,
            "orders": orders.order_by("-year", "-sequence"),
            "history": audit.history(self.buyer).order_by("-at", "-id")[:HISTORY_SHOWN],
            "is_staff": role_of(self.request.user) == STAFF,
        }


class LeadInquiryView(RoleRequiredMixin, TemplateView):
    """An exhibition lead, and the button that makes a buyer and an inquiry of it."""

    allowed_roles = TRADERS
    template_name = "trade/buyers/lead_inquiry.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.lead = get_object_or_404(
            Lead.objects.for_user(request.user).select_related("exhibition", "exhibitor__enterprise"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        enterprise = services.lead_enterprise(self.lead)
        return {
            **super().get_context_data(**kwargs),
            "lead": self.lead,
            "enterprise": enterprise,
            "products": self.lead.products.order_by("name"),
            "buyer": Buyer.objects.filter(lead=self.lead, enterprise=enterprise).first() if enterprise else None,
            "orders": ExportOrder.objects.for_user(self.request.user).filter(buyer__lead=self.lead),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            order = services.inquiry_from_lead(actor=current_user(request), lead=self.lead)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("trade:lead-inquiry", args=[self.lead.pk]))
        messages.success(request, _("Inquiry %(number)s has been opened.") % {"number": order.number})
        return redirect(reverse("trade:order-detail", args=[order.pk]))
