"""Finding the villages a file names, by Kemendagri code or by name, many at once."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from canting.core.models import Area, AreaLevel

CODE_RE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")
PREFIX_RE = re.compile(r"^(kelurahan|kel\.|desa)\s+", flags=re.I)


def _code(text: str) -> str:
    """'3576021001' -> '35.76.02.1001'; anything else as it is."""
    return f"{text[:2]}.{text[2:4]}.{text[4:6]}.{text[6:]}" if re.fullmatch(r"\d{10}", text) else text


def _name(text: str) -> str:
    return PREFIX_RE.sub("", text)


class Villages:
    """The villages an officer of ``area`` may name: each cell's text resolved to an ``Area`` or to the message
    that says why it cannot be used. ``find`` looks up every text not seen before in at most two queries."""

    def __init__(self, area: str) -> None:
        self.area = area
        self.found: dict[str, Area | str] = {}

    def find(self, texts: Iterable[str]) -> None:
        new = {text for text in texts if text not in self.found}
        if not new:
            return
        codes = {_code(text) for text in new if CODE_RE.fullmatch(_code(text))}
        names = {_name(text).lower() for text in new if not CODE_RE.fullmatch(_code(text))}
        villages = Area.objects.filter(level=AreaLevel.VILLAGE)
        by_code = {area.code: area for area in villages.filter(code__in=codes)} if codes else {}
        by_name: dict[str, list[Area]] = defaultdict(list)
        if names:
            for area in villages.annotate(lname=Lower("name")).filter(lname__in=names).order_by("code"):
                by_name[area.lname].append(area)  # type: ignore[attr-defined]
        for text in new:
            self.found[text] = self._resolve(text, by_code, by_name)

    def get(self, text: str) -> Area | str:
        """The village ``text`` names, or the message for its cell (``find`` it first)."""
        return self.found[text]

    def _resolve(self, text: str, by_code: dict[str, Area], by_name: dict[str, list[Area]]) -> Area | str:
        code = _code(text)
        if CODE_RE.fullmatch(code):
            area = by_code.get(code)
            if area is None:
                return _("There is no village with the code %(code)s.") % {"code": code}
        else:
            name = _name(text)
            anywhere = by_name.get(name.lower(), [])
            matches = [area for area in anywhere if area.code.startswith(self.area)]
            if len(matches) > 1:
                return _(
                    "More than one village in your working area is named %(name)s; write its code instead, "
                    "e.g. %(code)s."
                ) % {"name": name, "code": matches[0].code}
            if not matches:
                if anywhere:
                    return _("%(name)s is outside your working area.") % {"name": name}
                return _("There is no village named %(name)s in your working area.") % {"name": name}
            area = matches[0]
        if not area.code.startswith(self.area):
            return _("%(name)s (%(code)s) is outside your working area.") % {"name": area.name, "code": area.code}
        return area
