"""Serializer pieces every app's API shares: areas, references scoped by ``for_user``, and masked personal data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canting.core.models import Area, AreaLevel
from canting.core.permissions import STAFF, role_of


class AreaSerializer(serializers.ModelSerializer[Area]):
    """A Kemendagri area: province, regency or city, district (kecamatan) or village (kelurahan / desa)."""

    class Meta:
        model = Area
        fields = ["code", "name", "level", "parent"]
        read_only_fields = fields


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField[Model]):
    """A reference by id, accepted only when the requesting user may see the object (its model's ``for_user``).

    An id outside the user's reach answers "does not exist", exactly like one that does not exist at all.
    """

    def get_queryset(self) -> QuerySet[Any]:
        queryset: Any = super().get_queryset()
        return queryset.for_user(self.context["request"].user)  # type: ignore[no-any-return]


class VillageField(serializers.PrimaryKeyRelatedField[Area]):
    """A village (kelurahan / desa) by its Kemendagri code, e.g. 35.76.02.1001.

    With ``in_working_area`` staff may only choose villages of the region they serve, so nothing they register
    falls outside what they can see afterwards.
    """

    def __init__(self, *, in_working_area: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Area.objects.filter(level=AreaLevel.VILLAGE))
        kwargs.setdefault("help_text", _("Kemendagri code of the village (kelurahan / desa), e.g. 35.76.02.1001."))
        self.in_working_area = in_working_area
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Area]:
        villages = cast(QuerySet[Area], super().get_queryset())
        user = self.context["request"].user
        if self.in_working_area and role_of(user) == STAFF and user.area_id:
            villages = villages.filter(code__startswith=user.area_id)
        return villages


class MaskedCharField(serializers.CharField):
    """Personal data shown masked (``canting.core.masking``): enough to recognise, not enough to misuse."""

    def __init__(self, mask: Callable[[str | None], str], **kwargs: Any) -> None:
        self.mask = mask
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return self.mask(None if value is None else str(value))


def absolute_url(context: Mapping[str, Any], url: str) -> str:
    """``url`` as a full address when the serializer serves a request (a storage's own absolute URL stays as is)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
