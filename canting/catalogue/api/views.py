"""The catalogue's API: products, motifs and their pictures, filtered with the same FilterSets as the pages.

Reading is open to everyone, as on the public showcase: visitors read what is published, and the people who keep
a product (staff of its area, its own enterprise) also read it as a draft. Writing is scoped like the pages: a
product outside the writer's ``for_user`` answers 404, and every write goes through ``catalogue.services``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from canting.catalogue import services
from canting.catalogue.api.serializers import (
    MotifSerializer,
    PictureSerializer,
    PictureUploadSerializer,
    ProductSerializer,
)
from canting.catalogue.filtersets import MotifFilterSet, ProductFilterSet
from canting.catalogue.models import Motif, Picture, Product
from canting.core.api.errors import service_errors
from canting.core.api.views import PublicEndpointSchema
from canting.core.api.viewsets import ServiceViewSet
from canting.core.permissions import ARTISAN, EVERYONE, STAFF, HasRole, current_user, role_of

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})
READ_ACTIONS = ("list", "retrieve")


class PublicReadSchema(PublicEndpointSchema):
    """Reading needs no credentials; writing does, so write operations do not list the empty (anonymous) option."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        if self.method in ("GET", "HEAD"):
            return super().get_auth()
        return super(PublicEndpointSchema, self).get_auth()


def upload_picture(
    view: ServiceViewSet[Any], request: Request, *, product: Product | None = None, motif: Motif | None = None
) -> Response:
    """Attach an uploaded photo to a product or a motif through the service; answer with the stored picture."""
    upload = PictureUploadSerializer(data=request.data)
    upload.is_valid(raise_exception=True)
    data = upload.validated_data
    with service_errors():
        picture = services.add_picture(
            actor=current_user(request),
            upload=data["photo"],
            size=data["photo"].size,
            alt_text={"ind": data["alt_text_ind"], "en": data.get("alt_text_en", "")},
            product=product,
            motif=motif,
        )
    return Response(PictureSerializer(picture, context=view.get_serializer_context()).data, status.HTTP_201_CREATED)


UPLOAD_SCHEMA = extend_schema(
    request={"multipart/form-data": PictureUploadSerializer},
    responses={201: PictureSerializer},
)


class ProductViewSet(ServiceViewSet[Product]):
    """Products of the batik enterprises: what each makes and sells, with motifs, facts for buyers and pictures.

    Everyone, signed in or not, reads the published products of active enterprises. Staff also read every product
    of the enterprises in their working area and an artisan every product of their own enterprise, drafts
    included. Staff add and change products of their area's enterprises; an artisan only their own enterprise's
    (the enterprise is set for them). Only staff choose `featured` pieces, and only published ones. A tiruan
    (printed imitation) product is never batik: `is_batik` is false and the word batik is refused in its name and
    description. Assessors and visitors only read.
    """

    allowed_roles = EVERYONE
    write_roles = STAFF_OR_ARTISAN
    throttle_classes = [AnonRateThrottle]
    schema = PublicReadSchema()
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet

    def get_queryset(self) -> QuerySet[Product]:
        user = self.request.user
        products = Product.objects.for_user(user)
        if self.action in READ_ACTIONS:
            # Published for everyone, plus what the user keeps: one filter over Product, so nothing is listed twice.
            readable = Q(pk__in=Product.objects.public().values("pk"))
            if role_of(user) in STAFF_OR_ARTISAN:
                readable |= Q(pk__in=products.values("pk"))
            products = Product.objects.filter(readable)
        return products.select_related("enterprise").prefetch_related("pictures", "motifs")

    def create_with_service(self, data: dict[str, Any]) -> Product:
        actor = current_user(self.request)
        featured = data.pop("featured", None)
        enterprise, motifs = data.pop("enterprise"), data.pop("motif_ids", None)
        with transaction.atomic():  # featuring is refused for a draft: then nothing is created either
            product = services.create_product(actor=actor, enterprise=enterprise, data=data, motifs=motifs)
            return self._feature(product, featured)

    def update_with_service(self, instance: Product, changes: dict[str, Any]) -> Product:
        actor = current_user(self.request)
        featured = changes.pop("featured", None)
        changes.pop("enterprise", None)
        motifs = changes.pop("motif_ids", None)
        with transaction.atomic():  # a status change and featuring succeed or fail together
            if changes or motifs is not None:
                instance = services.update_product(instance, actor=actor, changes=changes, motifs=motifs)
            return self._feature(instance, featured)

    def _feature(self, product: Product, featured: bool | None) -> Product:
        """Featuring has its own service: only staff, only published pieces (the serializer has refused others)."""
        if featured is None or featured == product.featured:
            return product
        return services.set_featured(product, featured, actor=current_user(self.request))

    @UPLOAD_SCHEMA
    @action(detail=True, methods=["post"], url_path="pictures", parser_classes=[MultiPartParser])
    def pictures(self, request: Request, pk: str | None = None) -> Response:
        """Add a photo after the product's others. Staff for their area's products, an artisan for their own."""
        return upload_picture(self, request, product=self.get_object())


class MotifViewSet(ServiceViewSet[Motif]):
    """Batik motifs of the region, each with its story and meaning in Indonesian and English.

    Motifs are public knowledge: everyone, signed in or not, reads them. Only staff keep the motif registry: they
    add and change motifs, their related motifs and their pictures.
    """

    allowed_roles = EVERYONE
    write_roles = STAFF_ONLY
    throttle_classes = [AnonRateThrottle]
    schema = PublicReadSchema()
    serializer_class = MotifSerializer
    filterset_class = MotifFilterSet

    def get_queryset(self) -> QuerySet[Motif]:
        motifs = Motif.objects.public() if self.action in READ_ACTIONS else Motif.objects.for_user(self.request.user)
        return motifs.select_related("ip_holder_enterprise").prefetch_related("pictures", "related")

    def create_with_service(self, data: dict[str, Any]) -> Motif:
        related = data.pop("related_ids", None)
        return services.save_motif(actor=current_user(self.request), data=data, related=related)

    def update_with_service(self, instance: Motif, changes: dict[str, Any]) -> Motif:
        related = changes.pop("related_ids", None)
        return services.save_motif(actor=current_user(self.request), data=changes, motif=instance, related=related)

    @UPLOAD_SCHEMA
    @action(detail=True, methods=["post"], url_path="pictures", parser_classes=[MultiPartParser])
    def pictures(self, request: Request, pk: str | None = None) -> Response:
        """Add a photo after the motif's others. Staff only."""
        return upload_picture(self, request, motif=self.get_object())


class PictureViewSet(viewsets.GenericViewSet[Picture]):
    """Pictures of products and motifs; they are read inside their product or motif, and only removed here.

    Staff remove pictures of their area's products and of motifs; an artisan those of their own enterprise's
    products. A picture outside that reach answers 404. Assessors and visitors have no access.
    """

    permission_classes = [HasRole]
    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_OR_ARTISAN
    serializer_class = PictureSerializer

    def get_queryset(self) -> QuerySet[Picture]:
        user = self.request.user
        reach = Q(product__in=Product.objects.for_user(user).values("pk"))
        if role_of(user) == STAFF:
            reach |= Q(motif__isnull=False)
        return Picture.objects.filter(reach)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Remove a picture; its stored copies stay while another picture uses the same content."""
        with service_errors():
            services.remove_picture(self.get_object(), actor=current_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
