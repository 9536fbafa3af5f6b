"""Forms of the business-class, readiness and graduation pages: they parse; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm, WholeNumberField, style_widgets
from canting.turnover.models import ClassCondition, Criterion


class ConditionForm(ServiceModelForm):
    class Meta:
        model = ClassCondition
        fields = ["business_class", "group", "measure", "comparator", "value"]
        widgets = {"value": forms.NumberInput(attrs={"step": "1", "min": "0"})}


class BaseConditionFormSet(forms.BaseModelFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form in self.forms:
            style_widgets(form)

    def rows(self) -> list[dict[str, Any]]:
        """Each form's values for ``services.classes.save_conditions``: fields, ``id`` and ``delete``."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue  # an untouched empty row
            data = {name: form.cleaned_data.get(name) for name in ConditionForm.Meta.fields}
            instance = form.cleaned_data.get("id")
            data["id"] = instance.pk if instance is not None else None
            data["delete"] = bool(form.cleaned_data.get("DELETE"))
            rows.append(data)
        return rows


ConditionFormSet = forms.modelformset_factory(
    ClassCondition, form=ConditionForm, formset=BaseConditionFormSet, extra=1, can_delete=True
)


class CriterionForm(ServiceModelForm):
    class Meta:
        model = Criterion
        fields = ["name_ind", "name_en", "weight", "target", "position", "active"]
        labels = {"name_ind": _("Name (Indonesian)"), "name_en": _("Name (English)")}


class GraduateForm(StyledForm):
    months = WholeNumberField(label=_("Months of monitoring"), min_value=1, max_value=60, initial=12)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the readiness score is under 70."),
    )
