"""The health probe and the production build of the static files: a load balancer must stop sending traffic to an
app server whose pages would fail, and the build must succeed with every file the vendored assets name."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.db import OperationalError
from django.test import Client, override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def build_static(root: Path) -> list[Exception]:
    """Collect Canting's own static files into ``root`` as the production build does (fingerprinting, rewriting the
    addresses stylesheets name); returns the errors the build met."""
    storage = ManifestStaticFilesStorage(location=root)
    paths: dict[str, tuple[Any, str]] = {}
    for app in apps.get_app_configs():
        static = Path(app.path) / "static"
        if not app.name.startswith("canting.") or not static.is_dir():
            continue
        for file in static.rglob("*"):
            if file.is_file():
                name = file.relative_to(static).as_posix()
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
                paths[name] = (storage, name)
    errors = [processed for _, _, processed in storage.post_process(paths) if isinstance(processed, Exception)]
    storage.save_manifest()
    return errors


def probe(client: Client) -> tuple[int, dict[str, Any]]:
    response = client.get("/healthz/")
    return response.status_code, response.json()


def test_the_production_build_finds_every_file_that_a_stylesheet_or_script_names(tmp_path: Path) -> None:
    errors = build_static(tmp_path)

    assert errors == []
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.django_db
def test_a_healthy_server_answers_ok_and_is_never_cached(client: Client) -> None:
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "static": "ok", "media": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_probe_fails_when_the_static_files_were_never_collected(client: Client, tmp_path: Path) -> None:
    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=tmp_path):
        status, body = probe(client)

    assert status == 503
    assert body["status"] == "error"
    assert "collectstatic" in body["checks"]["static"]
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_the_probe_passes_once_the_static_files_are_collected(client: Client, tmp_path: Path) -> None:
    assert build_static(tmp_path) == []

    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=tmp_path):
        status, body = probe(client)

    assert (status, body["checks"]["static"]) == (200, "ok")


@pytest.mark.django_db
def test_the_probe_fails_when_a_collected_file_went_missing(client: Client, tmp_path: Path) -> None:
    build_static(tmp_path)
    for stylesheet in (tmp_path / "core").glob("canting.*.css"):
        stylesheet.unlink()

    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=tmp_path):
        status, body = probe(client)

    assert status == 503
    assert "missing" in body["checks"]["static"]


@pytest.mark.django_db
def test_the_probe_fails_when_uploads_cannot_be_written(client: Client, settings: Any, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the uploads folder should be")
    settings.MEDIA_ROOT = blocked

    status, body = probe(client)

    assert status == 503
    assert "MEDIA_ROOT" in body["checks"]["media"]


@pytest.mark.django_db
def test_the_probe_fails_when_the_database_does_not_answer(client: Client, monkeypatch: Any) -> None:
    from django.db import connection

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    status, body = probe(client)

    assert status == 503
    assert body["checks"]["database"] == "the database does not answer, or has not been migrated"


def test_the_site_icon_answers_where_browsers_look_for_it(client: Client) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's signature
