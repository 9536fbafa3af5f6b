"""The export profile form: reads what the enterprise types; ``services.profile.save_profile`` decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm
from canting.trade.models import ExportProfile
from canting.trade.services.profile import PROFILE_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExportProfileForm(ServiceModelForm):
    class Meta:
        model = ExportProfile
        fields = list(PROFILE_FIELDS)
        widgets = {
            "customs_access_on": DATE_INPUT,
            "rex_registered_on": DATE_INPUT,
            "bank_details": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "rex_number": _("Needed for EU consignments worth more than EUR 6,000, e.g. IDREX3578123456789."),
            "port_of_loading": _("e.g. Tanjung Perak, Surabaya"),
        }

    def clean_rex_number(self) -> str:
        return "".join((self.cleaned_data.get("rex_number") or "").split()).upper()
