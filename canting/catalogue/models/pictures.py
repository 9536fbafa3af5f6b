"""Pictures of products and motifs, stored once per content with resized WebP copies made at upload."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.utils.encoding import filepath_to_uri
from django.utils.translation import gettext_lazy as _

from canting.catalogue.querysets import PictureQuerySet
from canting.core.models import TimeStamped

# The widths of the WebP copies made at upload. 480 serves a card or a full-width photo on a phone; pictures stored
# before it had one were given theirs by migration 0005.
WIDTHS = (320, 480, 640, 1280)


def stored_url(name: str) -> str:
    """The address of a stored file. On the disk it is MEDIA_URL and the name, without the storage's general-purpose
    URL joining (a page of cards asks for about a hundred); other storages (object storage) build their own."""
    storage = storages["default"]
    if type(storage) is FileSystemStorage:
        return f"{storage.base_url}{filepath_to_uri(name)}"
    return storage.url(name)


class Picture(TimeStamped):
    """One picture of a product or of a motif (exactly one of the two), with the text read out in its place."""

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pictures",
    )
    motif = models.ForeignKey(
        "catalogue.Motif",
        verbose_name=_("motif"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pictures",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt_text = models.CharField(
        _("alt text"), max_length=200, help_text=_("What the picture shows, for those who cannot see it.")
    )
    sha256 = models.CharField(_("content hash"), max_length=64, db_index=True, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    renditions: models.JSONField[dict[str, str]] = models.JSONField(
        _("resized copies"), default=dict, editable=False, help_text=_("Width in pixels -> stored file name (WebP).")
    )
    share_copy = models.CharField(
        _("copy for shared links"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("A JPEG for link previews (WhatsApp, social media), which do not all show WebP."),
    )

    objects = PictureQuerySet.as_manager()

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product__isnull=False, motif__isnull=True)
                | models.Q(product__isnull=True, motif__isnull=False),
                name="catalogue_picture_of_one_thing",
                violation_error_message=_("A picture belongs to a product or to a motif."),
            )
        ]

    def __str__(self) -> str:
        return self.alt_text

    @cached_property
    def copies(self) -> list[tuple[int, str]]:
        """Each stored copy as (width, URL), narrowest first; worked out once per picture."""
        return sorted((int(width), stored_url(name)) for width, name in self.renditions.items())

    def url(self, width: int) -> str:
        """The URL of the smallest stored copy at least ``width`` pixels wide (or the largest there is)."""
        copies = self.copies
        return next((url for w, url in copies if w >= width), copies[-1][1] if copies else "")

    def srcset(self, widest: int | None = None) -> str:
        """The copies as a ``srcset`` (``URL 320w, ...``), optionally only those at most ``widest`` pixels wide."""
        return ", ".join(f"{url} {w}w" for w, url in self.copies if widest is None or w <= widest)

    @property
    def share_url(self) -> str:
        """The picture a shared link shows: the JPEG copy, or the large WebP copy for pictures stored before it."""
        return stored_url(self.share_copy) if self.share_copy else self.large_url

    @property
    def thumb_url(self) -> str:
        return self.url(320)

    @property
    def medium_url(self) -> str:
        return self.url(640)

    @property
    def large_url(self) -> str:
        return self.url(1280)

    def as_dict(self) -> dict[str, Any]:
        return {
            "alt": self.alt_text,
            "width": self.width,
            "height": self.height,
            "urls": {str(w): url for w, url in self.copies},
        }
