"""The API's own pages (the OpenAPI schema and its interactive docs, assets served locally, no CDN) and the areas."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.throttling import AnonRateThrottle

from canting.core.api.schema import CantingAutoSchema
from canting.core.api.serializers import AreaSerializer
from canting.core.filtersets import AreaFilterSet
from canting.core.models import Area
from canting.core.permissions import EVERYONE, HasRole


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of /api/v1/, the same text as docs/api/openapi.yaml."""

    permission_classes = [HasRole]
    allowed_roles = EVERYONE


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI over the schema; its scripts and styles come from drf-spectacular-sidecar, so it works offline.
    Its start-up script is fetched from the same address rather than written inline, as the CSP requires."""

    permission_classes = [HasRole]
    allowed_roles = EVERYONE


class PublicEndpointSchema(CantingAutoSchema):
    """Documents an endpoint open to visitors: credentials are accepted but not needed."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        return [*super().get_auth(), {}]


class AreaViewSet(viewsets.ReadOnlyModelViewSet[Area]):
    """Kemendagri administrative areas (province, regency/city, district, village), keyed by their code.

    Public reference data: open to everyone, signed in or not. A record's region is the prefix of its village code,
    so `?code=35.76` lists Kota Mojokerto and everything in it; `?parent=35.76.02` lists the villages of one district.
    """

    permission_classes = [HasRole]
    allowed_roles = EVERYONE
    throttle_classes = [AnonRateThrottle]
    schema = PublicEndpointSchema()
    serializer_class = AreaSerializer
    filterset_class = AreaFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"

    def get_queryset(self) -> QuerySet[Area]:
        return Area.objects.order_by("code")
