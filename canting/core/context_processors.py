from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from canting.core.permissions import role_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The signed-in role, so templates show only the menu entries that role may open."""
    return {"role": role_of(getattr(request, "user", None))}
