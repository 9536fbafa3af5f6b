"""Daily sales at a booth, entered on a phone in a few taps, and the visitor counts staff keep per day."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.catalogue.models import Product
from canting.catalogue.selectors import ordered_pictures
from canting.core.pages import ServiceActionView, ServiceFormView, apply_service_errors
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.core.templatetags.canting import rupiah
from canting.exhibitions.forms.sales import SaleForm, VisitorsForm
from canting.exhibitions.models import Exhibition, Exhibitor, ExhibitorStatus, Sale, VisitorCount
from canting.exhibitions.services import sales as services

SELLERS = frozenset({STAFF, ARTISAN})
STAFF_ONLY = frozenset({STAFF})


def _parse_day(raw: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw or "")
    except ValueError:
        return None


def sales_url(exhibitor: Exhibitor, day: datetime.date) -> str:
    return f"{reverse('exhibitions:sales', args=[exhibitor.pk])}?day={day.isoformat()}"


class SalesView(RoleRequiredMixin, TemplateView):
    """The booth's till: products as big buttons; a tap opens a small form (quantity 1, amount the price), and a
    tap on the payment method saves. Below, the day's sales with totals per payment method."""

    allowed_roles = SELLERS
    template_name = "exhibitions/sales/sales.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibitor = get_object_or_404(
            Exhibitor.objects.for_user(request.user).select_related("exhibition", "enterprise"), pk=kwargs["pk"]
        )
        self.exhibition = self.exhibitor.exhibition
        self.days = list(services.exhibition_days(self.exhibition))
        asked = _parse_day(request.POST.get("day") if request.method == "POST" else request.GET.get("day"))
        self.day = asked if asked in self.days else services.default_day(self.exhibition)
        self.products = services.sale_products(self.exhibitor)

    def form_for(self, data: Any = None, product: Product | None = None, other: bool = False) -> SaleForm | None:
        if data is not None:
            return SaleForm(data, products=self.products)
        if product is None and not other:
            return None
        initial = {"day": self.day, "quantity": 1, "product": product, "amount": product.price if product else None}
        return SaleForm(initial=initial, products=self.products)

    def chosen(self) -> tuple[Product | None, bool]:
        raw = self.request.GET.get("product", "")
        product = self.products.filter(pk=int(raw)).first() if raw.isdigit() else None
        return product, product is None and self.request.GET.get("other") == "1"

    def day_sales(self) -> QuerySet[Sale]:
        return Sale.objects.for_user(self.request.user).filter(exhibitor=self.exhibitor, day=self.day)

    def area_context(self, form: SaleForm | None, product: Product | None, saved: Sale | None = None) -> dict[str, Any]:
        sales = self.day_sales()
        return {
            "exhibitor": self.exhibitor,
            "exhibition": self.exhibition,
            "day": self.day,
            "form": form,
            "product": product,
            "saved": saved,
            "sales": sales.select_related("product").order_by("-created_at", "-id"),
            "totals": services.totals_by_payment(sales),
            "can_sell": self.exhibitor.status == ExhibitorStatus.SELECTED,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        product, other = self.chosen()
        context = {
            **super().get_context_data(**kwargs),
            **self.area_context(kwargs.get("form") or self.form_for(product=product, other=other), product),
            "days": self.days,
            "products": self.products.prefetch_related(ordered_pictures()),
            "is_staff": role_of(self.request.user) == STAFF,
        }
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "htmx", False) and ("product" in request.GET or "other" in request.GET):
            product, other = self.chosen()
            return render(
                request,
                "exhibitions/sales/_panel.html",
                self.area_context(self.form_for(product=product, other=other), product),
            )
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_for(request.POST)
        assert form is not None
        saved = None
        if form.is_valid():
            try:
                saved = services.record_sale(current_user(request), self.exhibitor, form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
        product = form.cleaned_data.get("product") if hasattr(form, "cleaned_data") else None
        if getattr(request, "htmx", False):
            context = self.area_context(None if saved else form, None if saved else product, saved)
            return render(request, "exhibitions/sales/_area.html", context)
        if saved is not None:
            messages.success(request, _("Sale saved: %(amount)s.") % {"amount": rupiah(saved.amount)})
            return redirect(sales_url(self.exhibitor, saved.day))
        return self.render_to_response(self.get_context_data(form=form))


class ForSaleMixin:
    """Finds the sale through what the reader may see: another exhibitor's sale answers 404."""

    sale: Sale

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.sale = get_object_or_404(
            Sale.objects.for_user(request.user).select_related(
                "exhibitor__exhibition", "exhibitor__enterprise", "product"
            ),
            pk=kwargs["pk"],
        )

    def back_url(self) -> str:
        return sales_url(self.sale.exhibitor, self.sale.day)


class SaleUpdateView(ForSaleMixin, ServiceFormView):
    allowed_roles = SELLERS
    form_class = SaleForm
    template_name = "exhibitions/sales/sale_form.html"
    success_message = gettext_lazy("The sale has been corrected.")

    def get_form_kwargs(self) -> dict[str, Any]:
        exhibitor = self.sale.exhibitor
        return {
            **super().get_form_kwargs(),
            "products": services.sale_products(exhibitor),
            "days": services.exhibition_days(exhibitor.exhibition),
        }

    def get_initial(self) -> dict[str, Any]:
        s = self.sale
        return {
            "day": s.day.isoformat(), "product": s.product_id, "description": s.description,
            "quantity": s.quantity, "amount": s.amount, "payment": s.payment,
        }  # fmt: skip

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "sale": self.sale, "back": self.back_url()}

    def perform(self, form: SaleForm) -> Sale:
        return services.change_sale(current_user(self.request), self.sale, form.cleaned_data)

    def success_url_for(self, obj: Any) -> str:
        return self.back_url()


class SaleDeleteView(ForSaleMixin, ServiceActionView):
    allowed_roles = SELLERS

    def act(self, request: HttpRequest) -> None:
        services.delete_sale(current_user(request), self.sale)
        messages.success(request, _("The sale has been deleted."))


class VisitorsView(ServiceFormView):
    """Staff write down how many visitors came on each day of the exhibition."""

    allowed_roles = STAFF_ONLY
    form_class = VisitorsForm
    template_name = "exhibitions/sales/visitors.html"
    success_message = gettext_lazy("Visitor counts saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(request.user), pk=kwargs["pk"])
        self.counts = dict(
            VisitorCount.objects.for_user(request.user)
            .filter(exhibition=self.exhibition)
            .values_list("day", "visitors")
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        days = services.exhibition_days(self.exhibition)
        return {**super().get_form_kwargs(), "days": days, "counts": self.counts}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "exhibition": self.exhibition,
            "total": sum(self.counts.values()),
        }

    def perform(self, form: VisitorsForm) -> Exhibition:
        services.record_visitors(current_user(self.request), self.exhibition, form.counts())
        return self.exhibition

    def success_url_for(self, obj: Any) -> str:
        return reverse("exhibitions:visitors", args=[self.exhibition.pk])
