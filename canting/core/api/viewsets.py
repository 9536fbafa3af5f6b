"""The one shape of a writable API endpoint: read through ``for_user``, write through a service.

Data flows one way (DESIGN rule 1): the serializer parses and checks shape, the service applies the rules, writes
and audits; a service's refusal becomes a 400 naming the field. Objects outside the user's ``for_user`` answer
404, because the queryset never holds them (rule 2). Every subclass declares who may read and who may write
(rule 3).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.db.models import Model
from rest_framework import status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from canting.core.api.errors import service_errors
from canting.core.permissions import HasRole, role_of

M = TypeVar("M", bound=Model)


class ServiceViewSet(viewsets.ReadOnlyModelViewSet[M]):
    """List, read, create (POST) and change (PATCH); nothing is deleted through the API.

    Subclasses set ``allowed_roles`` (read), ``write_roles`` (change), optionally ``create_roles`` when creating is
    narrower than changing, ``serializer_class`` (the detail, also what every write answers with), optionally
    ``list_serializer_class`` and ``create_serializer_class``, and implement ``get_queryset`` from the model's
    ``for_user`` plus the two service calls.
    """

    permission_classes = [HasRole]
    http_method_names = ["get", "post", "patch", "head", "options"]
    allowed_roles: ClassVar[frozenset[str]]
    write_roles: ClassVar[frozenset[str]]
    create_roles: ClassVar[frozenset[str] | None] = None
    list_serializer_class: ClassVar[type[BaseSerializer[Any]] | None] = None
    create_serializer_class: ClassVar[type[BaseSerializer[Any]] | None] = None

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)
        if self.action == "create" and self.create_roles is not None and role_of(request.user) not in self.create_roles:
            self.permission_denied(request)

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        by_action = {"list": self.list_serializer_class, "create": self.create_serializer_class}
        return by_action.get(self.action) or super().get_serializer_class()

    # No docstrings on the actions below: drf-spectacular would show them instead of the subclass's domain text.
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            instance = self.create_with_service(dict(serializer.validated_data))
        return Response(self.detail_data(instance), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            instance = self.update_with_service(instance, dict(serializer.validated_data))
        return Response(self.detail_data(instance))

    def detail_data(self, instance: M) -> Any:
        """The object as its detail endpoint now shows it: read again, so annotations and prefetches are there."""
        fresh = self.get_queryset().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data  # type: ignore[misc]

    def create_with_service(self, data: dict[str, Any]) -> M:
        raise NotImplementedError

    def update_with_service(self, instance: M, changes: dict[str, Any]) -> M:
        raise NotImplementedError
