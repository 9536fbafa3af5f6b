"""Forms of the booking pages: they parse what was typed; the services in facilities.services.bookings decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm
from canting.facilities.models import Facility, Usage
from canting.registry.choosers import enterprise_field_like
from canting.registry.models import Enterprise


class FacilityChoices(forms.ModelMultipleChoiceField):
    """Checkboxes of facilities; the centre is named when facilities of several centres are offered."""

    def __init__(self, *args: Any, show_centre: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_centre = show_centre

    def label_from_instance(self, obj: Facility) -> str:
        return f"{obj.name} · {obj.centre.name}" if self.show_centre else obj.name


class BookingForm(StyledForm):
    """Choose facilities of one centre, the day and the hours (or, for a booking past midnight or over several
    days, the day it ends), and say what for. Staff also choose the enterprise they book for."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))
    facilities = FacilityChoices(
        queryset=Facility.objects.none(), label=_("Facilities"), widget=forms.CheckboxSelectMultiple
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_day = forms.DateField(
        label=_("Ends on another day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for a booking past midnight or over several days; empty: it ends on the same day."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=250,
        required=False,
        help_text=_("What you will make or do, for the centre's staff."),
    )

    def __init__(
        self,
        *args: Any,
        facilities: QuerySet[Facility],
        enterprises: QuerySet[Enterprise] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["facilities"]
        assert isinstance(field, FacilityChoices)
        field.queryset = facilities
        field.show_centre = len({f.centre_id for f in facilities}) > 1
        if enterprises is None:
            del self.fields["enterprise"]
        else:
            self.fields["enterprise"] = enterprise_field_like(self.fields["enterprise"], enterprises)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return data
        end_day = data.get("end_day") or day
        starts_at = timezone.make_aware(datetime.datetime.combine(day, start))
        ends_at = timezone.make_aware(datetime.datetime.combine(end_day, end))
        if ends_at <= starts_at:
            if data.get("end_day"):
                raise forms.ValidationError(_("The booking must end after it starts."), code="ends_before_start")
            self.add_error(
                "end_day",
                forms.ValidationError(
                    _("The end is not after the start: for a booking past midnight, choose the day it ends."),
                    code="ends_before_start",
                ),
            )
            return data
        data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data


class DecisionForm(StyledForm):
    """The reason of a rejection (required) or a cancellation (required of staff, optional for the enterprise)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The enterprise reads it on its booking."),
    )


class UsageForm(ServiceModelForm):
    """What the booking used and made."""

    class Meta:
        model = Usage
        fields = [
            "pieces_tulis",
            "pieces_cap",
            "pieces_kombinasi",
            "pieces_tiruan",
            "wax_kg",
            "dye_kg",
            "water_litres",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("pieces_tulis", "pieces_cap", "pieces_kombinasi", "pieces_tiruan", "water_litres"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        for name in ("wax_kg", "dye_kg"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"
