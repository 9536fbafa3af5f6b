"""Export readiness of one enterprise (a checklist the artisan reads on a phone), and its export profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from canting.core.pages import apply_service_errors
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.registry.models import Enterprise
from canting.trade.forms.profile import ExportProfileForm
from canting.trade.models import ExportProfile
from canting.trade.readiness import export_readiness
from canting.trade.services.profile import save_profile

OWN_OR_AREA = frozenset({STAFF, ARTISAN})
ARTISAN_ONLY = frozenset({ARTISAN})

# What each requirement means and what to do when it is missing, in the order of the checklist.
REQUIREMENTS: dict[str, tuple[Any, Any]] = {
    "customs": (
        gettext_lazy("NIB with customs access"),
        gettext_lazy("Register the NIB for customs access in OSS, then tick it in the export profile."),
    ),
    "npwp": (gettext_lazy("Tax number (NPWP)"), gettext_lazy("Add the NPWP to the enterprise's record.")),
    "training": (
        gettext_lazy("Trained in export procedures"),
        gettext_lazy("Someone of the enterprise takes part in a training on export procedures and documents."),
    ),
    "products": (
        gettext_lazy("Products with HS codes and export prices"),
        gettext_lazy("Open a product, confirm its HS code and give its price in a foreign currency."),
    ),
    "certification": (
        gettext_lazy("Batikmark or SNI certificate"),
        gettext_lazy("See what a Batikmark certificate still needs."),
    ),
    "azo": (
        gettext_lazy("Azo-amine test for the EU and Japan"),
        gettext_lazy("Have a product or batch tested for azo amines by a laboratory."),
    ),
    "rex": (
        gettext_lazy("REX number (EU consignments above EUR 6,000)"),
        gettext_lazy("Register as an exporter in REX and record the number in the export profile."),
    ),
}


class EnterprisePageMixin(RoleRequiredMixin):
    """Finds the enterprise among those the user may see: staff their area's, an artisan their own (404 otherwise)."""

    allowed_roles = OWN_OR_AREA
    enterprise: Enterprise

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.enterprise = get_object_or_404(Enterprise.objects.for_user(current_user(request)), pk=kwargs["pk"])


class MyReadinessView(RoleRequiredMixin, View):
    """An artisan's way in: their own enterprise's checklist."""

    allowed_roles = ARTISAN_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        user = current_user(request)
        enterprise = get_object_or_404(Enterprise.objects.for_user(user), pk=user.enterprise_id)
        return redirect("trade:readiness", pk=enterprise.pk)


class ReadinessView(EnterprisePageMixin, TemplateView):
    template_name = "trade/readiness/readiness.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        found = export_readiness(Enterprise.objects.filter(pk=self.enterprise.pk), timezone.localdate())
        readiness = found[self.enterprise.pk]
        lines = [
            {"item": item, "title": REQUIREMENTS[item.key][0], "advice": REQUIREMENTS[item.key][1]}
            for item in readiness.items
        ]
        return {
            **super().get_context_data(**kwargs),
            "enterprise": self.enterprise,
            "readiness": readiness,
            "lines": [line for line in lines if line["item"].counts],
            "notes": [line for line in lines if not line["item"].counts],
            "is_staff": current_user(self.request).role == STAFF,
        }


class ProfileView(EnterprisePageMixin, FormView):  # type: ignore[type-arg]
    """The export profile's form: the first save creates it."""

    template_name = "trade/readiness/profile_form.html"
    form_class = ExportProfileForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ExportProfile.objects.filter(enterprise=self.enterprise).first() or ExportProfile(
            enterprise=self.enterprise
        )
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "enterprise": self.enterprise}

    def form_valid(self, form: ExportProfileForm) -> HttpResponse:
        try:
            save_profile(
                actor=current_user(self.request), enterprise=self.enterprise, data=form.cleaned_data_for_model()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The export profile is saved."))
        return redirect("trade:readiness", pk=self.enterprise.pk)
