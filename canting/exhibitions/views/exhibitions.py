"""Exhibitions and their booths: staff plan them for their region; artisans read every exhibition to apply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core.lists import ListPage
from canting.core.pages import ServiceFormView, apply_service_errors, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.exhibitions.filtersets import ExhibitionFilterSet
from canting.exhibitions.forms.exhibitions import BoothForm, ExhibitionForm, office_areas
from canting.exhibitions.models import Booth, BoothAssignment, Exhibition, Exhibitor, ExhibitorStatus
from canting.exhibitions.services import exhibitions as services
from canting.exhibitions.services.exhibitors import applications_open

STAFF_ONLY = frozenset({STAFF})
READERS = frozenset({STAFF, ARTISAN})


def active_assignments() -> Prefetch[Any]:
    """Each booth's active assignments with the enterprise holding them (one query for every booth shown)."""
    return Prefetch(
        "assignments",
        queryset=BoothAssignment.objects.filter(active=True).select_related("exhibitor__enterprise"),
        to_attr="held",
    )


class ExhibitionListView(ListPage):
    allowed_roles = READERS
    filterset_class = ExhibitionFilterSet
    template_name = "exhibitions/exhibitions/exhibition_list.html"
    export_name = "pameran"
    export_columns = (
        gettext_lazy("Name"), gettext_lazy("Kind"), gettext_lazy("Organised by the city"), gettext_lazy("Organiser"),
        gettext_lazy("Venue"), gettext_lazy("First day"), gettext_lazy("Last day"), gettext_lazy("Applications close"),
        gettext_lazy("Budget (Rp)"), gettext_lazy("Booths"), gettext_lazy("Selected exhibitors"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Exhibition]:
        from django.db.models import Count, Q

        return cast(
            "QuerySet[Exhibition]",
            Exhibition.objects.for_user(self.request.user).annotate(
                booth_count=Count("booths", distinct=True),
                selected_count=Count(
                    "exhibitors", filter=Q(exhibitors__status=ExhibitorStatus.SELECTED), distinct=True
                ),
            ),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        own: set[int] = set()
        if role_of(user) == ARTISAN:
            pks = [e.pk for e in context["object_list"]]
            mine = Exhibitor.objects.filter(
                exhibition__in=pks, enterprise_id=current_user(self.request).enterprise_id or 0
            )
            own = set(mine.values_list("exhibition_id", flat=True))
        for exhibition in context["object_list"]:
            exhibition.is_open = applications_open(exhibition)
            exhibition.already_listed = exhibition.pk in own
        return context

    def export_row(self, e: Exhibition) -> Sequence[Any]:
        staff = role_of(self.request.user) == STAFF
        return [
            e.name, e.get_kind_display(), _("yes") if e.organised_by_city else _("no"), e.organiser, e.venue,
            e.starts_on, e.ends_on, e.application_deadline, int(e.budget) if staff else None,
            e.booth_count, e.selected_count,  # type: ignore[attr-defined]
        ]  # fmt: skip


class ExhibitionDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "exhibitions/exhibitions/exhibition_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(
            Exhibition.objects.for_user(request.user).select_related("area"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        exhibition = self.exhibition
        user = self.request.user
        is_staff = role_of(user) == STAFF
        booths = Booth.objects.filter(exhibition=exhibition).prefetch_related(active_assignments())
        exhibitors = Exhibitor.objects.filter(exhibition=exhibition).select_related("enterprise")
        mine = None
        if not is_staff:
            mine = exhibitors.filter(enterprise_id=current_user(self.request).enterprise_id or 0).first()
            exhibitors = exhibitors.filter(status=ExhibitorStatus.SELECTED)
        return {
            **super().get_context_data(**kwargs),
            **staff_context(self.request, exhibition),
            "exhibition": exhibition,
            "booths": booths,
            "exhibitors": exhibitors,
            "mine": mine,
            "is_open": applications_open(exhibition),
        }


class ExhibitionCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = ExhibitionForm
    template_name = "exhibitions/exhibitions/exhibition_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "areas": office_areas(self.request.user)}

    def perform(self, form: ExhibitionForm) -> Exhibition:
        return services.save_exhibition(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("exhibitions:exhibition-detail", args=[obj.pk])


class ExhibitionUpdateView(ExhibitionCreateView):
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(request.user), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Exhibition.objects.get(pk=self.exhibition.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "exhibition": self.exhibition}

    def perform(self, form: ExhibitionForm) -> Exhibition:
        return services.save_exhibition(
            actor=current_user(self.request), data=form.cleaned_data_for_model(), exhibition=self.exhibition
        )


class BoothView(RoleRequiredMixin, TemplateView):
    """An exhibition's booths: added, changed (``?edit=<id>``) and removed here; a booth ever given out stays."""

    allowed_roles = STAFF_ONLY
    template_name = "exhibitions/exhibitions/booths.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(request.user), pk=kwargs["pk"])

    def editing(self, pk: Any) -> Booth | None:
        if not pk:
            return None
        return get_object_or_404(Booth, exhibition=self.exhibition, pk=pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        booth = kwargs.pop("editing") if "editing" in kwargs else self.editing(self.request.GET.get("edit"))
        return {
            **super().get_context_data(**kwargs),
            "exhibition": self.exhibition,
            "booths": Booth.objects.filter(exhibition=self.exhibition).prefetch_related(active_assignments()),
            "editing": booth,
            "form": kwargs.get("form") or BoothForm(instance=booth),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = current_user(request)
        back = redirect("exhibitions:booths", pk=self.exhibition.pk)
        if "remove" in request.POST:
            gone = get_object_or_404(Booth, exhibition=self.exhibition, pk=request.POST.get("remove"))
            try:
                services.remove_booth(actor=actor, booth=gone)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Booth %(code)s has been removed.") % {"code": gone.code})
            return back
        booth = self.editing(request.POST.get("booth"))
        form = BoothForm(request.POST, instance=booth or Booth(exhibition=self.exhibition))
        if form.is_valid():
            try:
                saved = services.save_booth(
                    actor=actor, exhibition=self.exhibition, data=form.cleaned_data_for_model(),
                    booth=booth,
                )  # fmt: skip
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Booth %(code)s has been saved.") % {"code": saved.code})
                return back
        return self.render_to_response(self.get_context_data(form=form, editing=booth))
