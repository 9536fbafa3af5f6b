"""Staff keep the motif registry: each motif's story and meaning in both languages, its IP registration, photos."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canting.catalogue import services
from canting.catalogue.filtersets import MotifFilterSet
from canting.catalogue.forms import MotifForm, PictureForm
from canting.catalogue.models import Motif
from canting.catalogue.views.pictures import add_picture_from
from canting.core.lists import FilteredListView
from canting.core.pages import ServiceFormView
from canting.core.permissions import STAFF, current_user
from canting.registry.models import Enterprise

STAFF_ONLY = frozenset({STAFF})


class MotifListView(FilteredListView):
    allowed_roles = STAFF_ONLY
    filterset_class = MotifFilterSet
    template_name = "catalogue/motif_list.html"
    export_name = "motif"

    def base_queryset(self) -> QuerySet[Motif]:
        return (
            Motif.objects.for_user(self.request.user)
            .select_related("ip_holder_enterprise")
            .prefetch_related("pictures")
        )

    def export_header(self) -> list[str]:
        return [
            str(h)
            for h in (_("Name"), _("Region"), _("IP registration number"), _("IP registration date"), _("IP holder"))
        ]

    def export_row(self, m: Motif) -> list[Any]:
        return [m.name, m.region, m.ip_number, m.ip_date, m.ip_holder]


class MotifFormMixin(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = MotifForm
    template_name = "catalogue/motif_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")
    motif: Motif | None = None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["enterprise_choices"] = Enterprise.objects.for_user(self.request.user).registered()
        if self.motif is not None:
            kwargs["instance"] = Motif.objects.get(pk=self.motif.pk)
        return kwargs

    def perform(self, form: MotifForm) -> Motif:
        data = {k: v for k, v in form.cleaned_data_for_model().items()}
        return services.save_motif(
            actor=current_user(self.request), data=data, motif=self.motif, related=list(form.cleaned_data["related"])
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("catalogue:motif-edit", args=[obj.pk])


class MotifCreateView(MotifFormMixin):
    pass


class MotifUpdateView(MotifFormMixin):
    """The motif's details, and its photos (the second form on the page)."""

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.motif = get_object_or_404(Motif.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assert self.motif is not None
        context.update(
            motif=self.motif,
            pictures=self.motif.pictures.all(),
            picture_form=kwargs.get("picture_form") or PictureForm(),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("form") != "picture":
            return super().post(request, *args, **kwargs)
        picture_form = add_picture_from(request, motif=self.motif)
        if picture_form is None:
            return redirect("catalogue:motif-edit", pk=kwargs["pk"])
        form = MotifForm(instance=self.motif, enterprise_choices=Enterprise.objects.for_user(request.user).registered())
        return self.render_to_response(self.get_context_data(form=form, picture_form=picture_form))
