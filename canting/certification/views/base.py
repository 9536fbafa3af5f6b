"""What the certification pages share: their lists, and the buttons that change one object with a reason."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.permissions import STAFF, role_of

HISTORY_SHOWN = 50


def staff_context(request: HttpRequest, obj: models.Model) -> dict[str, Any]:
    """``is_staff`` for a detail page, and for staff the object's latest changes as ``history``."""
    if role_of(request.user) != STAFF:
        return {"is_staff": False}
    return {"is_staff": True, "history": audit.history(obj)[:HISTORY_SHOWN]}


class ListPage(FilteredListView):
    """A certification list: Bootstrap filter widgets, and ``is_staff`` for the columns and buttons only staff see."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "is_staff": role_of(self.request.user) == STAFF}
