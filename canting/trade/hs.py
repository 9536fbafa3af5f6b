"""The HS code a product most likely takes, read from the HS table (data) and the product's own facts.

Batik has no heading of its own: the code follows the article (cloth, shirt, scarf...), the chief fibre and its
share, the weave and, for cotton cloth, the weight per square metre. The desk suggests; the enterprise confirms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from canting.trade.models import HsArticle, HsCode, HsFibre, Weave

# A product type is sold as this article; home textiles are taken as table linen (the centre's usual piece), with
# cushion covers and wall hangings offered as the alternative. A kemeja may be cut for men (6205) or women (6206):
# both stay open and the desk asks (ASKS_WEARER).
ARTICLES: dict[str, tuple[str, ...]] = {
    "kain_panjang": (HsArticle.FABRIC,),
    "sarung": (HsArticle.SARONG,),
    "selendang": (HsArticle.SHAWL,),
    "scarf": (HsArticle.SHAWL,),
    "kemeja": (HsArticle.SHIRT, HsArticle.BLOUSE),
    "blouse": (HsArticle.BLOUSE,),
    "dress": (HsArticle.DRESS,),
    "bag": (HsArticle.BAG,),
    "home_textile": (HsArticle.TABLE_LINEN, HsArticle.FURNISHING),
    "wall_hanging": (HsArticle.FURNISHING,),
}

# fabric -> (fibre, weave) the cloth is made of
FABRICS: dict[str, tuple[str, str]] = {
    "primissima": (HsFibre.COTTON, Weave.PLAIN),
    "prima": (HsFibre.COTTON, Weave.PLAIN),
    "voile": (HsFibre.COTTON, Weave.PLAIN),
    "dobby": (HsFibre.COTTON, Weave.OTHER),
    "silk": (HsFibre.SILK, ""),
    "rayon": (HsFibre.RAYON, ""),
    "linen": (HsFibre.OTHER, Weave.OTHER),
}

# words found in a product's fibre list -> the HS table's fibre
FIBRE_WORDS: dict[str, str] = {
    "cotton": HsFibre.COTTON,
    "katun": HsFibre.COTTON,
    "kapas": HsFibre.COTTON,
    "silk": HsFibre.SILK,
    "sutra": HsFibre.SILK,
    "sutera": HsFibre.SILK,
    "rayon": HsFibre.RAYON,
    "viscose": HsFibre.RAYON,
    "viskosa": HsFibre.RAYON,
    "polyester": HsFibre.SYNTHETIC,
    "poliester": HsFibre.SYNTHETIC,
    "nylon": HsFibre.SYNTHETIC,
    "acrylic": HsFibre.SYNTHETIC,
    "akrilik": HsFibre.SYNTHETIC,
}

ASKS_WEARER = frozenset({"kemeja"})


@dataclass(frozen=True)
class HsSuggestion:
    """The code the desk proposes and why. ``confirmed`` is off when the HS line itself is unconfirmed or a fact the
    choice needs (``missing``) was not given: then the code is only a starting point."""

    code: str
    description: str
    reason: str
    confirmed: bool
    row: HsCode
    missing: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ProductFacts:
    """What classification reads from a product."""

    articles: tuple[str, ...]
    fibre: str
    share: int | None
    share_given: bool
    weave: str
    weight: int | None
    second: str = ""  # the fibre with the next largest share, for blends


def product_facts(product: Any) -> ProductFacts:
    fibre, weave = FABRICS.get(product.fabric, ("", ""))
    share: int | None = None
    given = False
    second = ""
    ranked = _fibres_by_share(product.fibres)
    if ranked and ranked[0][0]:
        fibre, share, given = ranked[0][0], ranked[0][1], True
        second = ranked[1][0] if len(ranked) > 1 else ""
    if share is None and fibre:
        share = 100  # the fabric's name is the only fact: taken as all of that fibre
    return ProductFacts(
        articles=ARTICLES.get(product.product_type, ()),
        fibre=fibre,
        share=share,
        share_given=given,
        weave=weave,
        weight=product.weight_gsm,
        second=second,
    )


def _fibres_by_share(fibres: Any) -> list[tuple[str, int]]:
    """The readable items of the product's composition list as (HS fibre, share), largest share first."""
    found: list[tuple[str, int]] = []
    for item in fibres or []:
        if not isinstance(item, dict):
            continue
        word = str(item.get("fibre", "")).strip().lower()
        try:
            percent = int(float(item.get("percent") or 0))
        except (TypeError, ValueError):
            continue
        found.append((FIBRE_WORDS.get(word, HsFibre.OTHER if word else ""), percent))
    return sorted(found, key=lambda pair: -pair[1])


