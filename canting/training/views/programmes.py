"""Programmes and their sessions: staff plan them; every signed-in role reads them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from canting.core.lists import ListPage
from canting.core.pages import ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, ASSESSOR, SIGNED_IN, STAFF, RoleRequiredMixin, current_user, role_of
from canting.registry.models import Enterprise, Person
from canting.training.filtersets import ProgrammeFilterSet
from canting.training.forms import ApplyForm, CancelForm, InviteForm, ProgrammeForm, SessionForm
from canting.training.models import SEATED, EnrolmentStatus, Programme, TrainingSession
from canting.training.services import enrolments as enrolment_services
from canting.training.services import programmes as services

STAFF_ONLY = frozenset({STAFF})
SEATED_COUNT = Count("enrolments", filter=Q(enrolments__status__in=SEATED))
WAITLIST_COUNT = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED))


class ProgrammeListView(ListPage):
    allowed_roles = SIGNED_IN
    filterset_class = ProgrammeFilterSet
    template_name = "training/programme_list.html"
    export_name = "program-pelatihan"
    export_columns = (
        gettext_lazy("Title"), gettext_lazy("Kind"), gettext_lazy("Year"), gettext_lazy("Organiser"),
        gettext_lazy("Partner institution"), gettext_lazy("Funding source"), gettext_lazy("Target group"),
        gettext_lazy("Sessions"), gettext_lazy("Participants"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Programme]:
        return cast(
            "QuerySet[Programme]",
            Programme.objects.for_user(self.request.user)
            .annotate(
                session_count=Count("sessions", distinct=True),
                participant_count=Count(
                    "sessions__enrolments", filter=Q(sessions__enrolments__status__in=SEATED), distinct=True
                ),
            )
            .order_by("-year", "title", "id"),
        )

    def export_row(self, p: Programme) -> Sequence[Any]:
        return [
            p.title, p.get_kind_display(), p.year, p.organiser, p.partner, p.funding_source, p.target_group,
            getattr(p, "session_count", 0), getattr(p, "participant_count", 0),
        ]  # fmt: skip


class ProgrammeCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = ProgrammeForm
    template_name = "training/programme_form.html"
    success_message = gettext_lazy("%(object)s has been recorded. Plan its sessions next.")

    def get_initial(self) -> dict[str, Any]:
        return {"area": current_user(self.request).area_id}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: ProgrammeForm) -> Programme:
        return services.save_programme(actor=current_user(self.request), data=form.cleaned_data_for_model())

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:programme-detail", args=[obj.pk])


class ProgrammeUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = ProgrammeForm
    template_name = "training/programme_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.programme = get_object_or_404(Programme.objects.for_user(request.user), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        programme = Programme.objects.get(pk=self.programme.pk)
        return {**super().get_form_kwargs(), "instance": programme, "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "programme": self.programme}

    def perform(self, form: ProgrammeForm) -> Programme:
        return services.save_programme(
            actor=current_user(self.request), data=form.cleaned_data_for_model(), programme=self.programme
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:programme-detail", args=[obj.pk])


class ProgrammeDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = SIGNED_IN
    template_name = "training/programme_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.programme = get_object_or_404(Programme.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sessions = (
            self.programme.sessions.annotate(seated=SEATED_COUNT, waiting=WAITLIST_COUNT)
            .select_related("scheme")
            .order_by("starts_on", "id")
        )
        return {
            **super().get_context_data(**kwargs),
            **staff_context(self.request, self.programme),
            "programme": self.programme,
            "sessions": sessions,
        }


class SessionCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = SessionForm
    template_name = "training/session_form.html"
    success_message = gettext_lazy("The session %(object)s has been planned.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.programme = get_object_or_404(Programme.objects.for_user(request.user), pk=kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {"quota": 30}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "programme": self.programme}

    def perform(self, form: SessionForm) -> TrainingSession:
        return services.save_session(
            actor=current_user(self.request),
            programme=self.programme,
            data=form.session_data(),
            units=form.cleaned_data["units"],
            trainers=form.cleaned_data["trainers"],
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:session-detail", args=[obj.pk])


class SessionUpdateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = SessionForm
    template_name = "training/session_form.html"
    success_message = gettext_lazy("The session %(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.session = get_object_or_404(
            TrainingSession.objects.for_user(request.user).select_related("programme"), pk=kwargs["pk"]
        )
        self.programme = self.session.programme

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": TrainingSession.objects.get(pk=self.session.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "programme": self.programme, "session": self.session}

    def perform(self, form: SessionForm) -> TrainingSession:
        return services.save_session(
            actor=current_user(self.request),
            programme=self.programme,
            data=form.session_data(),
            units=form.cleaned_data["units"],
            trainers=form.cleaned_data["trainers"],
            session=self.session,
        )

    def success_url_for(self, obj: Any) -> str:
        return reverse("training:session-detail", args=[obj.pk])


def invite_form(request: HttpRequest, data: Any = None) -> InviteForm:
    user = request.user
    return InviteForm(
        data,
        people=Person.objects.for_user(user).registered().order_by("full_name", "id"),
        enterprises=Enterprise.objects.for_user(user).registered().order_by("name"),
    )


def apply_form(request: HttpRequest, data: Any = None) -> ApplyForm:
    people = Person.objects.for_user(request.user).registered().order_by("full_name", "id")
    return ApplyForm(data, people=people, search=role_of(request.user) == STAFF)


class SessionDetailView(RoleRequiredMixin, TemplateView):
    """A session's facts, trainers and units. Staff also see and manage the list of participants; an artisan
    applies for the people of their enterprise; the session's trainers reach attendance and assessments."""

    allowed_roles = SIGNED_IN
    template_name = "training/session_detail.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.session = get_object_or_404(
            TrainingSession.objects.for_user(request.user).select_related("programme", "scheme"), pk=kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session = self.session
        user = self.request.user
        role = role_of(user)
        trainers = list(session.trainers.order_by("first_name", "username"))
        enrolments = list(
            session.enrolments.for_user(user)
            .select_related("person", "enterprise")
            .order_by("status", "applied_at", "id")
        )
        seated = session.enrolments.filter(status__in=SEATED).count()
        by_status = [
            (value, label, [e for e in enrolments if e.status == value]) for value, label in EnrolmentStatus.choices
        ]
        is_open = enrolment_services.is_open(session)
        context.update(
            staff_context(self.request, session),
            session=session,
            programme=session.programme,
            trainers=trainers,
            units=list(session.units.order_by("code")),
            seated=seated,
            seats_left=max(session.quota - seated, 0),
            is_open=is_open,
            is_trainer=role == STAFF or (role == ASSESSOR and any(t.pk == user.pk for t in trainers)),
            cancel_form=CancelForm(),
        )
        if role == STAFF:
            context.update(
                by_status=[(v, label, rows) for v, label, rows in by_status if rows],
                invite_form=kwargs.get("invite_form") or invite_form(self.request),
                apply_form=kwargs.get("apply_form") or apply_form(self.request),
            )
        elif role == ARTISAN:
            context.update(
                mine=enrolments,
                apply_form=(kwargs.get("apply_form") or apply_form(self.request)) if is_open else None,
            )
        return context
