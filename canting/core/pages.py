"""Base classes for pages that change something (the form parses, a service decides and writes), and what a detail
page shows staff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise
from django.views import View
from django.views.generic import FormView

from canting.core import audit
from canting.core.permissions import STAFF, RoleRequiredMixin, role_of

HISTORY_SHOWN = 50  # latest changes on a detail page


def staff_context(request: HttpRequest, obj: models.Model) -> dict[str, Any]:
    """``is_staff`` for a detail page, and for staff the object's latest changes as ``history``."""
    if role_of(request.user) != STAFF:
        return {"is_staff": False}
    return {"is_staff": True, "history": audit.history(obj)[:HISTORY_SHOWN]}


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


class ServiceActionView(RoleRequiredMixin, View):
    """A button that changes one object: ``act()`` calls the service and says what happened; a refusal (a
    ValidationError) becomes an error message instead. Either way the reader goes back to ``back_url()``."""

    http_method_names = ["post"]

    def act(self, request: HttpRequest) -> None:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.act(request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.back_url())


class DetailFormPostMixin:
    """The POST of a small form shown on a detail page (a verdict with its reason, a resolution with its note).

    A valid form goes to ``perform()``; once the service accepts, a success message and a redirect follow. Invalid
    input or a refusal shows the detail page again with the form, its errors beside the fields, under the context
    name ``form_context_name``.
    """

    form_class: type[Any]
    form_context_name: str
    http_method_names: Sequence[str] = ["post"]
    request: HttpRequest

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def success_message_for(self, obj: Any) -> str:
        raise NotImplementedError

    def success_url_for(self, obj: Any) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                obj = self.perform(form)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, self.success_message_for(obj))
                return redirect(self.success_url_for(obj))
        return self.render_to_response(self.get_context_data(**{self.form_context_name: form}))  # type: ignore[attr-defined,no-any-return]
