"""Indonesian is the default language and English the source: the Indonesian catalogue must be complete and the
compiled catalogue the one Django loads must match it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
MSGFMT = shutil.which("msgfmt")

needs_msgfmt = pytest.mark.skipif(
    MSGFMT is None and os.environ.get("CI") != "true", reason="GNU gettext (msgfmt) is not installed"
)


def msgfmt(*args: str) -> subprocess.CompletedProcess[str]:
    assert MSGFMT, "msgfmt is required in CI (apt-get install gettext)"
    return subprocess.run([MSGFMT, *args], capture_output=True, text=True, check=False)  # noqa: S603


@needs_msgfmt
def test_every_message_has_an_indonesian_translation() -> None:
    result = msgfmt("--check", "--statistics", "-o", os.devnull, str(CATALOGUE))
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


@needs_msgfmt
def test_the_compiled_catalogue_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    assert msgfmt("-o", str(compiled), str(CATALOGUE)).returncode == 0
    committed = CATALOGUE.with_suffix(".mo")
    assert compiled.read_bytes() == committed.read_bytes(), "run: uv run canting compilemessages -l id --ignore=.venv"
