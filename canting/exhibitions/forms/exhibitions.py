"""Forms for the exhibition pages: they read what staff and artisans type; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm
from canting.core.models import Area, AreaLevel
from canting.core.scope import areas_within, scope_of
from canting.exhibitions.models import Booth, Exhibition, ExhibitorStatus
from canting.registry.choosers import EnterpriseChoiceField
from canting.registry.models import Enterprise

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExhibitionForm(ServiceModelForm):
    class Meta:
        model = Exhibition
        fields = [
            "name_ind", "name_en", "kind", "organised_by_city", "organiser", "description_ind", "description_en",
            "venue", "address", "area", "starts_on", "ends_on", "budget", "call_text", "application_deadline",
            "selection_criteria", "public",
        ]  # fmt: skip
        labels = {
            "name_ind": _("Name (Indonesian)"),
            "name_en": _("Name (English)"),
            "description_ind": _("Description (Indonesian)"),
            "description_en": _("Description (English)"),
        }
        widgets = {
            "description_ind": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "call_text": forms.Textarea(attrs={"rows": 3}),
            "selection_criteria": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "application_deadline": DATE_INPUT,
        }

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ind"].required = True
        self.fields["name_en"].help_text = _("Shown to English readers; empty shows the Indonesian name.")
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["area"].empty_label = None  # type: ignore[attr-defined]


def office_areas(user: Any) -> QuerySet[Area]:
    """The regions an officer may run an exhibition for: their own, and the regencies inside a province."""
    return areas_within(scope_of(user), Area.objects.filter(level__lte=AreaLevel.REGENCY)).order_by("code")


class BoothForm(ServiceModelForm):
    class Meta:
        model = Booth
        fields = ["code", "width_m", "depth_m", "position", "price"]


class InviteForm(StyledForm):
    enterprise = EnterpriseChoiceField(Enterprise.objects.none(), label=_("Enterprise"))

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]


class DecideForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ExhibitorStatus.SELECTED.value, _("Select")), (ExhibitorStatus.REJECTED.value, _("Do not select"))],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(StyledForm):
    booth = forms.ModelChoiceField(label=_("Booth"), queryset=Booth.objects.none())
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, booths: QuerySet[Booth], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths  # type: ignore[attr-defined]
