"""How the showcase words a product's facts for a buyer, in the page's language.

A printed imitation (tiruan) is named for what it is: its technique text never calls it batik; pages add the
"tiruan · not batik" badge beside it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from canting.registry.models import Technique

register = template.Library()

TIRUAN_TEXT = _("Printed imitation (tiruan)")
NOT_BATIK = _("not batik")
FIBRES = {
    "cotton": _("cotton"),
    "silk": _("silk"),
    "rayon": _("rayon"),
    "linen": _("linen"),
    "polyester": _("polyester"),
    "wool": _("wool"),
    "other": _("other fibre"),
}


@register.filter
def technique_text(code: str) -> str:
    """The technique as a buyer reads it: 'Batik tulis (hand-drawn)', or 'Printed imitation (tiruan)'."""
    if code == Technique.TIRUAN:
        return str(TIRUAN_TEXT)
    try:
        return str(Technique(code).label)
    except ValueError:
        return str(code)


def technique_choices() -> list[tuple[str, str]]:
    """Every technique with the wording above, for the showcase's filter; tiruan carries its "not batik" mark
    there too, since an option cannot carry the badge."""
    return [
        (code, f"{technique_text(code)} · {NOT_BATIK}" if code == Technique.TIRUAN else technique_text(code))
        for code in Technique.values
    ]


@register.filter
def fibres_text(fibres: Any) -> str:
    """[{"fibre": "cotton", "percent": 100}] -> 'cotton 100%'."""
    parts = []
    for item in fibres or []:
        if isinstance(item, dict) and item.get("fibre"):
            name = FIBRES.get(str(item["fibre"]), str(item["fibre"]))
            parts.append(f"{name} {item['percent']}%" if item.get("percent") else str(name))
    return ", ".join(parts)


@register.filter
def dyes_text(dyes: Any) -> str:
    """[{"name": "indigo", "natural": true}] -> 'indigo (natural)'."""
    parts = []
    natural = _("natural")  # outside the f-string, where makemessages can find it
    for item in dyes or []:
        if isinstance(item, dict) and str(item.get("name", "")).strip():
            name = str(item["name"]).strip()
            parts.append(f"{name} ({natural})" if item.get("natural") else name)
    return ", ".join(parts)
