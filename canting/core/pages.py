"""Base classes for pages that change something: the form parses, a service decides and writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.views.generic import FormView

from canting.core.permissions import RoleRequiredMixin


def apply_service_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's refusal beside the fields it names, or above the form when it names none."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormView(RoleRequiredMixin, FormView):  # type: ignore[type-arg]
    """``perform(form)`` calls one service; a ValidationError it raises lands on the form and nothing is saved."""

    success_message: str | Promise = ""

    def perform(self, form: Any) -> models.Model:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            obj = self.perform(form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": obj})
        return redirect(self.success_url_for(obj))

    def success_url_for(self, obj: models.Model) -> str:
        return obj.get_absolute_url()  # type: ignore[attr-defined,no-any-return]
