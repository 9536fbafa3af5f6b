"""Exhibitors: artisans apply, staff invite, choose with the criteria beside each applicant, and give out booths;
each enterprise reads its own exhibitions and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from canting.core.pages import ServiceActionView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.exhibitions.forms.exhibitions import AssignForm, DecideForm, InviteForm
from canting.exhibitions.models import Booth, BoothAssignment, Exhibition, Exhibitor, ExhibitorStatus, Lead, Sale
from canting.exhibitions.selection import regular_months, with_criteria
from canting.exhibitions.services import exhibitors as services
from canting.registry.models import Enterprise
from canting.turnover.readiness import last_months

STAFF_ONLY = frozenset({STAFF})
ARTISAN_ONLY = frozenset({ARTISAN})
READERS = frozenset({STAFF, ARTISAN})


def held_booths() -> Prefetch[Any]:
    return Prefetch(
        "assignments",
        queryset=BoothAssignment.objects.filter(active=True).select_related("booth").order_by("starts_on"),
        to_attr="held",
    )


def with_results(exhibitors: QuerySet[Exhibitor]) -> QuerySet[Exhibitor]:
    """Each exhibitor's total sales and leads, as subqueries (two joins would multiply each other's rows)."""
    sales = Sale.objects.filter(exhibitor=OuterRef("pk")).order_by().values("exhibitor").annotate(t=Sum("amount"))
    leads = Lead.objects.filter(exhibitor=OuterRef("pk")).order_by().values("exhibitor").annotate(n=Count("pk"))
    return exhibitors.annotate(
        sales_total=Coalesce(
            Subquery(sales.values("t"), output_field=DecimalField(max_digits=16, decimal_places=0)),
            Value(0, output_field=DecimalField(max_digits=16, decimal_places=0)),
        ),
        lead_count=Coalesce(Subquery(leads.values("n"), output_field=IntegerField()), Value(0)),
    )


class _OnExhibition(ServiceActionView):
    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(request.user), pk=kwargs["pk"])


class ApplyView(_OnExhibition):
    """An artisan applies for their own enterprise."""

    allowed_roles = ARTISAN_ONLY

    def act(self, request: HttpRequest) -> None:
        actor = current_user(request)
        enterprise = get_object_or_404(Enterprise.objects.for_user(actor), pk=actor.enterprise_id)
        services.apply(actor, self.exhibition, enterprise)
        messages.success(request, _("Your application has been sent. The office will let you know."))

    def back_url(self) -> str:
        return reverse("exhibitions:exhibition-detail", args=[self.exhibition.pk])


class InviteView(_OnExhibition):
    """Staff invite an enterprise (its id in the POST)."""

    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        form = InviteForm(request.POST, enterprises=Enterprise.objects.for_user(request.user))
        if not form.is_valid():
            raise ValidationError(_("Choose an enterprise to invite."), code="no_enterprise")
        exhibitor = services.invite(current_user(request), self.exhibition, form.cleaned_data["enterprise"])
        messages.success(request, _("%(enterprise)s has been invited.") % {"enterprise": exhibitor.enterprise.name})

    def back_url(self) -> str:
        return reverse("exhibitions:applicants", args=[self.exhibition.pk])


class ApplicantsView(RoleRequiredMixin, TemplateView):
    """Every enterprise on an exhibition's list, with the selection criteria beside it."""

    allowed_roles = STAFF_ONLY
    template_name = "exhibitions/exhibitors/applicants.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibition = get_object_or_404(Exhibition.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        exhibition = self.exhibition
        today = timezone.localdate()
        rows = with_criteria(
            Exhibitor.objects.filter(exhibition=exhibition).select_related("enterprise"), exhibition, today
        ).prefetch_related(held_booths())
        booths = Booth.objects.filter(exhibition=exhibition).order_by("code")
        listed = Exhibitor.objects.filter(exhibition=exhibition).values("enterprise_id")
        enterprises = Enterprise.objects.for_user(self.request.user).registered().exclude(pk__in=listed)
        first, last = last_months(today, 12)
        return {
            **super().get_context_data(**kwargs),
            "exhibition": exhibition,
            "rows": rows,
            "booths": list(booths),
            "invite_form": InviteForm(enterprises=enterprises.order_by("name")),
            "decide_form": DecideForm(),
            "regular_months": regular_months(),
            "first_month": first,
            "last_month": last,
            "selected": ExhibitorStatus.SELECTED.value,
        }


