"""People pages: the list, a person's page, adding a member to an enterprise, editing a person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from canting.core import audit
from canting.core.lists import FilteredListView
from canting.core.masking import mask_nik, mask_phone
from canting.core.pages import ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, allow, current_user, role_of
from canting.registry import services
from canting.registry.choosers import PersonChoiceField, options_response
from canting.registry.filtersets import PersonFilterSet
from canting.registry.forms import MemberForm, PersonForm
from canting.registry.models import Membership, Person
from canting.registry.views.base import ForEnterpriseMixin

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})


@allow(STAFF_OR_ARTISAN)
def person_options_view(request: HttpRequest) -> JsonResponse:
    """The registered people whose name or NIK contains ``?q=``, among those the reader may see, for a search box
    (:class:`canting.registry.choosers.PersonChoiceField`)."""
    chooser = PersonChoiceField(Person.objects.for_user(request.user).registered().order_by("full_name", "id"))
    return options_response(chooser, request.GET.get("q", "").strip())


def memberships_prefetch() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("memberships", queryset=Membership.objects.select_related("enterprise"))


class PersonListView(FilteredListView):
    allowed_roles = STAFF_ONLY
    filterset_class = PersonFilterSet
    template_name = "registry/person_list.html"
    export_name = "perajin"

    def base_queryset(self) -> QuerySet[Person]:
        return (
            Person.objects.for_user(self.request.user)
            .registered()
            .select_related("village")
            .prefetch_related(memberships_prefetch())
        )

    def export_header(self) -> Sequence[str]:
        return [
            str(h)
            for h in (
                _("Name"),
                _("NIK"),
                _("Gender"),
                _("Birth date"),
                _("Phone"),
                _("Email"),
                _("Village"),
                _("Roles"),
            )
        ]

    def export_row(self, p: Person) -> Sequence[Any]:
        # Staff exports keep NIK and phone masked: the full values are on each person's page for those who need them.
        roles = "; ".join(f"{m.get_role_display()} {m.enterprise.name}" for m in p.memberships.all())
        village = p.village.name if p.village else ""
        return [
            p.full_name,
            mask_nik(p.nik),
            p.get_gender_display(),
            p.birth_date,
            mask_phone(p.phone),
            p.email,
            village,
            roles,
        ]


class PersonDetailView(RoleRequiredMixin, DetailView):  # type: ignore[type-arg]
    allowed_roles = STAFF_OR_ARTISAN
    template_name = "registry/person_detail.html"
    context_object_name = "person"

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.for_user(self.request.user).select_related("village__parent__parent__parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = (
            Membership.objects.for_user(self.request.user).filter(person=self.object).select_related("enterprise")
        )
        context["is_staff"] = role_of(self.request.user) == STAFF
        if context["is_staff"]:
            context["history"] = audit.history(self.object)[:50]
        return context


class MemberCreateView(ForEnterpriseMixin, ServiceFormView):
    """Add a new person to an enterprise, with their role."""

    allowed_roles = STAFF_OR_ARTISAN
    form_class = MemberForm
    template_name = "registry/person_form.html"
    success_message = gettext_lazy("%(object)s has been added.")

    def perform(self, form: MemberForm) -> Person:
        data = form.cleaned_data_for_model()
        return services.create_person(
            actor=current_user(self.request),
            data=data,
            enterprise=self.enterprise,
            role=form.cleaned_data["role"],
        )

    def success_url_for(self, obj: Any) -> str:
        return self.enterprise.get_absolute_url() + "#people"


class PersonUpdateView(ServiceFormView):
    allowed_roles = STAFF_OR_ARTISAN
    form_class = PersonForm
    template_name = "registry/person_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = get_object_or_404(Person.objects.for_user(request.user), pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": Person.objects.get(pk=self.person.pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "person": self.person}

    def perform(self, form: PersonForm) -> Person:
        return services.update_person(
            self.person, actor=current_user(self.request), changes=form.cleaned_data_for_model()
        )


class MembershipRemoveView(RoleRequiredMixin, View):
    """End a person's role in an enterprise (the person stays in the registry)."""

    allowed_roles = STAFF_OR_ARTISAN
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = get_object_or_404(Membership.objects.for_user(request.user).select_related("person"), pk=pk)
        enterprise_url = membership.enterprise.get_absolute_url()
        services.remove_membership(membership, actor=current_user(request))
        messages.success(request, _("%(name)s no longer has that role.") % {"name": membership.person.full_name})
        return redirect(enterprise_url + "#people")


class PersonDataRequestView(RoleRequiredMixin, View):
    """Staff answering a person's request about their own data."""

    allowed_roles = STAFF_ONLY

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = get_object_or_404(Person.objects.for_user(request.user), pk=kwargs["pk"])


class PersonDataExportView(PersonDataRequestView):
    """A subject access request: everything held about a person, as a JSON file."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit.record(actor=current_user(request), action="registry.person.data_exported", instance=self.person)
        response = JsonResponse(
            services.personal_data(self.person), json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
        response["Content-Disposition"] = f'attachment; filename="data-pribadi-{self.person.pk}.json"'
        return response


class PersonEraseView(PersonDataRequestView):
    """Erase a person's identifying data at their request (staff, with the reason)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            services.erase_person(self.person, actor=current_user(request), reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The personal data has been erased."))
        return redirect(self.person)
