"""What the catalogue API reads and accepts. Serializers check shape only; the rules live in ``services``.

Translated fields appear once per language (``name_ind``, ``name_en``, ...), never as one field that changes with
the reader's language, so a client always knows which text it holds.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from canting.catalogue.models import Motif, Picture, Product
from canting.core.api.serializers import ScopedPrimaryKeyRelatedField, absolute_url
from canting.core.permissions import STAFF, role_of
from canting.registry.models import Enterprise


# --- pictures -------------------------------------------------------------------------------------------------
class RenditionSerializer(serializers.Serializer[dict[str, Any]]):
    """One stored WebP copy of a picture."""

    width = serializers.IntegerField(help_text=_("Width of this copy in pixels."))
    url = serializers.URLField()


class PictureSerializer(serializers.ModelSerializer[Picture]):
    """A photo of a product or motif: its copies by width (made at upload) and the text read out in its place."""

    renditions = serializers.SerializerMethodField(help_text=_("The stored copies, narrowest first."))

    class Meta:
        model = Picture
        fields = ["id", "position", "alt_text_ind", "alt_text_en", "width", "height", "renditions"]
        read_only_fields = fields

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, picture: Picture) -> list[dict[str, Any]]:
        copies = sorted((int(width), name) for width, name in picture.renditions.items())
        return [
            {"width": width, "url": absolute_url(self.context, default_storage.url(name))} for width, name in copies
        ]


class PictureUploadSerializer(serializers.Serializer[dict[str, Any]]):
    """A photo sent as multipart form data, with what it shows in Indonesian (required) and English."""

    photo = serializers.FileField(
        help_text=_("A JPEG, PNG or WebP photo; checked by its content, not its name, and stored without metadata.")
    )
    alt_text_ind = serializers.CharField(max_length=200, help_text=_("What the photo shows, in Indonesian."))
    alt_text_en = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text=_("What the photo shows, in English.")
    )


# --- motifs ---------------------------------------------------------------------------------------------------
class MotifSummarySerializer(serializers.ModelSerializer[Motif]):
    """A motif named in another record (a product's motifs, a motif's related motifs)."""

    class Meta:
        model = Motif
        fields = ["id", "slug", "name_ind", "name_en"]
        read_only_fields = fields


# Indonesian is the language every record must have (``required_languages``); the other texts may wait.
REQUIRED_TEXT = {"required": True, "allow_null": False}


def motif_ids_field(help_text: Any) -> serializers.PrimaryKeyRelatedField[Motif]:
    """Motifs chosen by id when writing; the response names them in full."""
    return serializers.PrimaryKeyRelatedField(
        queryset=Motif.objects.all(), many=True, write_only=True, required=False, help_text=help_text
    )


class MotifSerializer(serializers.ModelSerializer[Motif]):
    """A batik motif with its story and meaning in both languages, its origin and its IP registration."""

    ip_holder_enterprise = ScopedPrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The enterprise holding the IP registration, when an enterprise holds it."),
    )
    ip_holder = serializers.CharField(
        read_only=True, help_text=_("Who holds the IP registration: the enterprise's name or the other holder.")
    )
    related = MotifSummarySerializer(many=True, read_only=True)
    related_ids = motif_ids_field(_("Ids of related motifs; replaces the whole list when sent."))
    pictures = PictureSerializer(many=True, read_only=True)

    class Meta:
        model = Motif
        fields = [
            "id", "slug", "name_ind", "name_en", "region", "area", "story_ind", "story_en", "meaning_ind",
            "meaning_en", "ip_number", "ip_date", "ip_holder_enterprise", "ip_holder_name", "ip_holder", "related",
            "related_ids", "pictures", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "slug", "created_at", "updated_at"]
        extra_kwargs = {"name_ind": REQUIRED_TEXT, "story_ind": REQUIRED_TEXT}


# --- products -------------------------------------------------------------------------------------------------
class ProductSerializer(serializers.ModelSerializer[Product]):
    """A piece (or a line of pieces) an enterprise makes and sells, with the facts a buyer asks about."""

    enterprise = ScopedPrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(),
        required=False,
        help_text=_(
            "The enterprise that makes it. Staff choose one of their area; an artisan's products are always their "
            "own enterprise's. It cannot change afterwards."
        ),
    )
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    is_batik = serializers.BooleanField(
        read_only=True, help_text=_("False for tiruan (printed imitation): it is never presented as batik.")
    )
    motifs = MotifSummarySerializer(many=True, read_only=True)
    motif_ids = motif_ids_field(_("Ids of the motifs it carries; replaces the whole list when sent."))
    pictures = PictureSerializer(many=True, read_only=True)

    class Meta:
        model = Product
        fields = [
            "id", "enterprise", "enterprise_name", "sku", "slug", "name_ind", "name_en", "description_ind",
            "description_en", "motifs", "motif_ids", "technique", "is_batik", "product_type", "fabric", "fibres",
            "weight_gsm", "length_cm", "width_cm", "dyes", "natural_dye", "production_days", "price", "stock",
            "status", "featured", "published_at", "pictures", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "slug", "natural_dye", "published_at", "created_at", "updated_at"]
        # The SKU's uniqueness within the enterprise is the service's to judge (a model constraint, one message).
        validators: list[Any] = []
        extra_kwargs = {
            "name_ind": REQUIRED_TEXT,
            "featured": {"help_text": _("Shown first on the public home page; only staff choose it.")},
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        if "featured" in self.initial_data and role_of(user) != STAFF:
            raise serializers.ValidationError(
                {"featured": [_("Only office staff choose featured pieces.")]}, code="office_only"
            )
        enterprise = attrs.get("enterprise")
        if self.instance is not None:
            if enterprise is not None and enterprise.pk != self.instance.enterprise_id:
                raise serializers.ValidationError(
                    {"enterprise": [_("A product stays with the enterprise that makes it.")]}, code="enterprise_fixed"
                )
        elif enterprise is None:
            own = (
                Enterprise.objects.for_user(user).filter(pk=user.enterprise_id).first() if user.enterprise_id else None
            )
            if own is None:
                raise serializers.ValidationError(
                    {"enterprise": [_("Choose the enterprise that makes the product.")]}, code="required"
                )
            attrs["enterprise"] = own
        return attrs
