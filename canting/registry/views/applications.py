"""Self-registration: the public form, the applicant's status page, and the staff review queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from canting.core.pages import apply_service_errors
from canting.core.permissions import EVERYONE, STAFF, RoleRequiredMixin, current_user
from canting.registry import services
from canting.registry.forms import RegistrationEnterpriseForm, RegistrationPersonForm, RejectForm
from canting.registry.models import Application, ApplicationStatus
from canting.registry.selectors import similar_enterprises

STAFF_ONLY = frozenset({STAFF})


class RegisterView(RoleRequiredMixin, View):
    """Anyone may register an enterprise; it waits in the review queue until staff decide."""

    allowed_roles = EVERYONE
    template_name = "registry/register.html"

    def forms(self, data: Any = None) -> tuple[RegistrationEnterpriseForm, RegistrationPersonForm]:
        return RegistrationEnterpriseForm(data, prefix="ent"), RegistrationPersonForm(data, prefix="owner")

    def get(self, request: HttpRequest) -> HttpResponse:
        enterprise_form, person_form = self.forms()
        return render(request, self.template_name, {"enterprise_form": enterprise_form, "person_form": person_form})

    def post(self, request: HttpRequest) -> HttpResponse:
        enterprise_form, person_form = self.forms(request.POST)
        if enterprise_form.is_valid() and person_form.is_valid():
            person_data = person_form.cleaned_data_for_model()
            email = person_data.pop("email")
            try:
                application = services.submit_application(
                    enterprise_data=enterprise_form.cleaned_data_for_model(), person_data=person_data, email=email
                )
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
                for field, messages_ in errors.items():
                    target = (
                        person_form
                        if field in person_form.fields and field not in enterprise_form.fields
                        else enterprise_form
                    )
                    apply_service_errors(
                        target, ValidationError({field: messages_}) if field else ValidationError(messages_)
                    )
            else:
                return redirect("registry:register-status", token=application.token)
        return render(
            request, self.template_name, {"enterprise_form": enterprise_form, "person_form": person_form}, status=200
        )


class RegisterStatusView(RoleRequiredMixin, DetailView):  # type: ignore[type-arg]
    """The applicant's private page: where their registration stands, and the reason if it was refused."""

    allowed_roles = EVERYONE
    template_name = "registry/register_status.html"
    context_object_name = "application"
    slug_field = "token"
    slug_url_kwarg = "token"
    queryset = Application.objects.select_related("enterprise")


class ApplicationListView(RoleRequiredMixin, ListView):  # type: ignore[type-arg]
    allowed_roles = STAFF_ONLY
    template_name = "registry/application_list.html"
    context_object_name = "applications"
    paginate_by = 25

    def get_queryset(self) -> QuerySet[Application]:
        status = self.request.GET.get("status") or ApplicationStatus.PENDING
        if status not in ApplicationStatus.values:
            status = ApplicationStatus.PENDING
        self.status = status
        return (
            Application.objects.for_user(self.request.user)
            .filter(status=status)
            .select_related("enterprise__village__parent", "applicant")
            .order_by("created_at", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "status": self.status, "statuses": ApplicationStatus.choices}


class ApplicationDetailView(RoleRequiredMixin, DetailView):  # type: ignore[type-arg]
    allowed_roles = STAFF_ONLY
    template_name = "registry/application_detail.html"
    context_object_name = "application"

    def get_queryset(self) -> QuerySet[Application]:
        return Application.objects.for_user(self.request.user).select_related(
            "enterprise__village__parent__parent", "applicant", "decided_by"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("reject_form", RejectForm())
        enterprise = self.object.enterprise
        context["similar"] = similar_enterprises(enterprise)
        return context


class ApplicationDecideView(ApplicationDetailView):
    """POST approve or reject; the decision is final and written once even if two officers click at once."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, decision: str) -> HttpResponse:
        application = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            if decision == "approve":
                login = services.approve_application(application, actor=current_user(request))
                messages.success(
                    request,
                    _("%(name)s is now registered; %(email)s was sent a link to choose the password of %(username)s.")
                    % {"name": application.enterprise.name, "username": login.username, "email": application.email},
                )
            else:
                form = RejectForm(request.POST)
                if not form.is_valid():
                    self.object = application
                    return self.render_to_response(self.get_context_data(reject_form=form))
                services.reject_application(
                    application, actor=current_user(request), reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("The registration of %(name)s was rejected.") % {"name": application.enterprise.name}
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("registry:application-list")
