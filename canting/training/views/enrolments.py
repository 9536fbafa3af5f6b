"""Enrolment: staff invite, artisans apply for their people, invitees accept, anybody on the list may cancel; the
artisan's own page, and the training history of a person and of an enterprise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core.pages import ServiceActionView, apply_service_errors
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.core.xlsx import build_workbook, xlsx_response
from canting.registry.models import Enterprise, MembershipRole, Person
from canting.training.models import Certificate, Enrolment, EnrolmentStatus, TrainingSession
from canting.training.services import enrolments as services
from canting.training.views.certificates import with_state
from canting.training.views.programmes import SessionDetailView, apply_form, invite_form

STAFF_ONLY = frozenset({STAFF})
ENROLLERS = frozenset({STAFF, ARTISAN})


class InviteView(SessionDetailView):
    """Invite the people chosen, and every owner of the enterprises chosen."""

    allowed_roles = STAFF_ONLY
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = invite_form(request, request.POST)
        if form.is_valid():
            people = list(form.cleaned_data["people"])
            owners = Person.objects.filter(
                memberships__enterprise__in=form.cleaned_data["enterprises"], memberships__role=MembershipRole.OWNER
            ).distinct()
            people += [p for p in owners if p not in people]
            try:
                invited = services.invite(actor=current_user(request), session=self.session, people=people)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("%(count)d people have been invited.") % {"count": len(invited)})
                return redirect(reverse("training:session-detail", args=[self.session.pk]) + "#participants")
        return self.render_to_response(self.get_context_data(invite_form=form))


class ApplyView(SessionDetailView):
    """Apply for a person: an artisan for someone of their enterprise, staff on anybody's behalf."""

    allowed_roles = ENROLLERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = apply_form(request, request.POST)
        if form.is_valid():
            try:
                enrolment = services.apply(
                    actor=current_user(request), session=self.session, person=form.cleaned_data["person"]
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                if enrolment.status == EnrolmentStatus.REGISTERED:
                    text = _("%(name)s is registered.")
                else:
                    text = _("Every seat is taken: %(name)s is on the waitlist.")
                messages.success(request, text % {"name": enrolment.person.full_name})
                return redirect(self.back_url())
        return self.render_to_response(self.get_context_data(apply_form=form))

    def back_url(self) -> str:
        if role_of(self.request.user) == ARTISAN:
            return reverse("training:my-trainings")
        return reverse("training:session-detail", args=[self.session.pk]) + "#participants"


class ForEnrolmentMixin:
    enrolment: Enrolment
    request: HttpRequest

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enrolment = get_object_or_404(
            Enrolment.objects.for_user(request.user).select_related("person", "session"), pk=kwargs["pk"]
        )

    def back_url(self) -> str:
        nxt = self.request.POST.get("next", "")
        if nxt == "mine" and role_of(self.request.user) == ARTISAN:
            return reverse("training:my-trainings")
        return reverse("training:session-detail", args=[self.enrolment.session_id]) + "#participants"


class AcceptView(ForEnrolmentMixin, ServiceActionView):
    allowed_roles = ENROLLERS

    def act(self, request: HttpRequest) -> None:
        enrolment = services.accept(self.enrolment, actor=current_user(request))
        if enrolment.status == EnrolmentStatus.REGISTERED:
            text = _("%(name)s is registered.")
        else:
            text = _("Every seat is taken: %(name)s is on the waitlist.")
        messages.success(request, text % {"name": enrolment.person.full_name})


class CancelView(ForEnrolmentMixin, ServiceActionView):
    allowed_roles = ENROLLERS

    def act(self, request: HttpRequest) -> None:
        services.cancel(self.enrolment, actor=current_user(request), reason=request.POST.get("reason", ""))
        messages.success(
            request, _("The place of %(name)s has been cancelled.") % {"name": self.enrolment.person.full_name}
        )


def certificates_of(people: QuerySet[Person] | list[Person], user: Any) -> QuerySet[Certificate]:
    return (
        Certificate.objects.for_user(user)
        .filter(person__in=people)
        .select_related("person")
        .order_by("-issued_on", "-id")
    )


class MyTrainingsView(RoleRequiredMixin, TemplateView):
    """An artisan's page: their people's places, the sessions open to apply to, and their certificates."""

    allowed_roles = frozenset({ARTISAN})
    template_name = "training/my_trainings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        people = list(Person.objects.for_user(user).registered().order_by("full_name", "id"))
        mine = list(
            Enrolment.objects.for_user(user)
            .select_related("person", "session__programme")
            .order_by("-session__starts_on", "person__full_name", "id")
        )
        today = timezone.localdate()
        upcoming = list(
            TrainingSession.objects.for_user(user)
            .filter(open_for_applications=True, starts_on__gte=today)
            .select_related("programme")
            .order_by("starts_on", "id")[:20]
        )
        for session in upcoming:
            session.eligible = []
            session.refusals = []
            for person in people:
                try:
                    services.check_eligibility(session, person)
                except ValidationError as exc:
                    session.refusals.append(" ".join(exc.messages))
                else:
                    session.eligible.append(person)
        return {
            **super().get_context_data(**kwargs),
            "people": people,
            "enrolments": mine,
            "upcoming": upcoming,
            "certificates": [with_state(cert) for cert in certificates_of(people, user)],
            "cancellable": services.OPEN_STATUSES,
        }


HISTORY_COLUMNS = (
    gettext_lazy("Participant"), gettext_lazy("Programme"), gettext_lazy("First day"), gettext_lazy("Last day"),
    gettext_lazy("Venue"), gettext_lazy("Status"), gettext_lazy("Certificates"),
)  # fmt: skip


class HistoryPage(RoleRequiredMixin, TemplateView):
    """Trainings and certificates of some people, as a page or (``?format=xlsx``) a workbook."""

    allowed_roles = ENROLLERS
    export_name = "riwayat-pelatihan"

    def people(self) -> QuerySet[Person]:
        raise NotImplementedError

    def history(self) -> tuple[list[Enrolment], list[Certificate]]:
        people = self.people()
        user = self.request.user
        certificates = certificates_of(people, user)
        enrolments = list(
            Enrolment.objects.for_user(user)
            .filter(person__in=people)
            .select_related("person", "session__programme")
            .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("id")))
            .order_by("-session__starts_on", "person__full_name", "id")
        )
        return enrolments, list(certificates)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("format") == "xlsx":
            enrolments, certificates = self.history()
            rows: list[Sequence[Any]] = [
                [
                    e.person.full_name,
                    e.session.programme.title,
                    e.session.starts_on,
                    e.session.ends_on,
                    e.session.venue,
                    e.get_status_display(),
                    ", ".join(c.number for c in e.certificates.all()),
                ]
                for e in enrolments
            ]
            cert_rows: list[Sequence[Any]] = [
                [c.person.full_name, c.number, c.get_kind_display(), c.title, c.issuer, c.issued_on, c.expires_on]
                for c in certificates
            ]
            cert_header = [
                str(t)
                for t in (
                    gettext_lazy("Holder"), gettext_lazy("Certificate number"), gettext_lazy("Kind"),
                    gettext_lazy("Title"), gettext_lazy("Issuer"), gettext_lazy("Issued on"),
                    gettext_lazy("Expires on"),
                )
            ]  # fmt: skip
            content = build_workbook(
                [
                    (_("Trainings"), [str(t) for t in HISTORY_COLUMNS], rows),
                    (_("Certificates"), cert_header, cert_rows),
                ]
            )
            return xlsx_response(f"{self.export_name}-{timezone.localdate().isoformat()}.xlsx", content)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        enrolments, certificates = self.history()
        return {
            **super().get_context_data(**kwargs),
            "enrolments": enrolments,
            "certificates": certificates,
            "is_staff": role_of(self.request.user) == STAFF,
        }


class PersonHistoryView(HistoryPage):
    template_name = "training/history.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = get_object_or_404(Person.objects.for_user(request.user), pk=kwargs["pk"])
        self.export_name = f"riwayat-pelatihan-{self.person.pk}"

    def people(self) -> QuerySet[Person]:
        return Person.objects.filter(pk=self.person.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "person": self.person, "subject": self.person.full_name}


class EnterpriseHistoryView(HistoryPage):
    template_name = "training/history.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(request.user), pk=kwargs["pk"])
        self.export_name = f"riwayat-pelatihan-usaha-{self.enterprise.pk}"

    def people(self) -> QuerySet[Person]:
        return Person.objects.filter(memberships__enterprise=self.enterprise).distinct()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "enterprise": self.enterprise, "subject": self.enterprise.name}
