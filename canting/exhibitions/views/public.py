"""The public calendar of exhibitions, for anyone, in Indonesian or English, cached like the showcase.

Only what the public may read: no budget, no notes, no contact details; of the exhibitors only the names of the
selected enterprises, each linked to its showcase page when the showcase shows it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import DetailView, TemplateView

from canting.core.public import ShowcasePage
from canting.exhibitions.models import Exhibition, Exhibitor, ExhibitorStatus
from canting.exhibitions.services.exhibitors import applications_open
from canting.registry.models import Enterprise

RECENT_DAYS = 180
RECENT_SHOWN = 6


def selected_exhibitors() -> Prefetch[Any]:
    shown = Enterprise.objects.public().filter(pk=OuterRef("enterprise_id"))
    return Prefetch(
        "exhibitors",
        queryset=Exhibitor.objects.filter(status=ExhibitorStatus.SELECTED)
        .select_related("enterprise")
        .annotate(on_showcase=Exists(shown))
        .order_by("enterprise__name"),
        to_attr="selected",
    )


def public_exhibitions() -> QuerySet[Exhibition]:
    return Exhibition.objects.public().order_by("starts_on", "id")


def call_links(exhibition: Exhibition) -> dict[str, str]:
    """Where a maker goes to apply: registering their enterprise, or signing in to the exhibition's page."""
    target = reverse("exhibitions:exhibition-detail", args=[exhibition.pk])
    return {
        "register_url": reverse("registry:register"),
        "login_url": redirect_to_login(target).url,
    }


class CalendarView(ShowcasePage, TemplateView):
    template_name = "exhibitions/public/calendar.html"

    def page_meta(self) -> dict[str, str]:
        return {
            "title": gettext("Exhibitions"),
            "description": gettext(
                "Where to meet the batik makers of our centre: coming exhibitions and fairs, and how makers apply."
            ),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        upcoming = list(public_exhibitions().filter(ends_on__gte=today))
        recent = list(
            public_exhibitions()
            .filter(ends_on__lt=today, ends_on__gte=today - datetime.timedelta(days=RECENT_DAYS))
            .order_by("-starts_on", "id")[:RECENT_SHOWN]
        )
        for exhibition in upcoming:
            exhibition.is_open = applications_open(exhibition, today)  # type: ignore[attr-defined]
            exhibition.running = exhibition.starts_on <= today  # type: ignore[attr-defined]
        context.update(upcoming=upcoming, recent=recent)
        return context


class ExhibitionView(ShowcasePage, DetailView):  # type: ignore[type-arg]
    template_name = "exhibitions/public/detail.html"
    context_object_name = "exhibition"
    object: Exhibition

    def get_queryset(self) -> QuerySet[Exhibition]:
        return public_exhibitions().prefetch_related(selected_exhibitors())

    def page_meta(self) -> dict[str, str]:
        exhibition = self.object
        return {
            "title": exhibition.name,
            "description": gettext("%(name)s at %(venue)s, %(first)s to %(last)s.")
            % {
                "name": exhibition.name,
                "venue": exhibition.venue,
                "first": exhibition.starts_on.isoformat(),
                "last": exhibition.ends_on.isoformat(),
            },
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        exhibition = self.object
        today = timezone.localdate()
        context.update(
            is_open=applications_open(exhibition, today),
            is_past=exhibition.ends_on < today,
            **call_links(exhibition),
        )
        return context
