"""What the export desk's API reads. Read only: buyers and orders are written on the working pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from canting.trade.documents.pack import line_amount
from canting.trade.models import Buyer, ExportOrder, OrderLine, Package, PackageItem


class BuyerSerializer(serializers.ModelSerializer[Buyer]):
    """A buyer abroad of one enterprise, with how to reach them."""

    country = CountryField(help_text=_("ISO 3166 code."))
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Buyer
        fields = [
            "id", "enterprise", "enterprise_name", "name", "company", "country", "address", "email", "phone",
            "tax_number", "notes", "lead", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


AMOUNT = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True)


class OrderLineSerializer(serializers.ModelSerializer[OrderLine]):
    amount = serializers.SerializerMethodField(help_text=_("Quantity times unit price."))

    class Meta:
        model = OrderLine
        fields = [
            "id", "position", "product", "batch", "description", "hs_code", "quantity", "unit", "unit_price",
            "amount", "net_weight",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(AMOUNT)
    def get_amount(self, line: OrderLine) -> str:
        """The amount the documents print for the line, in the order's currency's decimals."""
        return str(AMOUNT.to_representation(line_amount(line, line.order.currency)))


class PackageItemSerializer(serializers.ModelSerializer[PackageItem]):
    class Meta:
        model = PackageItem
        fields = ["line", "quantity"]
        read_only_fields = fields


class PackageSerializer(serializers.ModelSerializer[Package]):
    items = PackageItemSerializer(many=True, read_only=True, help_text=_("How much of each line the package holds."))

    class Meta:
        model = Package
        fields = ["id", "number", "kind", "length_cm", "width_cm", "height_cm", "gross_weight", "net_weight", "items"]
        read_only_fields = fields


class ExportOrderSerializer(serializers.ModelSerializer[ExportOrder]):
    """An export order: its number within the enterprise and year, terms, status and dates, lines and packages."""

    number = serializers.CharField(read_only=True, help_text=_("Year and number within the enterprise, e.g. 2026/003."))
    incoterm = serializers.CharField(source="incoterm.code", read_only=True)
    buyer_country = CountryField(source="buyer.country", read_only=True)
    origin_document = serializers.CharField(source="origin_rule.document", read_only=True, default="")
    goods = serializers.DecimalField(
        max_digits=20, decimal_places=2, read_only=True, help_text=_("The lines' amounts together.")
    )
    total = serializers.DecimalField(
        max_digits=20, decimal_places=2, read_only=True, help_text=_("Goods, freight and insurance.")
    )
    lines = OrderLineSerializer(many=True, read_only=True)
    packages = PackageSerializer(many=True, read_only=True)

    class Meta:
        model = ExportOrder
        fields = [
            "id", "number", "enterprise", "buyer", "buyer_country", "year", "sequence", "status", "buyer_reference",
            "incoterm", "named_place", "transport", "containerised", "currency", "exchange_rate", "rate_date",
            "rate_source", "payment_terms", "port_of_loading", "port_of_discharge", "carrier", "estimated_shipment",
            "offer_valid_until", "freight", "insurance", "insured_percent", "insurance_cover", "origin_document",
            "marks", "invoice_date", "shipped_on", "paid_on", "goods", "total", "lines", "packages", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields
