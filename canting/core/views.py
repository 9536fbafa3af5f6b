"""Pages every role meets: home, sign-in, password and API token, and the area picker's option lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from rest_framework.authtoken.models import Token

from canting.core import audit, home, unconfirmed
from canting.core.forms import (
    AREA_STEPS,
    FIELD_NAME,
    LEVEL_OF_STEP,
    LoginForm,
    PasswordChangeForm,
    SetPasswordForm,
    area_options,
    render_area_cascade,
)
from canting.core.permissions import (
    ARTISAN,
    EVERYONE,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    RoleRequiredMixin,
    allow,
    current_user,
    role_of,
)
from canting.core.scope import scope_of
from canting.core.xlsx import build_workbook, xlsx_response


class HomeView(RoleRequiredMixin, TemplateView):
    """Staff see the registry's figures; an assessor their work (the sessions they train); an artisan goes to
    their enterprise; visitors go to the public showcase, in the language their browser asked for."""

    allowed_roles = EVERYONE

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        role = role_of(request.user)
        if role == ARTISAN:
            return redirect("registry:my-enterprise")
        if role == PUBLIC:
            # reverse() prefixes the active language, which the locale middleware took from the browser.
            return redirect(reverse("showcase:home"))
        return super().get(request, *args, **kwargs)

    def get_template_names(self) -> list[str]:
        # Only staff and assessors get this far (see get()).
        return ["core/home_staff.html"] if role_of(self.request.user) == STAFF else ["core/home_assessor.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if role_of(self.request.user) == STAFF:
            context["counts"] = home.counts_for(self.request.user)
        else:
            context["panels"] = home.panels_for(self.request.user)
        return context


class LoginView(RoleRequiredMixin, auth_views.LoginView):
    allowed_roles = EVERYONE
    template_name = "core/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class LogoutView(RoleRequiredMixin, auth_views.LogoutView):  # type: ignore[misc]
    allowed_roles = EVERYONE


class PasswordSavedMixin:
    """Both password pages: the new password is audited (never its value) and its owner told it was saved."""

    audit_action: str
    saved_message: Any

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        audit.record(actor=form.user, action=self.audit_action, instance=form.user)
        messages.success(self.request, self.saved_message)  # type: ignore[attr-defined]
        return response


class PasswordChangeView(PasswordSavedMixin, RoleRequiredMixin, auth_views.PasswordChangeView):
    allowed_roles = SIGNED_IN
    template_name = "core/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")
    audit_action = "core.user.password_changed"
    saved_message = _("Your password has been changed.")


class SetPasswordView(PasswordSavedMixin, RoleRequiredMixin, auth_views.PasswordResetConfirmView):
    """The link a new login receives by e-mail: its owner chooses the password, so none is ever sent.

    Django's reset token: valid for PASSWORD_RESET_TIMEOUT, spent once the password changes. A login that was
    switched off (its owner's data erased) gets the invalid-link page.
    """

    allowed_roles = EVERYONE
    template_name = "core/password_set.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("login")
    audit_action = "core.user.password_set"
    saved_message = _("Your password has been set. Sign in with your user name and the new password.")

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None


class ApiTokenView(RoleRequiredMixin, TemplateView):
    """A personal token for scripts that use the API; making a new one ends the old one."""

    allowed_roles = SIGNED_IN
    template_name = "core/api_token.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = current_user(request)
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        audit.record(actor=user, action="core.user.token_created", instance=user)
        return self.render_to_response(self.get_context_data(new_token=token.key))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["has_token"] = Token.objects.filter(user=current_user(self.request)).exists()
        return context


@allow(EVERYONE)
def area_options_view(request: HttpRequest) -> HttpResponse:
    """Option lists for the cascading area selects. The parameter that came tells which level was chosen; the
    answer fills the next select and empties the ones below it (out-of-band swaps).

    With ``cascade=<name>`` (an area filter's selects): the whole cascade again for the area chosen in one select,
    or for the place above it (``parent``) when that select was set back to "all"."""
    name = request.GET.get("cascade", "")
    if name:
        if not FIELD_NAME.match(name):
            return HttpResponse("", status=400)
        code = (request.GET.get(name) or request.GET.get("parent") or "").strip()
        return HttpResponse(render_area_cascade(name, code, scope_of(request.user)))
    for key in request.GET:
        value = request.GET.get(key, "")
        prefix, _sep, step = key.rpartition("-")
        step = step or key
        if step in AREA_STEPS[:-1]:
            level = LEVEL_OF_STEP[step]
            form_prefix = f"{prefix}-" if prefix else ""
            below = [f"id_{form_prefix}{s}" for s in AREA_STEPS[level + 1 :]]
            options = area_options(value, level + 1, scope_of(request.user)) if value else []
            return render(request, "core/_area_options.html", {"options": options, "clear": below})
    return HttpResponse("", status=400)


FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@allow(EVERYONE | {PUBLIC})
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask every site for /favicon.ico, whatever the page names: answer with the icon, not a 404."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@allow(EVERYONE | {PUBLIC})
def health(request: HttpRequest) -> JsonResponse:
    """200 when pages can be served; 503, naming what is wrong, when they cannot."""
    from canting.core.health import run_checks

    checks = run_checks()
    healthy = all(result == "ok" for result in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class DataToConfirmView(RoleRequiredMixin, TemplateView):
    """Every rule row and limit still marked unconfirmed or provisional, by topic, with its source and where to
    confirm it. Such rows never reach a public page as a verdict; this is where the office sees them."""

    allowed_roles = frozenset({STAFF})
    template_name = "core/data_to_confirm.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rows = unconfirmed.collect()
        if request.GET.get("format") == "xlsx":
            header = [str(_("Topic")), str(_("Row")), str(_("What is not confirmed")), str(_("Source"))]
            table = [[r.topic, r.row, r.doubt, r.source] for r in rows]
            content = build_workbook([(str(_("Data to confirm")), header, table)])
            return xlsx_response(f"data-to-confirm-{timezone.localdate().isoformat()}.xlsx", content)
        topics: dict[str, list[unconfirmed.Unconfirmed]] = {}
        for row in rows:
            topics.setdefault(str(row.topic), []).append(row)
        return self.render_to_response(self.get_context_data(topics=topics, total=len(rows)))
