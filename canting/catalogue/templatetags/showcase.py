"""How the showcase words a product's facts for a buyer, in the page's language.

A printed imitation (tiruan) is named for what it is: its technique text never calls it batik; pages add the
"tiruan · not batik" badge beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from canting.catalogue.wording import fibres_text, technique_text
from canting.core.templatetags.canting import rupiah

if TYPE_CHECKING:
    from canting.catalogue.models import Picture, Product

register = template.Library()
register.filter("technique_text", technique_text)
register.filter("fibres_text", fibres_text)

# A phone (a window at most this wide, Bootstrap's smallest breakpoint) is offered no copy wider than PHONE_WIDEST:
# even at three device pixels per CSS pixel, a 390-pixel screen then gets the 640 copy of a full-width photo, not
# the 1280 one (four times the bytes). Wider windows choose from every copy.
PHONE_MEDIA = "(max-width: 575.98px)"
PHONE_WIDEST = 800
# How wide a card of the full-width grid is shown (showcase.css: two a row on a phone, three from 768 px, four in the
# fixed-width container from 1200 px), for the ``sizes`` of its picture.
GRID_SIZES = (
    "(min-width: 1400px) 309px, (min-width: 1200px) 264px, (min-width: 768px) calc(33.3vw - 21px), calc(50vw - 18px)"
)
SLUG_MARKER = "slug-marker-0"


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


def picture_html(picture: Picture, sizes: str, alt: str = "", eager: bool = False, css: str = "") -> str:
    """One picture from its resized copies, never the upload, as HTML (escaped here): see ``picture``."""
    copies = picture.copies
    srcset, sizes = escape(picture.srcset()), escape(sizes)
    source = ""
    if copies and copies[-1][0] > PHONE_WIDEST:
        source = f'<source media="{PHONE_MEDIA}" srcset="{escape(picture.srcset(PHONE_WIDEST))}" sizes="{sizes}">'
    css = f' class="{escape(css)}"' if css else ""
    loading = ' loading="eager" fetchpriority="high"' if eager else ' loading="lazy" decoding="async"'
    return (
        f'<picture>{source}<img src="{escape(picture.url(640))}" srcset="{srcset}" sizes="{sizes}" '
        f'alt="{escape(picture.alt_text or alt)}" width="{int(picture.width)}" height="{int(picture.height)}"'
        f"{css}{loading}></picture>"
    )


@register.simple_tag
def picture(picture: Picture, sizes: str, alt: str = "", eager: bool = False, css: str = "") -> SafeString:
    """One picture from its resized copies: ``sizes`` says how wide it is shown (the ``sizes`` attribute's CSS
    lengths), ``alt`` stands in when the picture has no alt text, ``eager`` marks a picture seen at once (the first
    row of cards, a product's main photo: loaded at once and first); every other one loads when scrolled near.
    A phone is offered only the copies up to PHONE_WIDEST pixels wide."""
    return mark_safe(picture_html(picture, sizes, alt, eager, css))  # noqa: S308 -- escaped in picture_html


@register.simple_tag
def product_cards(pieces: Iterable[Product], sizes: str = GRID_SIZES, eager: int = 0) -> SafeString:
    """A grid of cards for ``pieces`` (read by ``card_products``, which gives each its ``maker_name`` and
    ``maker_village``): the picture, the not-batik badge for a printed imitation, the name, the maker and their
    village, the price. ``sizes``: how wide a card is shown (default: the full-width grid);
    ``eager``: how many cards from the first are seen at once (the first row), whose pictures load first.

    Written in Python rather than a template included per card: a list page shows up to 48 cards, and the
    template's includes and lookups took more time than the page's queries."""
    cards = []
    url = _slug_url("showcase:product")
    not_batik = ""
    for n, product in enumerate(pieces):
        name = escape(product.name)
        pictures = getattr(product, "picture_list", None)
        if pictures:
            media = picture_html(pictures[0], sizes, product.name, eager=n < eager)
        else:
            media = f'<div class="sc-placeholder" aria-hidden="true"><span>{name}</span></div>'
        if not product.is_batik:
            not_batik = not_batik or get_template("catalogue/showcase/_not_batik.html").render().strip()
            media += f'<span class="sc-card-flag">{not_batik}</span>'
        maker = str(escape(product.maker_name))  # type: ignore[attr-defined]  # see card_products
        if product.maker_village:  # type: ignore[attr-defined]
            maker += f" · {escape(product.maker_village)}"  # type: ignore[attr-defined]
        cards.append(
            f'<article class="sc-card"><a class="sc-card-link" href="{escape(url(product.slug))}">'
            f'<div class="sc-card-media">{media}</div><div class="sc-card-body">'
            f'<h3 class="sc-card-title">{name}</h3><p class="sc-card-maker">{maker}</p>'
            f'<p class="sc-price">{escape(rupiah(product.price))}</p></div></a></article>'
        )
    return mark_safe(f'<div class="sc-grid">{"".join(cards)}</div>')  # noqa: S308 -- every value escaped above


@register.simple_tag
def select_options(options: Iterable[tuple[Any, Any]], current: Any) -> SafeString:
    """The ``<option>`` elements of a showcase filter, the current value selected (written here, not by a
    template loop, as ``canting.core``'s tag of the same name does for the staff lists)."""
    current = "" if current is None else str(current)
    html = []
    for value, label in options:
        value = str(value)
        selected = " selected" if value == current else ""
        html.append(f'<option value="{escape(value)}"{selected}>{escape(label)}</option>')
    return mark_safe("".join(html))  # noqa: S308 -- every value and label is escaped above


def _slug_url(name: str) -> Callable[[str], str]:
    """``reverse(name, args=[slug])`` for many slugs at the cost of one: the address is reversed once, in the
    active language, around a marker that is then replaced by each slug (a slug is letters, digits, - and _,
    which an address carries as they are)."""
    prefix, _marker, suffix = reverse(name, args=[SLUG_MARKER]).partition(SLUG_MARKER)
    return lambda slug: f"{prefix}{slug}{suffix}"
