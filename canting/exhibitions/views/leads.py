"""Buyer leads of an exhibition: the list (staff: all of it; an exhibitor's artisan: their own booth's), capture,
and the detail where following the lead up moves forward."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core import audit
from canting.core.forms import style_widgets
from canting.core.lists import FilteredListView
from canting.core.pages import HISTORY_SHOWN, ServiceFormView, apply_service_errors
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.exhibitions.filtersets_sales import LeadFilterSet
from canting.exhibitions.forms.leads import FollowUpForm, LeadForm
from canting.exhibitions.models import Exhibition, Exhibitor, Lead
from canting.exhibitions.services import leads as services

CAPTURERS = frozenset({STAFF, ARTISAN})


class ForExhibitionMixin:
    """The exhibition in the URL, as the reader may see it. An artisan reaches an exhibition's leads only through
    their own booth there (else 404); staff through their region."""

    exhibition: Exhibition
    booths: QuerySet[Exhibitor]
    is_staff: bool

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        user = current_user(request)
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(user), pk=kwargs["pk"])
        self.is_staff = role_of(user) == STAFF
        self.booths = services.booths_for(user, self.exhibition)
        if not self.is_staff and not self.booths.exists():
            raise Http404


class LeadListView(ForExhibitionMixin, FilteredListView):
    allowed_roles = CAPTURERS
    filterset_class = LeadFilterSet
    template_name = "exhibitions/leads/lead_list.html"
    export_name = "prospek-pembeli"
    export_columns = (
        gettext_lazy("Captured"), gettext_lazy("Name"), gettext_lazy("Company"), gettext_lazy("Country"),
        gettext_lazy("E-mail"), gettext_lazy("Phone"), gettext_lazy("Booth"), gettext_lazy("Products of interest"),
        gettext_lazy("Follow-up"), gettext_lazy("Notes"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Lead]:
        return (
            Lead.objects.for_user(self.request.user)
            .filter(exhibition=self.exhibition)
            .select_related("exhibitor__enterprise")
            .prefetch_related("products")
            .order_by("-created_at", "-id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        style_widgets(self.filterset.form)
        return {**super().get_context_data(**kwargs), "exhibition": self.exhibition, "is_staff": self.is_staff}

    def export_row(self, lead: Lead) -> Sequence[Any]:
        return [
            lead.created_at.date(), lead.name, lead.company, lead.country.name,  # type: ignore[attr-defined]
            lead.email, lead.phone,
            lead.exhibitor.enterprise.name if lead.exhibitor else _("The whole exhibition"),
            ", ".join(p.name for p in lead.products.all()), lead.get_state_display(), lead.notes,
        ]  # fmt: skip


class LeadCreateView(ForExhibitionMixin, ServiceFormView):
    allowed_roles = CAPTURERS
    form_class = LeadForm
    template_name = "exhibitions/leads/lead_form.html"
    success_message = gettext_lazy("The lead has been captured.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "booths": self.booths if self.is_staff else None,
            "products": services.products_of_interest(self.exhibition, self.booths),
        }

    def get_initial(self) -> dict[str, Any]:
        raw = self.request.GET.get("booth", "")
        return {"exhibitor": int(raw)} if raw.isdigit() else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "exhibition": self.exhibition, "is_staff": self.is_staff}

    def perform(self, form: LeadForm) -> Lead:
        booth = form.cleaned_data.get("exhibitor") if self.is_staff else self.booths.first()
        return services.capture_lead(
            current_user(self.request),
            self.exhibition,
            booth,
            form.cleaned_data_for_model(),
            form.cleaned_data.get("products") or (),
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("exhibitions:lead-detail", args=[obj.pk])


class LeadDetailView(RoleRequiredMixin, TemplateView):
    """A lead with its products, its history, and the follow-up form (state and notes) posted to this page."""

    allowed_roles = CAPTURERS
    template_name = "exhibitions/leads/lead_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.lead = get_object_or_404(
            Lead.objects.for_user(request.user).select_related("exhibition", "exhibitor__enterprise", "captured_by"),
            pk=kwargs["pk"],
        )

    def follow_up_form(self, data: Any = None) -> FollowUpForm:
        return FollowUpForm(data, lead=self.lead, next_states=services.next_states(self.lead))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        lead = self.lead
        return {
            **super().get_context_data(**kwargs),
            "lead": lead,
            "exhibition": lead.exhibition,
            "products": lead.products.select_related("enterprise").order_by("name"),
            "form": kwargs.get("form") or self.follow_up_form(),
            "history": audit.history(lead).order_by("-at", "-id")[:HISTORY_SHOWN],
            "is_staff": role_of(self.request.user) == STAFF,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.follow_up_form(request.POST)
        if form.is_valid():
            try:
                services.follow_up(
                    current_user(request), self.lead, form.cleaned_data["state"], form.cleaned_data.get("notes", "")
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The follow-up has been saved."))
                return redirect(reverse("exhibitions:lead-detail", args=[self.lead.pk]))
        return self.render_to_response(self.get_context_data(form=form))
