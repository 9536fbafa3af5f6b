"""Templates never print a primary key through the locale: with USE_THOUSAND_SEPARATOR an id of 1000 would become
"1.000" in Indonesian, and a form posting it back would name no object at all."""

from __future__ import annotations

import re
from pathlib import Path

# Ids, and years (a year printed as "2.023" reads wrong): printed through the locale unless told otherwise.
BARE_ID = re.compile(r"\{\{\s*[A-Za-z_][\w.]*\.(pk|id|year|year_founded)\s*\}\}")
ROOT = Path(__file__).resolve().parents[2]


def test_ids_and_years_in_templates_are_printed_without_thousand_separators() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in BARE_ID.finditer(line)
        if "form." not in match.group(0)  # a form field renders its widget, not a number
    ]
    assert not offenders, "print ids and years with |stringformat:'s': " + ", ".join(offenders)


def test_a_four_digit_id_renders_without_a_separator_in_indonesian() -> None:
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("id"):
        bare = Template("{{ obj.pk }}").render(Context({"obj": {"pk": 1234}}))
        kept = Template('{{ obj.pk|stringformat:"s" }}').render(Context({"obj": {"pk": 1234}}))
    assert (bare, kept) == ("1.234", "1234")
