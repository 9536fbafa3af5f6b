"""Export orders: the list, an order with its lines, packages, checks and history, its terms, its lines and packages
(one form page each), and the buttons that move it from inquiry to payment."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.catalogue.models import Product
from canting.certification.models import Batch
from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceActionView, ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.trade.checks import preference_of, run_checks
from canting.trade.documents.pack import line_amount, order_totals
from canting.trade.filtersets import ExportOrderFilterSet, with_totals
from canting.trade.forms.orders import (
    LineFormSet,
    OrderForm,
    PackageFormSet,
    StatusForm,
    line_initial,
    package_initial,
)
from canting.trade.models import Buyer, ExportOrder, OrderLine, OrderStatus, PackageItem, Unit
from canting.trade.money import round_money
from canting.trade.services import orders as services

TRADERS = frozenset({STAFF, ARTISAN})
HISTORY_SHOWN = 50
STATUS_BUTTONS: dict[str, Any] = {
    OrderStatus.QUOTATION: gettext_lazy("Send a quotation"),
    OrderStatus.CONFIRMED: gettext_lazy("Mark confirmed"),
    OrderStatus.SHIPPED: gettext_lazy("Mark shipped"),
    OrderStatus.PAID: gettext_lazy("Mark paid"),
    OrderStatus.CANCELLED: gettext_lazy("Cancel the order"),
}


class OrderListView(FilteredListView):
    allowed_roles = TRADERS
    filterset_class = ExportOrderFilterSet
    template_name = "trade/orders/order_list.html"
    export_name = "pesanan-ekspor"
    export_columns = (
        gettext_lazy("Number"), gettext_lazy("Enterprise"), gettext_lazy("Buyer"), gettext_lazy("Country"),
        gettext_lazy("Status"), gettext_lazy("Incoterms rule"), gettext_lazy("Currency"), gettext_lazy("Total"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[ExportOrder]:
        return with_totals(
            ExportOrder.objects.for_user(self.request.user)
            .select_related("enterprise", "buyer", "incoterm")
            .order_by("-year", "-sequence", "-id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}

    def export_row(self, order: ExportOrder) -> Sequence[Any]:
        return [
            order.number, order.enterprise.name, str(order.buyer), order.buyer.country.name,  # type: ignore[attr-defined]
            order.get_status_display(), order.incoterm.code, order.currency,
            round_money(order.total, order.currency),  # type: ignore[attr-defined]
        ]  # fmt: skip


def _buyers_for(request: HttpRequest) -> QuerySet[Buyer]:
    return Buyer.objects.for_user(request.user)  # type: ignore[no-any-return]


class OrderCreateView(ServiceFormView):
    allowed_roles = TRADERS
    form_class = OrderForm
    template_name = "trade/orders/order_form.html"
    success_message = gettext_lazy("Order %(object)s has been opened.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "buyers": _buyers_for(self.request),
            "show_enterprise": role_of(self.request.user) == STAFF,
        }

    def get_initial(self) -> dict[str, Any]:
        raw = self.request.GET.get("buyer", "")
        return {"buyer": int(raw)} if raw.isdigit() else {}

    def perform(self, form: OrderForm) -> ExportOrder:
        buyer = form.cleaned_data["buyer"]
        return services.create_order(
            actor=current_user(self.request), enterprise=buyer.enterprise, data=form.cleaned_data_for_model()
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("trade:order-detail", args=[obj.pk])


class OrderMixin:
    order: ExportOrder

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.order = get_object_or_404(
            ExportOrder.objects.for_user(request.user).select_related("enterprise", "buyer", "incoterm", "origin_rule"),
            pk=kwargs["pk"],
        )


class OrderEditView(OrderMixin, ServiceFormView):
    allowed_roles = TRADERS
    form_class = OrderForm
    template_name = "trade/orders/order_form.html"
    success_message = gettext_lazy("Order %(object)s has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "instance": self.order,
            "buyers": Buyer.objects.filter(enterprise_id=self.order.enterprise_id),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "order": self.order, "closed": services.is_closed(self.order)}

    def perform(self, form: OrderForm) -> ExportOrder:
        return services.update_order(
            actor=current_user(self.request), order=self.order, data=form.cleaned_data_for_model()
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("trade:order-detail", args=[obj.pk])


class OrderDetailView(OrderMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = TRADERS
    template_name = "trade/orders/order_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        order = self.order
        lines = list(order.lines.select_related("product", "batch").order_by("position", "id"))
        packages = list(
            order.packages.prefetch_related(
                Prefetch("items", queryset=PackageItem.objects.select_related("line").order_by("line__position"))
            )
        )
        totals = order_totals(order, lines, packages)
        return {
            **super().get_context_data(**kwargs),
            "order": order,
            "lines": [(line, line_amount(line, order.currency)) for line in lines],
            "packages": packages,
            "totals": totals,
            "quantities": [(Unit(unit).label, quantity) for unit, quantity in totals.quantities],
            "lines_net_weight": sum((line.net_weight for line in lines), Decimal(0)),
            "findings": run_checks(order),
            "origin_options": services.origin_options(order),
            "preference": preference_of(order),
            "buttons": [(status, STATUS_BUTTONS[status]) for status in services.next_statuses(order)],
            "closed": services.is_closed(order),
            "history": audit.history(order).order_by("-at", "-id")[:HISTORY_SHOWN],
            "is_staff": role_of(self.request.user) == STAFF,
        }


class OrderFormSetView(OrderMixin, RoleRequiredMixin, TemplateView):
    """A page that edits all of one part of an order (its lines, its packages) with one formset, saved by one
    service call, together or not at all."""

    allowed_roles = TRADERS
    saved_message: Any = ""

    def formset(self, data: Any = None) -> Any:
        raise NotImplementedError

    def save(self, request: HttpRequest, rows: Any) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "order": self.order,
            "formset": kwargs.get("formset") or self.formset(),
            "closed": services.is_closed(self.order),
            "service_errors": kwargs.get("service_errors", []),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        formset = self.formset(request.POST)
        errors: list[str] = []
        if formset.is_valid():
            try:
                self.save(request, formset.rows())
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, self.saved_message)
                return redirect(reverse("trade:order-detail", args=[self.order.pk]))
        return self.render_to_response(self.get_context_data(formset=formset, service_errors=errors))


class OrderLinesView(OrderFormSetView):
    """All of an order's lines on one page."""

    template_name = "trade/orders/order_lines.html"
    saved_message = gettext_lazy("The lines have been saved.")

    def formset(self, data: Any = None) -> Any:
        lines = self.order.lines.order_by("position", "id")
        return LineFormSet(
            data,
            initial=[line_initial(line) for line in lines],
            form_kwargs={
                "products": Product.objects.filter(enterprise_id=self.order.enterprise_id).order_by("name"),
                "batches": Batch.objects.filter(enterprise_id=self.order.enterprise_id).order_by("-started_on"),
            },
        )

    def save(self, request: HttpRequest, rows: Any) -> None:
        services.set_lines(actor=current_user(request), order=self.order, lines=rows)


class OrderPackagesView(OrderFormSetView):
    """All of an order's packages on one page: a row per package, a column per line."""

    template_name = "trade/orders/order_packages.html"
    saved_message = gettext_lazy("The packages have been saved.")

    def formset(self, data: Any = None) -> Any:
        self.lines: list[OrderLine] = list(self.order.lines.order_by("position", "id"))
        return PackageFormSet(data, initial=package_initial(self.order), form_kwargs={"lines": self.lines})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**context, "lines": self.lines}

    def save(self, request: HttpRequest, rows: Any) -> None:
        services.set_packages(actor=current_user(request), order=self.order, packages=rows)


class OrderStatusView(OrderMixin, ServiceActionView):
    allowed_roles = TRADERS

    def act(self, request: HttpRequest) -> None:
        form = StatusForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose the new status (and a valid date)."))
        order = services.change_status(
            actor=current_user(request),
            order=self.order,
            status=form.cleaned_data["status"],
            on=form.cleaned_data.get("on"),
        )
        messages.success(
            request,
            _("Order %(number)s is now %(status)s.")
            % {"number": order.number, "status": order.get_status_display().lower()},
        )

    def back_url(self) -> str:
        return reverse("trade:order-detail", args=[self.order.pk])
