"""Form pieces shared by every app: the cascading area picker (province -> city -> district -> village)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from canting.core.models import Area, AreaLevel

AREA_STEPS = ("province", "regency", "district", "village")
AREA_LABELS = {
    "province": _("Province"),
    "regency": _("Regency / city"),
    "district": _("District (kecamatan)"),
    "village": _("Village (kelurahan / desa)"),
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class, so templates render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput,)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        if css not in existing:
            widget.attrs["class"] = f"{existing} {css}".strip()


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ServiceModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose cleaned values go to a service instead of being saved by the form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def cleaned_data_for_model(self) -> dict[str, Any]:
        names = self._meta.fields or []
        data = {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}
        # A cleared file input says False; the model stores no file as an empty name.
        return {
            name: "" if value is False and isinstance(self.fields[name], forms.FileField) else value
            for name, value in data.items()
        }


# Mixins below are used with Django forms; type checkers see them as forms so attribute access is checked.
_FormBase = forms.BaseForm if TYPE_CHECKING else object


class AreaCascadeMixin(_FormBase):  # type: ignore[misc,valid-type]
    """Adds province, regency and district selects above a form's ``village`` field.

    Each select asks the server (HTMX) for the options of the next one; only the village is stored, the other three
    steer the choice. Options are limited to the children of what is selected, so a village from another district
    can never pass validation.
    """

    area_required = True

    def setup_area_fields(self, village: Area | str | None = None) -> None:
        chosen = self._chosen_codes(village)
        new_fields: dict[str, forms.Field] = {}
        parent: str | None = None
        for level, step in enumerate(AREA_STEPS, start=1):
            queryset = Area.objects.filter(level=level).only("code", "name")
            if level > 1:
                queryset = queryset.filter(parent_id=parent) if parent else queryset.none()
            field = forms.ModelChoiceField(
                queryset=queryset,
                label=AREA_LABELS[step],
                required=self.area_required,
                empty_label="---------",
                initial=chosen.get(step),
            )
            if step != "village":
                field.widget.attrs.update(
                    {
                        "hx-get": reverse_lazy("area-options"),
                        "hx-trigger": "change",
                        "hx-include": "this",
                        "hx-target": f"#id_{self.add_prefix(AREA_STEPS[level])}",  # type: ignore[attr-defined]
                        "hx-swap": "innerHTML",
                    }
                )
            new_fields[step] = field
            parent = chosen.get(step)
        # Put the four selects where the village field stood, in order.
        ordered: dict[str, forms.Field] = {}
        for name, existing in self.fields.items():  # type: ignore[has-type]
            if name == "village":
                ordered.update(new_fields)
            elif name not in new_fields:
                ordered[name] = existing
        if "village" not in ordered:
            ordered.update(new_fields)
        self.fields = ordered
        style_widgets(self)  # type: ignore[arg-type]

    def _chosen_codes(self, village: Area | str | None) -> dict[str, str]:
        if self.data:
            return {step: self.data.get(self.add_prefix(step)) or "" for step in AREA_STEPS}  # type: ignore[attr-defined]
        code = village.code if isinstance(village, Area) else (village or "")
        if not code:
            return {}
        parts = code.split(".")
        return {step: ".".join(parts[: i + 1]) for i, step in enumerate(AREA_STEPS) if i < len(parts)}


def area_options(parent_code: str, level: int) -> list[tuple[str, str]]:
    return list(Area.objects.filter(parent_id=parent_code, level=level).values_list("code", "name").order_by("name"))


LEVEL_OF_STEP = {step: level for level, step in enumerate(AREA_STEPS, start=1)}
__all__ = [
    "AREA_STEPS",
    "AreaCascadeMixin",
    "AreaLevel",
    "ServiceModelForm",
    "StyledForm",
    "area_options",
    "style_widgets",
]


class LoginForm(auth_forms.AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)
