"""The registry's API: enterprises (IKM), people and facilitations, filtered with the same FilterSets as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.serializers import BaseSerializer

from canting.core.api.viewsets import ServiceViewSet
from canting.core.permissions import ARTISAN, STAFF, role_of
from canting.registry import services
from canting.registry.api.serializers import (
    ArtisanEnterpriseSerializer,
    EnterpriseSerializer,
    FacilitationSerializer,
    MaskedPersonSerializer,
    PersonCreateSerializer,
    PersonSerializer,
)
from canting.registry.filtersets import EnterpriseFilterSet, FacilitationFilterSet, PersonFilterSet
from canting.registry.models import Enterprise, Facilitation, Membership, Person
from canting.registry.selectors import owners_prefetch

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})


class EnterpriseViewSet(ServiceViewSet[Enterprise]):
    """Small batik enterprises (IKM) in the registry.

    Staff see and register every enterprise in their working area; an artisan sees only their own enterprise and
    may change its profile, but not its status, centre or NIB. The list leaves out applicants waiting for review
    unless `status` is asked for. Assessors and visitors have no access.
    """

    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_OR_ARTISAN
    create_roles = STAFF_ONLY
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet

    def get_queryset(self) -> QuerySet[Enterprise]:
        queryset = Enterprise.objects.for_user(self.request.user)
        if self.action == "list" and not self.request.query_params.get("status"):
            queryset = queryset.registered()
        return queryset.with_totals().select_related("village").prefetch_related(owners_prefetch())

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        if self.action == "partial_update" and role_of(self.request.user) == ARTISAN:
            return ArtisanEnterpriseSerializer
        return super().get_serializer_class()

    def create_with_service(self, data: dict[str, Any]) -> Enterprise:
        return services.create_enterprise(actor=self.request.user, data=data)  # type: ignore[arg-type]

    def update_with_service(self, instance: Enterprise, changes: dict[str, Any]) -> Enterprise:
        return services.update_enterprise(instance, actor=self.request.user, changes=changes)  # type: ignore[arg-type]


@extend_schema_view(create=extend_schema(request=PersonCreateSerializer, responses={201: PersonSerializer}))
class PersonViewSet(ServiceViewSet[Person]):
    """People known to the programme: owners, managers and workers (perajin) of the enterprises.

    Staff see the people of their working area; an artisan sees, adds and edits the people of their own enterprise.
    NIK and phone are personal data: masked in the list, whole only in a person's detail. A new person is always
    added with their role in an enterprise. Assessors and visitors have no access.
    """

    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_OR_ARTISAN
    serializer_class = PersonSerializer
    list_serializer_class = MaskedPersonSerializer
    create_serializer_class = PersonCreateSerializer
    filterset_class = PersonFilterSet

    def get_queryset(self) -> QuerySet[Person]:
        queryset = Person.objects.for_user(self.request.user)
        if self.action == "list":
            queryset = queryset.registered()
        # Only the roles in enterprises the user may see: a worker's other employers are none of an artisan's business.
        memberships = Membership.objects.for_user(self.request.user).select_related("enterprise")
        return queryset.prefetch_related(Prefetch("memberships", queryset=memberships))

    def create_with_service(self, data: dict[str, Any]) -> Person:
        enterprise, role = data.pop("enterprise"), data.pop("role")
        return services.create_person(actor=self.request.user, data=data, enterprise=enterprise, role=role)  # type: ignore[arg-type]

    def update_with_service(self, instance: Person, changes: dict[str, Any]) -> Person:
        return services.update_person(instance, actor=self.request.user, changes=changes)  # type: ignore[arg-type]


class FacilitationViewSet(ServiceViewSet[Facilitation]):
    """Legality and support an enterprise received (NIB, trademark, halal, Batikmark, SNI, ...) and who paid for it.

    Staff record and update them for the enterprises of their working area; an artisan reads those of their own
    enterprise. Evidence files are uploaded on the enterprise's page and downloaded from `evidence_url`.
    Assessors and visitors have no access.
    """

    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_ONLY
    serializer_class = FacilitationSerializer
    filterset_class = FacilitationFilterSet

    def get_queryset(self) -> QuerySet[Facilitation]:
        return Facilitation.objects.for_user(self.request.user).select_related("enterprise")

    def create_with_service(self, data: dict[str, Any]) -> Facilitation:
        enterprise = data.pop("enterprise")
        return services.record_facilitation(actor=self.request.user, enterprise=enterprise, data=data)  # type: ignore[arg-type]

    def update_with_service(self, instance: Facilitation, changes: dict[str, Any]) -> Facilitation:
        changes.pop("enterprise", None)
        return services.update_facilitation(instance, actor=self.request.user, changes=changes)  # type: ignore[arg-type]
