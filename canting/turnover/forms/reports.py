"""Forms of the monthly turnover reports: the short phone form, the return reason, and the bulk accept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canting.core.forms import ServiceModelForm, StyledForm
from canting.turnover.models import PIECE_FIELDS, TurnoverReport

# The piece field of each technique flag on the enterprise.
PIECES_OF_TECHNIQUE = {name.removeprefix("pieces_"): name for name in PIECE_FIELDS}


class ReportForm(ServiceModelForm):
    """A month's figures. Only the pieces of the techniques the enterprise makes are asked for."""

    class Meta:
        model = TurnoverReport
        fields = [
            "domestic_sales", "export_sales", *PIECE_FIELDS, "workers_men", "workers_women", "material_costs",
            "notes",
        ]  # fmt: skip
        labels = {
            "domestic_sales": _("Sales at home (Rp)"),
            "export_sales": _("Export sales (Rp)"),
            "workers_men": _("Workers, men"),
            "workers_women": _("Workers, women"),
            "material_costs": _("Material costs (Rp, optional)"),
            "notes": _("Notes (optional)"),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, enterprise: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        made = [
            field for technique, field in PIECES_OF_TECHNIQUE.items() if getattr(enterprise, f"technique_{technique}")
        ]
        for piece in PIECE_FIELDS:
            # An enterprise that has recorded no technique is asked for every kind, rather than for none.
            if made and piece not in made:
                del self.fields[piece]
        for name, field in self.fields.items():
            if name != "notes":
                field.required = False

    def cleaned_data_for_model(self) -> dict[str, Any]:
        return {name: value for name, value in super().cleaned_data_for_model().items() if name in self.fields}


class ReturnForm(StyledForm):
    reason = forms.CharField(
        label=_("What must the enterprise correct?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkAcceptForm(forms.Form):
    """The reports ticked on the list, found among those the officer may see."""

    reports = forms.ModelMultipleChoiceField(
        queryset=TurnoverReport.objects.none(),
        error_messages={
            "required": _("Choose at least one submitted report."),
            "invalid_choice": _("One of the chosen reports is not in your list."),
            "invalid_pk_value": _("One of the chosen reports is not in your list."),
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = TurnoverReport.objects.for_user(user)  # type: ignore[attr-defined]
