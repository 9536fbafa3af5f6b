"""How a product's facts are worded for a buyer, in the active language: the technique (a printed imitation is
never called batik) and the fibres. The showcase's template filters and the product passport both use them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from canting.registry.models import Technique

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


def fibres_text(fibres: Any) -> str:
    """[{"fibre": "cotton", "percent": 100}] -> 'cotton 100%'."""
    parts = []
    for item in fibres or []:
        if isinstance(item, dict) and item.get("fibre"):
            name = FIBRES.get(str(item["fibre"]), str(item["fibre"]))
            parts.append(f"{name} {item['percent']}%" if item.get("percent") else str(name))
    return ", ".join(parts)
