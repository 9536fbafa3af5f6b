from __future__ import annotations

from django.contrib import admin

from canting.catalogue.models import Motif, Picture, Product
from canting.core.admin import ReadOnlyAdmin


@admin.register(Motif)
class MotifAdmin(ReadOnlyAdmin):
    list_display = ("name", "region", "ip_number")
    search_fields = ("name_ind", "name_en")


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin):
    list_display = ("name", "enterprise", "technique", "status", "price", "featured")
    list_filter = ("status", "technique", "product_type", "featured")
    search_fields = ("name_ind", "name_en", "sku")


@admin.register(Picture)
class PictureAdmin(ReadOnlyAdmin):
    list_display = ("alt_text", "product", "motif", "width", "height")
