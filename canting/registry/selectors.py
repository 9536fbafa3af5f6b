"""Read-only questions other pages ask of the registry; every answer respects ``for_user``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from canting.registry.models import (
    Application,
    ApplicationStatus,
    Enterprise,
    EnterpriseStatus,
    Facilitation,
    FacilitationKind,
    FacilitationStatus,
    Membership,
    MembershipRole,
    Person,
)


def owners_prefetch(lookup: str = "memberships") -> Prefetch:  # type: ignore[type-arg]
    """An enterprise's owners with their person, fetched for a whole page at once, as ``owners`` on it."""
    owners = Membership.objects.filter(role=MembershipRole.OWNER).select_related("person").order_by("person__full_name")
    return Prefetch(lookup, queryset=owners, to_attr="owners")


def current_holders(user: Any, kind: str) -> int:
    """Enterprises holding a granted, unexpired facilitation of ``kind`` (e.g. Batikmark)."""
    today = timezone.localdate()
    return (
        Facilitation.objects.for_user(user)
        .filter(kind=kind, status=FacilitationStatus.GRANTED)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .values("enterprise")
        .distinct()
        .count()
    )


def registry_counts(user: Any) -> dict[str, Any]:
    enterprises = Enterprise.objects.for_user(user).registered()
    figures = enterprises.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(status=EnterpriseStatus.ACTIVE)),
        men=Sum("workers_men", default=0),
        women=Sum("workers_women", default=0),
        capacity=Sum("monthly_capacity", default=0),
    )
    return {
        **figures,
        "people": Person.objects.for_user(user).registered().count(),
        "pending": Application.objects.for_user(user).filter(status=ApplicationStatus.PENDING).count(),
        "batikmark": current_holders(user, FacilitationKind.BATIKMARK),
        "sni": current_holders(user, FacilitationKind.SNI),
        "nib": current_holders(user, FacilitationKind.NIB),
    }


STOPWORDS = {"batik", "ud", "cv", "pt", "sanggar", "griya", "omah", "rumah"}


def similar_enterprises(enterprise: Enterprise, limit: int = 5) -> list[Enterprise]:
    """Registered enterprises that may be the same as ``enterprise``: same NIB, or a shared distinctive word in the
    name within the same district. Shown to staff reviewing a registration."""
    words = [w for w in enterprise.name.lower().replace('"', " ").split() if len(w) > 2 and w not in STOPWORDS]
    query = Q(nib=enterprise.nib) if enterprise.nib else Q(pk__in=[])
    district = (enterprise.village_id or "").rsplit(".", 1)[0]
    for word in words:
        query |= Q(name__icontains=word, village__code__startswith=district)
    return list(
        Enterprise.objects.exclude(pk=enterprise.pk).registered().filter(query).select_related("village")[:limit]
    )
