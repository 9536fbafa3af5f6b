"""Forms for training's working pages. They read what a person types; services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm
from canting.core.models import Area, Role, User
from canting.core.scope import areas_within, scope_of
from canting.registry.choosers import EnterpriseMultipleChoiceField, PersonChoiceField, PersonMultipleChoiceField
from canting.registry.models import Enterprise, Person
from canting.training.models import (
    AssessmentResult,
    Certificate,
    CompetencyScheme,
    CompetencyUnit,
    Programme,
    TrainingSession,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- programmes, sessions, units and schemes ------------------------------------------------------------------
class ProgrammeForm(ServiceModelForm):
    class Meta:
        model = Programme
        fields = [
            "title",
            "kind",
            "year",
            "organiser",
            "partner",
            "funding_source",
            "target_group",
            "description",
            "area",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast(forms.ModelChoiceField, self.fields["area"])  # type: ignore[type-arg]
        scope = scope_of(user)
        area.queryset = areas_within(scope, Area.objects.filter(level__lte=2)).order_by("code")
        if scope:  # an area's officer runs programmes of their own area, not national ones
            area.required, area.empty_label = True, None


class SessionForm(ServiceModelForm):
    class Meta:
        model = TrainingSession
        fields = [
            "starts_on",
            "ends_on",
            "venue",
            "city",
            "quota",
            "trainers",
            "trainer_names",
            "units",
            "scheme",
            "open_for_applications",
            "apply_by",
            "centre_only",
            "new_to_programme_only",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "apply_by": DATE_INPUT,
            "trainers": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainers = self.fields["trainers"]
        trainers.queryset = User.objects.filter(role=Role.ASSESSOR, is_active=True).order_by(  # type: ignore[attr-defined]
            "first_name", "username"
        )
        units = self.fields["units"]
        units.queryset = CompetencyUnit.objects.filter(active=True).order_by("code")  # type: ignore[attr-defined]

    def session_data(self) -> dict[str, Any]:
        data = self.cleaned_data_for_model()
        data.pop("trainers", None)
        data.pop("units", None)
        return data


class UnitForm(ServiceModelForm):
    class Meta:
        model = CompetencyUnit
        fields = ["code", "title", "standard", "active"]


class SchemeForm(ServiceModelForm):
    class Meta:
        model = CompetencyScheme
        fields = ["name", "issuer", "issuer_licence", "validity_months", "units"]
        widgets = {"units": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = CompetencyUnit.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["units"].required = False

    def scheme_data(self) -> dict[str, Any]:
        data = self.cleaned_data_for_model()
        data.pop("units", None)
        return data


# --- enrolment ------------------------------------------------------------------------------------------------
class InviteForm(StyledForm):
    """Staff invite people they see in the registry, or every owner of the enterprises chosen, each found by
    typing part of a name or number."""

    def __init__(self, *args: Any, people: QuerySet[Person], enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"] = PersonMultipleChoiceField(people, label=_("People"), required=False)
        self.fields["enterprises"] = EnterpriseMultipleChoiceField(
            enterprises, label=_("Every owner of these enterprises"), required=False
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("people") and not cleaned.get("enterprises"):
            raise forms.ValidationError(_("Choose people or enterprises to invite."))
        return cleaned


class ApplyForm(StyledForm):
    """An artisan applies for one of the people of their enterprise (staff for anybody they see)."""

    person = forms.ModelChoiceField(label=_("Participant"), queryset=Person.objects.none())

    def __init__(self, *args: Any, people: QuerySet[Person], search: bool = False, **kwargs: Any) -> None:
        """``search``: choose by typing (staff, who see thousands); otherwise from the list of the enterprise's few."""
        super().__init__(*args, **kwargs)
        if search:
            self.fields["person"] = PersonChoiceField(people, label=_("Participant"))
        else:
            self.fields["person"].queryset = people  # type: ignore[attr-defined]


class CancelForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=250, required=False)


class MarkForm(forms.Form):
    """One tap on the attendance list: who, which day, present or not."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField()
    present = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class UnitAssessmentForm(StyledForm):
    """A participant's result on one unit, in the card of that participant (prefixed by the unit)."""

    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("", _("Not assessed")), *AssessmentResult.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    assessed_on = forms.DateField(
        label=_("Assessed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    evidence = forms.FileField(
        label=_("Evidence (photo or PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].widget.attrs["class"] = "form-check-input"


class ExternalCertificateForm(ServiceModelForm):
    """A certificate a person received from another body, with the scan of the paper."""

    scan = forms.FileField(label=_("Scan"), help_text=_("PDF, JPEG, PNG or WebP, at most 10 MB."), required=True)

    class Meta:
        model = Certificate
        fields = ["kind", "number", "title", "issuer", "issuer_licence", "scheme", "issued_on", "expires_on"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            Person.objects.for_user(user).order_by("full_name", "id"), label=_("Holder")
        )
        self.fields["scheme"].help_text = _("For a certificate of competency: its units are recorded with it.")
        self.order_fields(["person", *(self._meta.fields or []), "scan"])  # type: ignore[union-attr]

    def cleaned_data_for_model(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or []}  # type: ignore[union-attr]


class RevokeForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Kept in the history; the public verification shows only that it is revoked."),
    )
