"""Turning a refusal into an API answer: an address the API does not know, and a service's refusal.

An address under /api/ that no endpoint matches (an id that is not a number, a path that does not exist) answers
404 in JSON, as every endpoint's own 404 does, not the site's HTML page (``not_found``, the project's handler404).

A service's refusal: a Django ``ValidationError`` becomes a 400 with field errors.

Services raise ``django.core.exceptions.ValidationError`` (usually with a ``{field: message}`` dict and a code);
DRF only answers 400 for its own ``ValidationError``, so every API write runs the service inside
``service_errors()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings


def as_api_error(exc: DjangoValidationError) -> ValidationError:
    """The same messages and codes, keyed by field; errors about the whole object go under ``non_field_errors``."""
    detail = get_error_detail(exc)
    if isinstance(detail, dict):
        detail = {(api_settings.NON_FIELD_ERRORS_KEY if k == NON_FIELD_ERRORS else k): v for k, v in detail.items()}
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return ValidationError(detail)


@contextmanager
def service_errors() -> Iterator[None]:
    """Run a service call; a refusal leaves the database unchanged (the service's transaction) and answers 400."""
    try:
        yield
    except DjangoValidationError as exc:
        raise as_api_error(exc) from exc


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's 404 (``handler404``): the API's JSON body under /api/, the site's page everywhere else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)
