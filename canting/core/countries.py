"""Country names in Indonesian. django-countries ships no Indonesian catalogue, so the names a buyer's country,
a lead's country or a destination show under come from CLDR (through Babel) into a catalogue of their own,
``canting/locale_countries``, which ``LOCALE_PATHS`` lists after the project's own. ``canting countrynames``
writes it again when django-countries or Babel change; a test keeps it complete."""

from __future__ import annotations

import subprocess
from pathlib import Path

from babel import Locale
from django.utils import translation
from django_countries.data import COUNTRIES

CATALOGUE = Path(__file__).resolve().parent.parent / "locale_countries" / "id" / "LC_MESSAGES" / "django.po"


def indonesian_names() -> dict[str, str]:
    """django-countries' English name of each country (the message id) and its Indonesian name in CLDR."""
    territories = Locale("id").territories
    with translation.override(None):
        return {str(name): territories[code] for code, name in COUNTRIES.items() if code in territories}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_catalogue(path: Path = CATALOGUE) -> int:
    """Write the catalogue (.po, compiled to .mo with gettext's msgfmt); the number of names written."""
    names = indonesian_names()
    header = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: canting-countries\\n"',
        '"Language: id\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=1; plural=0;\\n"',
    ]
    entries = [f"msgid {_quoted(english)}\nmsgstr {_quoted(names[english])}" for english in sorted(names)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n\n" + "\n\n".join(entries) + "\n", encoding="utf-8")
    # gettext's msgfmt, the compiler Django's compilemessages runs too
    subprocess.run(["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)], check=True)  # noqa: S603, S607
    return len(names)
