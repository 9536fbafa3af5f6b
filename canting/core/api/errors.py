"""Turning a service's refusal into an API answer: a Django ``ValidationError`` becomes a 400 with field errors.

Services raise ``django.core.exceptions.ValidationError`` (usually with a ``{field: message}`` dict and a code);
DRF only answers 400 for its own ``ValidationError``, so every API write runs the service inside
``service_errors()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
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