def _covers(row_fibre: str, fibre: str) -> bool:
    """Whether a row naming ``row_fibre`` takes cloth of ``fibre``: man-made lines take synthetic and artificial
    (rayon) fibres alike."""
    return row_fibre == fibre or (row_fibre == HsFibre.MAN_MADE and fibre in (HsFibre.SYNTHETIC, HsFibre.RAYON))


def _fibre_fits(row_fibre: str, fibre: str, named: set[str]) -> bool:
    """Whether a row's fibre takes the product's. ``named`` holds the fibres the row's siblings name: an "other" row
    takes only a known fibre none of them covers, and an empty fibre takes any only where no sibling names one (a
    heading that does not split by fibre)."""
    if not row_fibre:
        return not named
    if row_fibre == HsFibre.OTHER:
        return bool(fibre) and not any(_covers(sibling, fibre) for sibling in named)
    return _covers(row_fibre, fibre)


@dataclass(frozen=True)
class _Siblings:
    """The fibres named by the rows of the same heading and article, and the blend fibres named by the rows of the
    same article and chief fibre: what an "other" row leaves to its siblings."""

    fibres: dict[tuple[str, str], set[str]]
    blends: dict[tuple[str, str], set[str]]

    @classmethod
    def of(cls, rows: list[HsCode]) -> _Siblings:
        fibres: dict[tuple[str, str], set[str]] = {}
        blends: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            fibres.setdefault((row.code[:4], row.article), set())
            if row.fibre and row.fibre != HsFibre.OTHER:
                fibres[(row.code[:4], row.article)].add(row.fibre)
            if row.mixed_with and row.mixed_with != HsFibre.OTHER:
                blends.setdefault((row.article, row.fibre), set()).add(row.mixed_with)
        return cls(fibres, blends)


def _matches(row: HsCode, facts: ProductFacts, siblings: _Siblings) -> bool:
    if row.article not in facts.articles:
        return False
    if not _fibre_fits(row.fibre, facts.fibre, siblings.fibres.get((row.code[:4], row.article), set())):
        return False
    if row.mixed_with and not _fibre_fits(
        row.mixed_with, facts.second, siblings.blends.get((row.article, row.fibre), set())
    ):
        return False
    if row.below_fibre_percent is not None and (facts.share is None or facts.share >= row.below_fibre_percent):
        return False
    if row.weave and facts.weave and row.weave != facts.weave:
        return False
    if row.weave and not facts.weave:
        return False
    if row.min_fibre_percent is not None and (facts.share is None or facts.share < row.min_fibre_percent):
        return False
    if facts.weight is not None:  # unknown weight: every weight band stays open
        if row.above_gsm is not None and facts.weight <= row.above_gsm:
            return False
        if row.up_to_gsm is not None and facts.weight > row.up_to_gsm:
            return False
    return True


def _rank(row: HsCode, facts: ProductFacts) -> tuple[int, int, int, int]:
    """More facts matched rank first; then the row with a national line, then confirmed rows, then the first article."""
    specific = sum(
        [
            bool(row.fibre) + (row.fibre == facts.fibre),
            bool(row.mixed_with),
            bool(row.weave),
            row.min_fibre_percent is not None,
            row.above_gsm is not None or row.up_to_gsm is not None,
        ]
    )
    return (-specific, -bool(row.national_code), -row.confirmed, facts.articles.index(row.article))


