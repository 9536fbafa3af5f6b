"""Artisans keep their own products here, on a phone if they like; staff keep every product of their area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from canting.catalogue import services
from canting.catalogue.filtersets import ProductFilterSet
from canting.catalogue.forms import PictureForm, ProductForm
from canting.catalogue.models import Picture, Product, ProductStatus
from canting.catalogue.selectors import ordered_pictures
from canting.catalogue.views.pictures import add_picture_from
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.registry.models import Enterprise

MAKERS = frozenset({STAFF, ARTISAN})


class ProductListView(FilteredListView):
    allowed_roles = MAKERS
    filterset_class = ProductFilterSet
    template_name = "catalogue/product_list.html"
    export_name = "produk"

    def base_queryset(self) -> QuerySet[Product]:
        return (
            Product.objects.for_user(self.request.user)
            .select_related("enterprise")
            .prefetch_related(ordered_pictures())
            .order_by("-updated_at", "-id")
        )

    def export_header(self) -> Sequence[str]:
        return [
            str(h)
            for h in (
                _("SKU"),
                _("Name"),
                _("Enterprise"),
                _("Technique"),
                _("Product type"),
                _("Price (Rp)"),
                _("Stock"),
                _("Status"),
            )
        ]

    def export_row(self, p: Product) -> Sequence[Any]:
        return [
            p.sku,
            p.name,
            p.enterprise.name,
            p.get_technique_display(),
            p.get_product_type_display(),
            p.price,
            p.stock,
            p.get_status_display(),
        ]


class ProductCreateView(ServiceFormView):
    allowed_roles = MAKERS
    form_class = ProductForm
    template_name = "catalogue/product_form.html"
    success_message = gettext_lazy("%(object)s has been saved as a draft. Add photos, then publish it.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if role_of(self.request.user) == STAFF:
            kwargs["enterprise_choices"] = Enterprise.objects.for_user(self.request.user).registered()
        return kwargs

    def perform(self, form: ProductForm) -> Product:
        user = current_user(self.request)
        enterprise = form.cleaned_data["enterprise"] if role_of(user) == STAFF else user.enterprise
        if enterprise is None:
            raise ValidationError(_("This login has no enterprise."), code="no_enterprise")
        return services.create_product(
            actor=user, enterprise=enterprise, data=form.product_data(), motifs=list(form.cleaned_data["motifs"])
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("catalogue:product-edit", args=[obj.pk])


class ForProductMixin:
    """A page about one product the user may keep: 404 for anybody else's."""

    product: Product

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.product = get_object_or_404(
            Product.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["pk"]
        )


class ProductUpdateView(ForProductMixin, ServiceFormView):
    allowed_roles = MAKERS
    form_class = ProductForm
    template_name = "catalogue/product_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "instance": Product.objects.get(pk=self.product.pk)}
        if self.request.POST.get("form") == "picture":
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            product=self.product,
            pictures=self.product.pictures.order_by("position", "id"),
            picture_form=kwargs.get("picture_form") or PictureForm(),
            statuses=ProductStatus.choices,
            is_staff=role_of(self.request.user) == STAFF,
            on_showcase=Product.objects.public().filter(pk=self.product.pk).exists(),
        )
        return context

    def perform(self, form: ProductForm) -> Product:
        return services.update_product(
            self.product,
            actor=current_user(self.request),
            changes=form.product_data(),
            motifs=list(form.cleaned_data["motifs"]),
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The page holds two forms: the product's details, and a photo to add (from a file or the camera)."""
        if request.POST.get("form") != "picture":
            return super().post(request, *args, **kwargs)
        picture_form = add_picture_from(request, product=self.product)
        if picture_form is None:
            return redirect("catalogue:product-edit", pk=self.product.pk)
        return self.render_to_response(self.get_context_data(form=self.get_form(), picture_form=picture_form))

    def success_url_for(self, obj: Any) -> str:
        return reverse("catalogue:product-edit", args=[obj.pk])


class PictureDeleteView(RoleRequiredMixin, View):
    allowed_roles = MAKERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        visible = Product.objects.for_user(request.user)
        picture: Picture = get_object_or_404(Picture.objects.filter(product__in=visible), pk=pk)
        product_pk = picture.product_id
        services.remove_picture(picture, actor=current_user(request))
        messages.success(request, _("The photo has been removed."))
        return redirect("catalogue:product-edit", pk=product_pk)


class ProductStatusView(ForProductMixin, RoleRequiredMixin, View):
    """Publish, return to draft, or archive a product."""

    allowed_roles = MAKERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        status = request.POST.get("status", "")
        try:
            services.set_status(self.product, status, actor=current_user(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now %(status)s.") % {"name": self.product.name, "status": ProductStatus(status).label},
            )
        return redirect("catalogue:product-edit", pk=self.product.pk)


class ProductFeatureView(ForProductMixin, RoleRequiredMixin, View):
    """Staff put a published piece on the public home page, or take it off."""

    allowed_roles = frozenset({STAFF})
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.set_featured(self.product, request.POST.get("featured") == "1", actor=current_user(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("catalogue:product-edit", pk=self.product.pk)
