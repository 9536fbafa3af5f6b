"""How the API's endpoints are described in its OpenAPI schema: with the errors they answer, not only success.

drf-spectacular documents the success answer of each endpoint; a client also meets DRF's refusals, each with its
JSON body, and reads the schema to know them:

- 400 where the request carries something to check: a body (POST, PATCH) or query parameters (filters, ordering);
  the body maps each field (or ``non_field_errors``) to its messages;
- 403 everywhere: credentials that are not accepted, or a role that may not use the endpoint;
- 404 where the address names an object (a path parameter) or a page of a list (``page`` beyond the last one);
- 429 where a throttle counts the client's requests.

An endpoint that documents one of these codes itself (``extend_schema(responses=...)``) keeps its own.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    """A refusal with one message: not allowed, not found, too many requests."""

    detail = serializers.CharField(read_only=True)


# A field name (or ``non_field_errors``) to its messages; nested serializers nest the same way.
FIELD_ERRORS = {"type": "object", "additionalProperties": {}, "description": "Messages by field."}


class CantingAutoSchema(AutoSchema):
    """The schema of every API endpoint (settings ``DEFAULT_SCHEMA_CLASS``)."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code, answer in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(answer, code, direction=direction)
        return responses

    def _error_responses(self) -> dict[str, OpenApiResponse]:
        paginated = self._is_list_view() and self._get_paginator() is not None
        errors: dict[str, OpenApiResponse] = {}
        if self.method in ("POST", "PUT", "PATCH") or self._get_filter_parameters() or paginated:
            errors["400"] = OpenApiResponse(FIELD_ERRORS, _("The request is not valid: the messages say why."))
        errors["403"] = OpenApiResponse(ErrorSerializer, _("Not signed in, or not allowed."))
        if "{" in self.path or paginated:
            errors["404"] = OpenApiResponse(ErrorSerializer, _("Not found, or not visible to this user."))
        if self.view.get_throttles():
            errors["429"] = OpenApiResponse(ErrorSerializer, _("Too many requests; wait."))
        return errors
