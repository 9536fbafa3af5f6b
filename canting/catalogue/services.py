"""Every write to the catalogue: typed functions, one transaction each, an audit event each."""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canting.catalogue import images
from canting.catalogue.models import Motif, Picture, Product, ProductStatus
from canting.core import audit, public_cache, services
from canting.core.models import Role, User
from canting.core.scope import require_staff
from canting.registry.models import Enterprise, Technique

FIBRES = {"cotton", "silk", "rayon", "linen", "polyester", "wool", "other"}
TRANSLATED_TEXT = ("name_ind", "name_en", "description_ind", "description_en")


NOT_YOURS = gettext_lazy("This piece belongs to an enterprise outside what you may change.")
MOTIFS_STAFF_ONLY = gettext_lazy("Only office staff keep the motif registry.")


def _unique_slug(model: type[Product] | type[Motif], text: str, pk: int | None) -> str:
    base = slugify(text)[:120] or "item"
    slug, n = base, 1
    while model.objects.exclude(pk=pk).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_product(product: Product) -> None:
    """The rules a product must meet before it is saved: fibres add up, dyes are named, and a tiruan piece
    never calls itself batik."""
    errors: dict[str, list[str]] = {}
    try:
        product.full_clean(exclude=["slug"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    fibres = product.fibres or []
    if not isinstance(fibres, list) or any(
        not isinstance(f, dict)
        or f.get("fibre") not in FIBRES
        or not isinstance(f.get("percent"), int)
        or not 0 < f["percent"] <= 100
        for f in fibres
    ):
        errors.setdefault("fibres", []).append(_("Each fibre needs a known name and a whole percentage from 1 to 100."))
    elif fibres and sum(f["percent"] for f in fibres) != 100:
        errors.setdefault("fibres", []).append(
            _("The fibre percentages add up to %(total)d; they must add up to 100.")
            % {"total": sum(f["percent"] for f in fibres)}
        )
    dyes = product.dyes or []
    if not isinstance(dyes, list) or any(not isinstance(d, dict) or not str(d.get("name", "")).strip() for d in dyes):
        errors.setdefault("dyes", []).append(_("Each dye needs a name."))
    if product.technique == Technique.TIRUAN:
        # The translated columns (django-modeltranslation) are added to the model at start-up.
        text = " ".join(str(getattr(product, f, "") or "") for f in TRANSLATED_TEXT).lower()
        if "batik" in text:
            errors.setdefault("name_ind", []).append(
                _("A printed imitation (tiruan) is not batik: leave the word batik out of its name and description.")
            )
    if errors:
        raise ValidationError(errors)


def _prepare(product: Product) -> None:
    product.natural_dye = any(bool(d.get("natural")) for d in (product.dyes or []) if isinstance(d, dict))
    if product.status == ProductStatus.PUBLISHED and product.published_at is None:
        product.published_at = timezone.now()
    if product.status != ProductStatus.PUBLISHED:
        product.featured = False  # the home page shows only what the public can open
    check_product(product)
    name = getattr(product, "name_ind", "") or product.name
    product.slug = product.slug or _unique_slug(Product, f"{name}-{product.enterprise_id}", product.pk)


def _touch_public() -> None:
    """Public pages are cached; any change that a visitor could see makes the cache start over."""
    transaction.on_commit(public_cache.bump_version)


@transaction.atomic
def create_product(
    *, actor: User, enterprise: Enterprise, data: dict[str, Any], motifs: list[Motif] | None = None
) -> Product:
    services.require_visible(Enterprise.objects, enterprise, actor, NOT_YOURS)
    if actor.role != Role.STAFF:
        data.pop("featured", None)
    product = Product(enterprise=enterprise, **data)
    _prepare(product)
    product = services.create(product, actor=actor, action="catalogue.product.created")
    if motifs is not None:
        product.motifs.set(motifs)
    _touch_public()
    return product


@transaction.atomic
def update_product(
    product: Product, *, actor: User, changes: dict[str, Any], motifs: list[Motif] | None = None
) -> Product:
    services.require_visible(Product.objects, product, actor, NOT_YOURS)
    if actor.role != Role.STAFF:
        changes.pop("featured", None)
    fresh = Product.objects.select_for_update().get(pk=product.pk)
    product = services.update(
        fresh,
        changes,
        actor=actor,
        action="catalogue.product.changed",
        prepare=_prepare,
        derived=("natural_dye", "published_at", "slug", "featured"),
    )
    if motifs is not None:
        before = sorted(product.motifs.values_list("pk", flat=True))
        product.motifs.set(motifs)
        after = sorted(m.pk for m in motifs)
        if before != after:
            audit.record(
                actor=actor,
                action="catalogue.product.motifs_changed",
                instance=product,
                changes={"motifs": [before, after]},
            )
    _touch_public()
    return product


@transaction.atomic
def set_status(product: Product, status: str, *, actor: User) -> Product:
    if status not in ProductStatus.values:
        raise ValidationError({"status": _("Unknown status.")}, code="status")
    return update_product(product, actor=actor, changes={"status": status})


@transaction.atomic
def set_featured(product: Product, featured: bool, *, actor: User) -> Product:
    """Staff choose the pieces shown first on the public home page."""
    require_staff(actor, _("Only office staff choose featured pieces."))
    if featured and product.status != ProductStatus.PUBLISHED:
        raise ValidationError(_("Only a published piece can be featured."), code="not_published")
    fresh = Product.objects.select_for_update().get(pk=product.pk)
    product = services.update(fresh, {"featured": featured}, actor=actor, action="catalogue.product.featured")
    _touch_public()
    return product


def _require_owner(actor: User, product: Product | None) -> None:
    """A piece's pictures are changed by those who see the piece; a motif's (no piece) by staff only."""
    if product is None:
        require_staff(actor, MOTIFS_STAFF_ONLY)
    else:
        services.require_visible(Product.objects, product, actor, NOT_YOURS)


@transaction.atomic
def add_picture(
    *,
    actor: User,
    upload: IO[bytes],
    size: int | None,
    alt_text: dict[str, str],
    product: Product | None = None,
    motif: Motif | None = None,
) -> Picture:
    """Check and store a photo, then attach it after the existing ones."""
    _require_owner(actor, product)
    if not (alt_text.get("ind") or "").strip():
        raise ValidationError({"alt_text_ind": _("Describe what the photo shows.")}, code="alt_required")
    stored = images.store(upload, size)
    owner = {"product": product} if product is not None else {"motif": motif}
    last = Picture.objects.filter(**owner).aggregate(m=Max("position"))["m"]
    picture = Picture(
        **owner,
        position=0 if last is None else last + 1,
        alt_text_ind=alt_text["ind"].strip(),
        alt_text_en=(alt_text.get("en") or "").strip(),
        sha256=stored.sha256,
        width=stored.width,
        height=stored.height,
        renditions=stored.renditions,
        share_copy=stored.share_copy,
    )
    picture = services.create(picture, actor=actor, action="catalogue.picture.added")
    _touch_public()
    return picture


@transaction.atomic
def remove_picture(picture: Picture, *, actor: User) -> None:
    """Detach a picture. Its files stay while another picture uses the same content (pictures are stored once)."""
    _require_owner(actor, picture.product)
    audit.record(
        actor=actor, action="catalogue.picture.removed", instance=picture, changes={"sha256": [picture.sha256, None]}
    )
    picture.delete()
    _touch_public()


@transaction.atomic
def save_motif(
    *, actor: User, data: dict[str, Any], motif: Motif | None = None, related: list[Motif] | None = None
) -> Motif:
    require_staff(actor, MOTIFS_STAFF_ONLY)
    if motif is None:
        motif = Motif(**data)
        motif.slug = _unique_slug(Motif, data.get("name_ind") or data.get("name") or "", None)
        motif = services.create(motif, actor=actor, action="catalogue.motif.created")
    else:
        fresh = Motif.objects.select_for_update().get(pk=motif.pk)
        motif = services.update(fresh, data, actor=actor, action="catalogue.motif.changed")
    if related is not None:
        motif.related.set([m for m in related if m.pk != motif.pk])
    _touch_public()
    return motif