def _holding(articles: tuple[str, ...], on: datetime.date) -> list[HsCode]:
    return list(HsCode.objects.holding_on(on).filter(article__in=articles).order_by("code", "-valid_from"))


def hs_candidates(product: Any, on: datetime.date | None = None) -> list[HsCode]:
    """Every HS line holding on ``on`` that fits the product, best first (one query)."""
    facts = product_facts(product)
    if not facts.articles:
        return []
    rows = _holding(facts.articles, on or timezone.localdate())
    siblings = _Siblings.of(rows)
    fitting = [row for row in rows if _matches(row, facts, siblings)]
    return sorted(fitting, key=lambda row: (_rank(row, facts), row.code))


def suggest_hs(product: Any, on: datetime.date | None = None) -> HsSuggestion | None:
    """The best-fitting HS line for ``product``, with the facts that led to it, or None when no line fits."""
    facts = product_facts(product)
    if not facts.articles:
        return None
    candidates = hs_candidates(product, on)
    if not candidates:
        return None
    best = candidates[0]
    missing: tuple[str, ...] = ()
    reasons = [_article_reason(product, facts, best), _fibre_reason(facts)]
    if best.mixed_with and facts.second:
        reasons.append(_("mixed mainly with %(fibre)s") % {"fibre": str(HsFibre(facts.second).label).lower()})
    if facts.weave and best.weave:
        reasons.append(_("weave: %(weave)s") % {"weave": str(Weave(facts.weave).label).lower()})
    weighted = [row for row in candidates if row.above_gsm is not None or row.up_to_gsm is not None]
    if facts.weight is None and weighted:
        missing = ("weight_gsm",)
        top = _rank(weighted[0], facts)[0]
        codes = sorted({row.code for row in weighted if _rank(row, facts)[0] == top})
        if len(codes) > 1:
            choice = _("%(codes)s and %(last)s") % {"codes": ", ".join(codes[:-1]), "last": codes[-1]}
            reasons.append(_("give the fabric weight to choose between %(codes)s") % {"codes": choice})
        else:
            reasons.append(_("give the fabric weight to confirm %(code)s") % {"code": codes[0]})
    elif facts.weight is not None and (best.above_gsm is not None or best.up_to_gsm is not None):
        reasons.append(_("weight: %(gsm)s g/m²") % {"gsm": facts.weight})
    if product.product_type in ASKS_WEARER:
        missing += ("wearer",)
        reasons.append(
            _(
                "a kemeja may be a men's shirt (6205) or a women's blouse (6206): ask the enterprise who it is cut for "
                "and choose the line"
            )
        )
    if not best.confirmed:
        reasons.append(_("this HS line is not confirmed by a source: check it with customs"))
    reason = "; ".join(part for part in reasons if part)
    return HsSuggestion(
        code=best.code,
        description=best.description,
        reason=reason[:1].upper() + reason[1:] + ".",
        confirmed=best.confirmed and not missing,
        row=best,
        missing=missing,
    )


def _article_reason(product: Any, facts: ProductFacts, row: HsCode) -> str:
    text = _("%(type)s is classified as %(article)s") % {
        "type": product.get_product_type_display(),
        "article": HsArticle(row.article).label.lower(),
    }
    if len(facts.articles) > 1:
        text += " " + _("(taken as %(first)s; choose %(other)s for another use)") % {
            "first": HsArticle(facts.articles[0]).label.lower(),
            "other": ", ".join(str(HsArticle(a).label).lower() for a in facts.articles[1:]),
        }
    return text


def _fibre_reason(facts: ProductFacts) -> str:
    if not facts.fibre:
        return ""
    label = str(HsFibre(facts.fibre).label).lower()
    if facts.share_given:
        return _("chief fibre: %(share)s%% %(fibre)s") % {"share": facts.share, "fibre": label}
    return _("fibre: %(fibre)s, from the fabric (no composition given, taken as 100%%)") % {"fibre": label}
