"""The public showcase: what a buyer sees without signing in, in Indonesian or English.

Every page is open to everyone and shows only what ``Product.objects.public()`` and ``Motif.objects.public()``
let through: a draft, an archived piece or a piece of an inactive enterprise answers 404. Pages are cached for
visitors (``canting.core.public_cache.public_page``); nothing here writes, and no page carries a POST form or a
CSRF token, so one cached copy serves every visitor. Addresses that leave the site (shared links, the WhatsApp
message, hreflang alternates) are built on ``CANTING_SITE_URL``, never on the request's Host header.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    F,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from canting.catalogue.filtersets import MotifFilterSet, ProductFilterSet
from canting.catalogue.models import Fabric, Motif, Picture, Product, ProductType
from canting.catalogue.selectors import ordered_pictures
from canting.catalogue.wording import NOT_BATIK, technique_choices, technique_text
from canting.core.permissions import EVERYONE, allow
from canting.core.public import ShowcasePage
from canting.core.public_cache import cached_count
from canting.core.site import site_url
from canting.registry.models import Enterprise, Membership, MembershipRole, Person
from canting.registry.selectors import owners_prefetch

M = TypeVar("M", bound=Model)

PER_PAGE_CHOICES = (12, 24, 48)
PER_PAGE_DEFAULT = 24
HOME_PIECES = 8
HOME_MOTIFS = 8
MORE_FROM_MAKER = 4
SECTION_PIECES = 12  # pieces shown on an enterprise's or a motif's page before "see all"
SORTS = (
    ("", _("Newest first")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("name", _("Name")),
)
# Picture names under MEDIA_ROOT/catalogue, as canting.catalogue.images stores them: a folder named by the first two
# hex digits of the content's hash, then the hash, a width or 'share', and an image extension. No dots but the
# extension's, so neither '..' nor a hidden file ever matches.
PICTURE_FILE = re.compile(r"[0-9a-f]{2}/(?P<sha>[0-9a-f]{64})-[\w-]+\.(?:webp|jpe?g|png)")
PUBLIC_PICTURE_SECONDS = 3600


def public_enterprises() -> QuerySet[Enterprise]:
    """Enterprises a visitor may read about (the registry's rule); applicants and inactive ones answer 404."""
    return Enterprise.objects.public()


# What a card shows of a piece (``product_cards``): only these columns are read for a page of cards.
PIECE_FIELDS = ("slug", "name", "technique", "price")


def card_products(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Pieces ready for cards: the maker's name and village as two columns of the piece (no maker or village records
    to build for each card), pictures fetched once for the whole page (a card names no motif)."""
    return (
        queryset.only(*PIECE_FIELDS)
        .annotate(maker_name=F("enterprise__name"), maker_village=F("enterprise__village__name"))
        .prefetch_related(ordered_pictures())
    )


def motif_cards(queryset: QuerySet[Motif]) -> QuerySet[Motif]:
    """Motifs ready for cards: their pictures, and how many public pieces carry them."""
    links = Product.motifs.through.objects.filter(motif=OuterRef("pk"), product__in=Product.objects.public())
    pieces = links.order_by().values("motif").annotate(n=Count("pk")).values("n")  # type: ignore[misc]
    return queryset.annotate(
        piece_count=Coalesce(Subquery(pieces, output_field=IntegerField()), Value(0))
    ).prefetch_related(ordered_pictures())


def in_stable_order(queryset: QuerySet[M]) -> QuerySet[M]:
    """The chosen sort (or the model's own), ending on the id, so equal prices or names keep one order from page
    to page."""
    ordering = [str(o) for o in (queryset.query.order_by or queryset.model._meta.ordering or [])]
    if not any(o.lstrip("-") in ("id", "pk") for o in ordering):
        ordering.append("id")
    return queryset.order_by(*ordering)


def first_or_more(queryset: QuerySet[Product], limit: int) -> tuple[list[Product], bool]:
    """Up to ``limit`` pieces and whether there are more, without a COUNT query."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def owner_of(enterprise: Enterprise) -> Person | None:
    """The person a buyer deals with: the enterprise's owner (the first by name when there are several)."""
    owners = getattr(enterprise, "owners", [])
    return owners[0].person if owners else None


def contact_links(product: Product, url: str) -> dict[str, str]:
    """How a buyer reaches the maker about this piece: the enterprise's business WhatsApp and e-mail, when it has
    published them (never the owner's private phone). The message names the piece and its address, in the language
    of the page."""
    enterprise = product.enterprise
    message = gettext("Hello, I saw %(name)s on the Canting showcase and would like to know more: %(url)s") % {
        "name": product.name,
        "url": url,
    }
    links = {}
    digits = re.sub(r"\D", "", enterprise.contact_phone or "")
    if digits:
        links["whatsapp"] = f"https://wa.me/{digits}?text={quote(message, safe='')}"
    if enterprise.contact_email:
        subject = gettext("About %(name)s") % {"name": product.name}
        address = enterprise.contact_email
        links["email"] = f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(message, safe='')}"
    return links


def picture_meta(picture: Picture | None) -> dict[str, str]:
    """The picture a shared link shows (its JPEG copy for link previews), for OpenGraph and Twitter cards."""
    if picture is None or not picture.renditions:
        return {}
    return {"image": site_url(picture.share_url), "image_alt": picture.alt_text}


def choice_label(choices: type[TextChoices], value: str) -> str:
    """What ``get_FOO_display()`` says for ``value``, without hashing every choice's label on each call as it does."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class HomeView(ShowcasePage, TemplateView):
    """The front door for a buyer: pieces the office features first (the newest when none are), then the motifs
    whose stories the pieces carry."""

    template_name = "catalogue/showcase/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pieces = list(card_products(Product.objects.public().filter(featured=True))[:HOME_PIECES])
        context["showing_newest"] = not pieces
        if not pieces:
            pieces = list(card_products(Product.objects.public())[:HOME_PIECES])
        context["pieces"] = pieces
        motifs = motif_cards(Motif.objects.public()).order_by("-piece_count", "name")  # type: ignore[misc]
        context["motifs"] = list(motifs[:HOME_MOTIFS])
        return context


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose count of pieces is kept for every page and sort of the same search and filters (see
    ``canting.core.public_cache.cached_count``): counting thousands of pieces costs more than showing a page of them."""

    def __init__(self, *args: Any, count_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return cached_count(self.object_list, self.count_key)  # type: ignore[arg-type]


class ProductListView(ShowcasePage, ListView):  # type: ignore[type-arg]
    """Every public piece, found by a word of its name or its motifs' stories, narrowed by technique, motif,
    type, fabric, dye, price and maker, sorted and paged (12, 24 or 48 a page)."""

    template_name = "catalogue/showcase/product_list.html"
    context_object_name = "products"

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Paginator:  # type: ignore[type-arg]
        # The search and filters decide the count; the page, its size and the sort do not.
        asked = sorted((k, v) for k in self.filterset.filters if k != "ordering" for v in self.request.GET.getlist(k))
        key = "products:" + urlencode(asked)
        return CountedPaginator(queryset, per_page, *args, count_key=key, **kwargs)

    def get_paginate_by(self, queryset: Any) -> int:
        asked = self.request.GET.get("per_page", "")
        return int(asked) if asked.isdigit() and int(asked) in PER_PAGE_CHOICES else PER_PAGE_DEFAULT

    def get_queryset(self) -> QuerySet[Product]:
        self.filterset = ProductFilterSet(self.request.GET or None, queryset=Product.objects.public())
        return card_products(in_stable_order(self.filterset.qs))

    def page_meta(self) -> dict[str, str]:
        q = self.request.GET.get("q", "").strip()
        title = gettext("Pieces matching “%(q)s”") % {"q": q} if q else gettext("Pieces")
        meta = {**super().page_meta(), "title": title}
        if any(key != "page" for key in self.request.GET):
            meta["robots"] = "noindex, follow"  # searches and filters: endless variants of the same pieces
        return meta

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # A national showcase has thousands of makers: no list of them all on every page. Visitors reach a maker's
        # pieces from the maker's page; here the current maker shows as a filter that can be removed.
        current = self.request.GET.get("enterprise", "")
        makers = public_enterprises().filter(pk=int(current)) if current.isdigit() else public_enterprises().none()
        context.update(
            filter=self.filterset,
            values=self.request.GET,
            techniques=technique_choices(),
            product_types=ProductType.choices,
            fabrics=Fabric.choices,
            motif_options=list(Motif.objects.public().order_by("name").values_list("slug", "name")),
            enterprise_options=[(str(e.pk), e.name) for e in makers],
            sorts=SORTS,
            per_page_choices=PER_PAGE_CHOICES,
            per_page=self.get_paginate_by(self.object_list),
            narrowing=sum(1 for k in self.filterset.filters if k not in ("q", "ordering") and self.request.GET.get(k)),
        )
        return context


class ProductView(ShowcasePage, DetailView):  # type: ignore[type-arg]
    """One piece as a buyer meets it: its pictures, the story of its motifs, who made it and where, what it is
    made of, its size and price, and a button to ask the maker about it."""

    template_name = "catalogue/showcase/product_detail.html"
    context_object_name = "product"
    og_type = "product"
    object: Product

    def get_queryset(self) -> QuerySet[Product]:
        return (
            Product.objects.public()
            .select_related("enterprise__village__parent__parent__parent", "enterprise__centre")
            .prefetch_related(Prefetch("motifs", queryset=Motif.objects.order_by("name"), to_attr="motif_list"))
        )

    def page_meta(self) -> dict[str, str]:
        product = self.object
        facts = [technique_text(product.technique)]
        if not product.is_batik:
            facts.append(str(NOT_BATIK))
        facts += [choice_label(ProductType, product.product_type), product.enterprise.name]
        summary = " · ".join(str(f) for f in facts)
        text = Truncator(" ".join((product.description or "").split())).chars(160)
        return {
            "title": product.name,
            "description": f"{summary}. {text}" if text else summary,
            **picture_meta(next(iter(product.picture_list), None)),  # type: ignore[attr-defined]
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        product = self.object
        more = Product.objects.public().filter(enterprise=product.enterprise_id).exclude(pk=product.pk)
        more_pieces = list(more.only(*PIECE_FIELDS)[:MORE_FROM_MAKER])
        maker = product.enterprise
        for piece in more_pieces:  # the same maker, already read with its village
            piece.maker_name, piece.maker_village = maker.name, maker.village.name if maker.village_id else ""
        # The piece's pictures and those of the maker's other pieces, in one query (the page's metadata reads them).
        prefetch_related_objects([product, *more_pieces], ordered_pictures())
        context = super().get_context_data(**kwargs)
        # The owner's name is all the page shows of them: one small query, not their whole record.
        owners = Membership.objects.filter(enterprise=product.enterprise_id, role=MembershipRole.OWNER)
        context.update(
            kind=choice_label(ProductType, product.product_type),
            fabric=choice_label(Fabric, product.fabric),
            owner_name=owners.order_by("person__full_name").values_list("person__full_name", flat=True).first(),
            contact=contact_links(product, site_url(product.get_absolute_url())),
            more_pieces=more_pieces,
        )
        return context


class EnterpriseView(ShowcasePage, DetailView):  # type: ignore[type-arg]
    """A maker as a buyer meets them: the enterprise, its owner, where it works, how it works, and its pieces."""

    template_name = "catalogue/showcase/enterprise_detail.html"
    context_object_name = "enterprise"
    object: Enterprise

    def get_queryset(self) -> QuerySet[Enterprise]:
        return (
            public_enterprises()
            .select_related("village__parent__parent__parent", "centre")
            .prefetch_related(owners_prefetch("memberships"))
        )

    def page_meta(self) -> dict[str, str]:
        enterprise = self.object
        if enterprise.makes_only_imitation:  # such a maker is never called a batik maker
            text = gettext("%(name)s, a maker in %(place)s: their pieces on Canting.")
        else:
            text = gettext("%(name)s, a batik maker in %(place)s: their pieces on Canting.")
        return {
            "title": enterprise.name,
            "description": text % {"name": enterprise.name, "place": enterprise.village.path},
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pieces = card_products(Product.objects.public().filter(enterprise=self.object.pk))
        context["pieces"], context["more_pieces"] = first_or_more(pieces, SECTION_PIECES)
        context["owner"] = owner_of(self.object)
        return context


class MotifListView(ShowcasePage, ListView):  # type: ignore[type-arg]
    """The motifs of the region, each with the story behind it, found by a word of its name or story."""

    template_name = "catalogue/showcase/motif_list.html"
    context_object_name = "motifs"
    paginate_by = PER_PAGE_DEFAULT

    def get_queryset(self) -> QuerySet[Motif]:
        self.filterset = MotifFilterSet(self.request.GET or None, queryset=Motif.objects.public())
        return motif_cards(in_stable_order(self.filterset.qs))

    def page_meta(self) -> dict[str, str]:
        return {
            **super().page_meta(),
            "title": gettext("Motifs and their stories"),
            "description": gettext("The batik motifs of the region: where each comes from and what it means."),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "values": self.request.GET}


class MotifView(ShowcasePage, DetailView):  # type: ignore[type-arg]
    """A motif's page: its story and meaning, where it comes from, its registration as intellectual property,
    the motifs related to it, and the pieces that carry it."""

    template_name = "catalogue/showcase/motif_detail.html"
    context_object_name = "motif"
    object: Motif

    def get_queryset(self) -> QuerySet[Motif]:
        related = Prefetch("related", queryset=motif_cards(Motif.objects.order_by("name")), to_attr="related_list")
        return (
            Motif.objects.public()
            .select_related("area__parent__parent__parent", "ip_holder_enterprise")
            .prefetch_related(ordered_pictures(), related)
        )

    def page_meta(self) -> dict[str, str]:
        motif = self.object
        return {
            "title": motif.name,
            "description": Truncator(" ".join(motif.story.split())).chars(200),
            **picture_meta(next(iter(motif.picture_list), None)),  # type: ignore[attr-defined]
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pieces = card_products(Product.objects.public().filter(motifs=self.object.pk))
        context["pieces"], context["more_pieces"] = first_or_more(pieces, SECTION_PIECES)
        return context


@allow(EVERYONE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Tells search engines to read the showcase and its pictures, to keep out of the working pages, and where
    the sitemap is."""
    lines = [
        "User-agent: *",
        *(f"Allow: /{code}/" for code, _name in settings.LANGUAGES),
        "Allow: /media/catalogue/",
        *(f"Disallow: {prefix}" for prefix in ("/registry/", "/catalogue/", "/admin/", "/api/")),
        "",
        f"Sitemap: {site_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@allow(EVERYONE)
def catalogue_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """The catalogue's resized pictures, each to those who may see what it shows.

    A motif's pictures and a published piece's are public; a draft's, an archived piece's or one held back are
    served only to its maker and to staff (404 to anyone else), so a picture never stays public at its address
    after its piece is taken off the showcase. Files are named by the content's hash, which finds the pictures a
    file belongs to (one content may be shared by several). Only picture names under MEDIA_ROOT/catalogue/ are
    served: the rest of MEDIA_ROOT holds private files (evidence documents) that must never be reachable.

    With ``MEDIA_ACCEL_REDIRECT`` set, the web server in front sends the file (nginx ``X-Accel-Redirect`` to an
    ``internal`` location, see docs/operations.md) after this check; otherwise Django sends it.
    """
    match = PICTURE_FILE.fullmatch(path)
    if match is None:
        raise Http404
    pictures = Picture.objects.filter(sha256=match["sha"])
    if pictures.public().exists():
        cache_control = f"public, max-age={PUBLIC_PICTURE_SECONDS}"
    elif request.user.is_authenticated and pictures.for_user(request.user).exists():
        cache_control = "private, max-age=3600"
    else:
        raise Http404
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        response: HttpResponseBase = HttpResponse(content_type=mimetypes.guess_type(path)[0])
        response["X-Accel-Redirect"] = f"{accel}catalogue/{path}"
    else:
        response = serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / "catalogue"))
    # Not 'immutable' although names carry the content's hash: a picture whose piece leaves the showcase must leave
    # browsers' and proxies' caches too, within the hour.
    response["Cache-Control"] = cache_control
    return response
