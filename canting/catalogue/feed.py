"""The marketplace feed: published products in the shape of a marketplace's bulk-upload sheet, one row a product.

Listings are written in Indonesian (``name_ind``, ``description_ind``) because the marketplaces sell to Indonesian
buyers; the category names and the condition are the marketplace's own words, so they are not translated. A
tiruan (printed imitation) product is never filed under a batik category, and nothing is added to any name.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from canting.catalogue.models import Product, ProductType

IMAGE_COLUMNS = 5
IMAGE_WIDTH = 1280  # marketplaces ask for large photos; the 1280 copy (or the largest there is)
CONDITION_NEW = "Baru"

# product type -> (category for batik, category for anything else); only batik goes under a "batik" category.
CATEGORIES: dict[str, tuple[str, str]] = {
    ProductType.KAIN_PANJANG: ("Kain Batik", "Kain"),
    ProductType.SARUNG: ("Sarung", "Sarung"),
    ProductType.SELENDANG: ("Selendang", "Selendang"),
    ProductType.SCARF: ("Scarf", "Scarf"),
    ProductType.KEMEJA: ("Kemeja Pria", "Kemeja Pria"),
    ProductType.BLOUSE: ("Blouse Wanita", "Blouse Wanita"),
    ProductType.DRESS: ("Dress Wanita", "Dress Wanita"),
    ProductType.BAG: ("Tas", "Tas"),
    ProductType.HOME_TEXTILE: ("Tekstil Rumah", "Tekstil Rumah"),
    ProductType.WALL_HANGING: ("Hiasan Dinding", "Hiasan Dinding"),
    ProductType.OTHER: ("Kerajinan Tangan", "Kerajinan Tangan"),
}
# A cell starting with one of these is read as a formula by spreadsheet programs (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header() -> list[str]:
    """The column titles, in the reader's language."""
    images = [_("Image %(number)d") % {"number": n} for n in range(1, IMAGE_COLUMNS + 1)]
    return [
        _("Name"),
        _("Description"),
        _("Price (Rp)"),
        _("Stock"),
        _("Weight (g)"),
        *images,
        _("Category"),
        _("SKU"),
        _("Condition"),
    ]


def category(product: Product) -> str:
    """The marketplace category of a product type; a product that is not batik never gets a batik category."""
    batik, other = CATEGORIES.get(product.product_type, CATEGORIES[ProductType.OTHER])
    return batik if product.is_batik else other


def weight_grams(product: Product) -> int | None:
    """Cloth weight estimated from g/m² and size (rounded up, so shipping is never under-declared); None if unknown."""
    if product.weight_gsm is None or product.length_cm is None or product.width_cm is None:
        return None
    return max(1, math.ceil(product.weight_gsm * product.length_cm * product.width_cm / 10_000))


def _text(value: str | None) -> str:
    """Artisans' own text, made safe to open in a spreadsheet program."""
    text = value or ""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def feed_rows(products: QuerySet[Product], absolute_url: Callable[[str], str]) -> list[list[Any]]:
    """One row per product, in ``header()`` order: two queries (the products, then their pictures)."""
    rows: list[list[Any]] = []
    for product in products.prefetch_related("pictures"):
        pictures = list(product.pictures.all())[:IMAGE_COLUMNS]
        images: list[str | None] = [absolute_url(p.url(IMAGE_WIDTH)) for p in pictures if p.renditions]
        images += [None] * (IMAGE_COLUMNS - len(images))
        rows.append(
            [
                _text(product.name_ind),  # type: ignore[attr-defined]
                _text(product.description_ind),  # type: ignore[attr-defined]
                int(product.price),
                product.stock,
                weight_grams(product),
                *images,
                category(product),
                _text(product.sku),
                CONDITION_NEW,
            ]
        )
    return rows
