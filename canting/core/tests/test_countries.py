"""Country names in Indonesian: the catalogue holds every country django-countries knows, as CLDR names it."""

from __future__ import annotations

import gettext
import re

from django.utils import translation
from django_countries import countries
from django_countries.fields import Country

from canting.core.countries import CATALOGUE, indonesian_names

ENTRY = re.compile(r'^msgid "(.+)"\nmsgstr "(.+)"$', re.MULTILINE)


def test_the_catalogue_holds_every_country_as_cldr_names_it() -> None:
    written = {english.replace('\\"', '"'): name.replace('\\"', '"') for english, name in ENTRY.findall(
        CATALOGUE.read_text(encoding="utf-8")
    )}  # fmt: skip
    assert written == indonesian_names()
    assert len(written) == len(countries)
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert {english: catalogue.gettext(english) for english in written} == written


def test_countries_are_named_in_the_readers_language() -> None:
    with translation.override("id"):
        assert [Country(code).name for code in ("NL", "US", "JP", "KR")] == [
            "Belanda", "Amerika Serikat", "Jepang", "Korea Selatan"
        ]  # fmt: skip
        assert dict(countries)["DE"] == "Jerman"
    with translation.override("en"):
        assert [Country(code).name for code in ("NL", "US")] == ["Netherlands", "United States of America"]
