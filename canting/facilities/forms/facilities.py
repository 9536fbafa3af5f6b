"""Forms for the facility pages: they read what staff type; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm, WholeNumberField
from canting.facilities.models import Facility
from canting.registry.choosers import EnterpriseChoiceField
from canting.registry.models import Centre, Enterprise

PHOTO_MAX_BYTES = 8 * 1024 * 1024
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class FacilityForm(ServiceModelForm):
    closed_weekdays = forms.TypedMultipleChoiceField(
        label=_("Closed on"), choices=WEEKDAYS, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Facility
        fields = [
            "centre",
            "name",
            "kind",
            "description",
            "capacity",
            "capacity_unit",
            "opens_at",
            "closes_at",
            "closed_weekdays",
            "min_minutes",
            "max_minutes",
            "max_days_ahead",
            "needs_approval",
            "fee_per_hour",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "opens_at": TIME_INPUT, "closes_at": TIME_INPUT}

    def __init__(self, *args: Any, centres: QuerySet[Centre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres  # type: ignore[attr-defined]
        self.fields["centre"].empty_label = None  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.photo:
            self.initial["photo"] = self.instance.photo

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is larger than 8 MB. Send a smaller copy."), code="too_large")
        return photo

    def cleaned_data_for_model(self) -> dict[str, Any]:
        data = super().cleaned_data_for_model()
        data.pop("photo", None)
        return data


class QuotaForm(StyledForm):
    enterprise = EnterpriseChoiceField(
        Enterprise.objects.none(),
        label=_("Enterprise"),
        required=False,
        empty_label=_("Every enterprise (the default)"),
    )
    hours_per_month = WholeNumberField(label=_("Hours a month"), min_value=0, max_value=24 * 31)

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]


class ClosedDayForm(StyledForm):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none(), empty_label=None)
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.none(), required=False, empty_label=_("The whole centre")
    )
    day = forms.DateField(label=_("Day"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), max_length=150)

    def __init__(self, *args: Any, centres: QuerySet[Centre], facilities: QuerySet[Facility], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres  # type: ignore[attr-defined]
        self.fields["facility"].queryset = facilities  # type: ignore[attr-defined]
