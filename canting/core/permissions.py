"""Who may use a view. Every page and API endpoint declares ``allowed_roles``; nothing is open by accident.

Roles are the values of ``Role`` plus ``PUBLIC`` for visitors who are not signed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from rest_framework.permissions import BasePermission

from canting.core.models import Role, User

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

PUBLIC = "public"
STAFF = Role.STAFF.value
ARTISAN = Role.ARTISAN.value
ASSESSOR = Role.ASSESSOR.value
SIGNED_IN = frozenset({STAFF, ARTISAN, ASSESSOR})
EVERYONE = SIGNED_IN | {PUBLIC}
ALL_ROLES = (STAFF, ARTISAN, ASSESSOR, PUBLIC)


def role_of(user: Any) -> str:
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    return str(user.role)


class RoleRequiredMixin:
    """For class-based pages: a visitor is sent to the login page; a signed-in user without the role gets 403."""

    allowed_roles: ClassVar[frozenset[str]]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        allowed = getattr(self, "allowed_roles", None)
        if allowed is None:
            raise ImproperlyConfigured(f"{type(self).__name__} does not declare allowed_roles")
        role = role_of(request.user)
        if role not in allowed:
            if role == PUBLIC:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        self.prepare(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        """Load what the page is about, once the role is known to be allowed (404 when not visible to the user)."""


class DenyAll(BasePermission):
    """The API default: an endpoint that declares no roles answers no one."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return False


class HasRole(BasePermission):
    """Lets through the roles in the view's ``allowed_roles`` (and ``write_roles`` for unsafe methods)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        role = role_of(request.user)
        allowed: frozenset[str] = getattr(view, "allowed_roles", frozenset())
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            allowed = getattr(view, "write_roles", allowed)
        return role in allowed


def allow(roles: frozenset[str]) -> Any:
    """The same rule for a function view: ``@allow(frozenset({STAFF}))``."""
    from functools import wraps

    def decorate(view: Any) -> Any:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            role = role_of(request.user)
            if role not in roles:
                if role == PUBLIC:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            response: HttpResponseBase = view(request, *args, **kwargs)
            return response

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorate


def current_user(request: HttpRequest) -> User:
    """The signed-in user of a request that a role check has already let through."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
