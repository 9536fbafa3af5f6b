"""Batikmark readiness: the office's list of enterprises close to applying, and one enterprise's checklist."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.certification.filtersets import ReadinessFilterSet
from canting.certification.readiness import BATIK_TECHNIQUES, ITEM_LABELS, NEARLY_READY, readiness, readiness_queryset
from canting.core.lists import FilteredListView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, role_of
from canting.registry.models import Enterprise, Technique

# The columns of the list, in the order of ITEM_LABELS: (item key, annotation that says it is met).
COLUMNS = (
    ("owner_nik", "has_owner_nik"),
    ("npwp", "npwp"),
    ("nib", "nib"),
    ("trademark", "has_trademark"),
    *((f"test_{t}", f"tested_{t}") for t in BATIK_TECHNIQUES),
)

# Column headings of the list; the full label is the heading's tooltip.
SHORT_LABELS = {
    "owner_nik": gettext_lazy("Owner's KTP"),
    "npwp": gettext_lazy("NPWP"),
    "nib": gettext_lazy("NIB"),
    "trademark": gettext_lazy("Trademark"),
    "test_tulis": gettext_lazy("Tulis test"),
    "test_cap": gettext_lazy("Cap test"),
    "test_kombinasi": gettext_lazy("Kombinasi test"),
}


def checks(enterprise: Enterprise) -> list[tuple[str, bool | None]]:
    """(item label, met) per column; None where the item does not apply (a technique the enterprise does not make)."""
    row: list[tuple[str, bool | None]] = []
    for key, attribute in COLUMNS:
        label = str(ITEM_LABELS[key])
        if key.startswith("test_") and not getattr(enterprise, f"technique_{key.removeprefix('test_')}"):
            row.append((label, None))
        else:
            row.append((label, bool(getattr(enterprise, attribute))))
    return row


class ReadinessListView(FilteredListView):
    allowed_roles = frozenset({STAFF})
    filterset_class = ReadinessFilterSet
    template_name = "certification/readiness_list.html"
    export_name = "kesiapan-batikmark"
    export_columns = (
        gettext_lazy("Enterprise"), gettext_lazy("NIB"), gettext_lazy("Village"), gettext_lazy("District"),
        gettext_lazy("Missing"), *(ITEM_LABELS[key] for key, _attribute in COLUMNS),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Enterprise]:
        return readiness_queryset(self.request.user).select_related("village__parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for enterprise in context["object_list"]:
            enterprise.checks = checks(enterprise)
        context["columns"] = [(str(SHORT_LABELS[key]), str(ITEM_LABELS[key])) for key, _attribute in COLUMNS]
        context["nearly_ready"] = NEARLY_READY
        return context

    def export_row(self, e: Enterprise) -> Sequence[Any]:
        marks = {True: _("yes"), False: _("missing"), None: _("not made")}
        return [
            e.name,
            e.nib or "",
            e.village.name,
            getattr(e.village.parent, "name", ""),
            e.missing,  # type: ignore[attr-defined]
            *(marks[met] for _label, met in checks(e)),
        ]


class ReadinessDetailView(RoleRequiredMixin, TemplateView):
    """An enterprise's Batikmark checklist: what is in place, what is missing and how to put it right."""

    allowed_roles = frozenset({STAFF, ARTISAN})
    template_name = "certification/readiness_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        technique = self.request.GET.get("technique", "")
        if technique not in BATIK_TECHNIQUES:
            technique = ""
        result = readiness(self.enterprise, technique or None)
        context.update(
            enterprise=self.enterprise,
            readiness=result,
            technique=technique,
            techniques=[
                (t, Technique(t).label) for t in BATIK_TECHNIQUES if getattr(self.enterprise, f"technique_{t}")
            ],
            is_staff=role_of(self.request.user) == STAFF,
        )
        return context
