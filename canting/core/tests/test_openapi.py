"""The OpenAPI schema: committed as docs/api/openapi.yaml, served at /api/schema/, browsable at /api/docs/ offline."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

COMMITTED = Path(settings.REPO_DIR) / "docs" / "api" / "openapi.yaml"
# The one command that writes the committed schema; English, so the file does not depend on the active language.
REGENERATE = "uv run canting spectacular --lang en --validate --file docs/api/openapi.yaml"


def generate() -> str:
    """The schema exactly as REGENERATE writes it: the same generator and renderer, in English."""
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        validate_schema(schema)
        return OpenApiYamlRenderer().render(schema, renderer_context={}).decode("utf-8")


def test_committed_schema_matches_the_code() -> None:
    generated = generate()

    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if generated != committed:
        diff = difflib.unified_diff(
            committed.splitlines(), generated.splitlines(), "committed", "generated", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"docs/api/openapi.yaml has drifted from the code. Regenerate it with:\n  {REGENERATE}\n{shown}")


@pytest.mark.django_db
def test_schema_is_served_to_everyone() -> None:
    response = APIClient().get(reverse("api-schema"))

    assert response.status_code == 200
    assert b"/api/v1/enterprises/" in response.content


@pytest.mark.django_db
def test_docs_page_works_offline(client: Any) -> None:
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"https?://", html), "the docs page must not load anything from another site"
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert assets, "the docs page loads its assets from this server"
    for asset in assets:
        if asset.startswith(reverse("api-docs") + "?script"):  # its start-up script, served apart for the CSP
            assert "SwaggerUIBundle" in client.get(asset).content.decode()
            continue
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), f"{asset} is not a vendored static file"
