"""The public figures page: the centre's headline numbers for anyone, in Indonesian or English, cached like the
showcase. Only aggregates are shown: no enterprise's or person's name or figure."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import TemplateView

from canting.core.public import ShowcasePage
from canting.dashboard.figures import public_figures


class FiguresView(ShowcasePage, TemplateView):
    template_name = "dashboard/figures.html"

    def page_meta(self) -> dict[str, str]:
        return {
            "title": gettext("The centre in figures"),
            "description": gettext(
                "How the batik small industries of our centre are growing: enterprises, workers, pieces made, "
                "turnover, certified quality and skills."
            ),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        figures = public_figures(timezone.localdate())
        context["figures"] = figures
        context["chart"] = {
            "years": [str(y.year) for y in figures.years],
            "pieces": [y.pieces for y in figures.years],
            "label": gettext("Pieces produced"),
        }
        return context
