"""The API's own pages: the OpenAPI schema and its interactive docs (assets served locally, no CDN)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from canting.core.permissions import EVERYONE, HasRole


class SchemaView(SpectacularAPIView):
    permission_classes = [HasRole]
    allowed_roles = EVERYONE


class DocsView(SpectacularSwaggerView):
    permission_classes = [HasRole]
    allowed_roles = EVERYONE