class _OnExhibitor(ServiceActionView):
    allowed_roles = STAFF_ONLY

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.exhibitor = get_object_or_404(
            Exhibitor.objects.for_user(request.user).select_related("exhibition", "enterprise"), pk=kwargs["pk"]
        )

    def back_url(self) -> str:
        return reverse("exhibitions:applicants", args=[self.exhibitor.exhibition_id])


class DecideView(_OnExhibitor):
    """Staff select or turn down an applicant, with a note; "withdrawn" records that it stepped back."""

    def act(self, request: HttpRequest) -> None:
        actor = current_user(request)
        status, note = request.POST.get("status", ""), request.POST.get("note", "")
        if status == ExhibitorStatus.WITHDRAWN:
            services.withdraw(actor, self.exhibitor, note)
        else:
            form = DecideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose to select or not to select."), code="bad_decision")
            services.decide(actor, self.exhibitor, form.cleaned_data["status"], form.cleaned_data["note"])
        self.exhibitor.refresh_from_db()
        messages.success(
            request,
            _("%(enterprise)s: %(status)s.")
            % {"enterprise": self.exhibitor.enterprise.name, "status": self.exhibitor.get_status_display()},
        )


class AssignView(_OnExhibitor):
    """Staff give a selected exhibitor a booth (for every day of the exhibition unless days are chosen)."""

    def act(self, request: HttpRequest) -> None:
        booths = Booth.objects.filter(exhibition=self.exhibitor.exhibition_id)
        form = AssignForm(request.POST, booths=booths)
        if not form.is_valid():
            errors = [str(e) for field in form.errors.values() for e in field]
            raise ValidationError(" ".join(errors), code="invalid")
        data = form.cleaned_data
        assignment = services.assign_booth(
            current_user(request), self.exhibitor, data["booth"], data.get("starts_on"), data.get("ends_on")
        )
        messages.success(
            request,
            _("Booth %(booth)s has been given to %(enterprise)s.")
            % {"booth": assignment.booth.code, "enterprise": self.exhibitor.enterprise.name},
        )


class MyExhibitionsView(RoleRequiredMixin, TemplateView):
    """An artisan's applications and exhibitions: status, booth, and links to record sales and leads."""

    allowed_roles = ARTISAN_ONLY
    template_name = "exhibitions/exhibitors/my_exhibitions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = current_user(self.request)
        rows = (
            with_results(Exhibitor.objects.for_user(user))
            .select_related("exhibition", "enterprise")
            .prefetch_related(held_booths())
            .order_by("-exhibition__starts_on", "id")
        )
        listed = Exhibitor.objects.for_user(user).values("exhibition_id")
        open_calls = [
            e
            for e in Exhibition.objects.for_user(user).exclude(pk__in=listed).order_by("starts_on")[:50]
            if services.applications_open(e)
        ]
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "open_calls": open_calls,
            "selected": ExhibitorStatus.SELECTED.value,
        }


class EnterpriseHistoryView(RoleRequiredMixin, TemplateView):
    """Every exhibition of one enterprise: status, booth, total sales and leads (staff, and the enterprise)."""

    allowed_roles = READERS
    template_name = "exhibitions/exhibitors/enterprise_history.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = (
            with_results(Exhibitor.objects.for_user(self.request.user).filter(enterprise=self.enterprise))
            .select_related("exhibition")
            .prefetch_related(held_booths())
            .order_by("-exhibition__starts_on", "id")
        )
        return {
            **super().get_context_data(**kwargs),
            "enterprise": self.enterprise,
            "rows": rows,
            "is_staff": role_of(self.request.user) == STAFF,
            "selected": ExhibitorStatus.SELECTED.value,
        }
