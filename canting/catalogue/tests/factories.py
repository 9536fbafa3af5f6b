"""factory_boy factories for the catalogue: motifs, products and pictures with real resized copies.

Texts are set per language (``name_ind`` / ``name_en``, ...), since modeltranslation keeps one column per language.
Products are published pieces of an active enterprise unless told otherwise; pictures go through
``canting.catalogue.images.store`` so their WebP copies exist on the test storage, as after an upload.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from PIL import Image, ImageDraw

from canting.catalogue import images
from canting.catalogue.models import Fabric, Motif, Picture, Product, ProductStatus, ProductType
from canting.registry.models import Technique
from canting.registry.tests.factories import EnterpriseFactory


def photo_bytes(size: tuple[int, int] = (700, 500), colour: str = "#8a5a2b") -> io.BytesIO:
    """A small JPEG drawn with Pillow: a coloured cloth with a few light dots, like a simple kawung."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    step = max(size) // 6
    for x in range(step // 2, size[0], step):
        for y in range(step // 2, size[1], step):
            draw.ellipse((x - step // 4, y - step // 4, x + step // 4, y + step // 4), fill="#f3e6cf")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    buffer.seek(0)
    return buffer


class MotifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motif
        skip_postgeneration_save = True

    name_ind = factory.Sequence(lambda n: f"Motif Uji {n}")
    name_en = factory.Sequence(lambda n: f"Test Motif {n}")
    slug = factory.Sequence(lambda n: f"motif-uji-{n}")
    region = "Kota Mojokerto"
    story_ind = factory.Sequence(lambda n: f"Cerita motif uji nomor {n}, dibuat di sentra.")
    story_en = factory.Sequence(lambda n: f"The story of test motif number {n}, made at the centre.")
    meaning_ind = "Kesuburan dan harapan."
    meaning_en = "Fertility and hope."

    @factory.post_generation
    def related(self, create: bool, extracted: list[Motif] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.related.set(extracted)


class ProductFactory(factory.django.DjangoModelFactory):
    """A published piece of batik tulis. Pass ``motifs=[...]`` to link motifs, ``status=...`` for drafts."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(EnterpriseFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:04d}")
    slug = factory.Sequence(lambda n: f"kain-uji-{n}")
    name_ind = factory.Sequence(lambda n: f"Kain Uji {n}")
    name_en = factory.Sequence(lambda n: f"Test Cloth {n}")
    description_ind = "Kain panjang dengan isen-isen halus."
    description_en = "A long cloth with fine filling patterns."
    technique = Technique.TULIS
    product_type = ProductType.KAIN_PANJANG
    fabric = Fabric.PRIMISSIMA
    fibres = factory.LazyFunction(lambda: [{"fibre": "cotton", "percent": 100}])
    dyes = factory.LazyFunction(lambda: [{"name": "indigo", "natural": True}])
    natural_dye = factory.LazyAttribute(lambda o: any(bool(d.get("natural")) for d in o.dyes))
    length_cm = 250
    width_cm = 110
    price = Decimal(750000)
    stock = 3
    status = ProductStatus.PUBLISHED
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status != ProductStatus.DRAFT else None)

    @factory.post_generation
    def motifs(self, create: bool, extracted: list[Motif] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.motifs.set(extracted)


class PictureFactory(factory.django.DjangoModelFactory):
    """A picture of a product (default) or of a motif (``motif=...``), stored through ``images.store``.

    ``size`` and ``colour`` choose the drawn photo; equal photos are stored once, as in the application.
    """

    class Meta:
        model = Picture
        exclude = ("stored",)

    class Params:
        size = (700, 500)
        colour = "#8a5a2b"

    motif = None
    product = factory.Maybe("motif", yes_declaration=None, no_declaration=factory.SubFactory(ProductFactory))
    position = factory.Sequence(lambda n: n)
    alt_text_ind = factory.Sequence(lambda n: f"Foto kain uji {n}, dibentangkan")
    alt_text_en = factory.Sequence(lambda n: f"Photo of test cloth {n}, spread out")
    stored = factory.LazyAttribute(lambda o: images.store(photo_bytes(o.size, o.colour)))
    sha256 = factory.LazyAttribute(lambda o: o.stored.sha256)
    width = factory.LazyAttribute(lambda o: o.stored.width)
    height = factory.LazyAttribute(lambda o: o.stored.height)
    renditions = factory.LazyAttribute(lambda o: o.stored.renditions)
    share_copy = factory.LazyAttribute(lambda o: o.stored.share_copy)
