"""Forms for the catalogue's working pages. They read what a person types; services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Motif, Product
from canting.core.forms import ServiceModelForm, StyledForm, label_languages, style_widgets
from canting.registry.choosers import EnterpriseChoiceField, enterprise_field_like
from canting.registry.models import Enterprise

# Fibre names as artisans write them, in either language -> the stored key.
FIBRE_WORDS = {
    "katun": "cotton", "cotton": "cotton", "kapas": "cotton",
    "sutra": "silk", "sutera": "silk", "silk": "silk",
    "rayon": "rayon", "viskosa": "rayon", "viscose": "rayon",
    "linen": "linen", "polyester": "polyester", "poliester": "polyester",
    "wol": "wool", "wool": "wool", "lain": "other", "other": "other",
}  # fmt: skip
FIBRE_LABELS = {"cotton": _("cotton"), "silk": _("silk"), "rayon": _("rayon"), "linen": _("linen"),
                "polyester": _("polyester"), "wool": _("wool"), "other": _("other fibre")}  # fmt: skip


class FibresField(forms.CharField):
    """'katun 70, sutra 30' <-> [{"fibre": "cotton", "percent": 70}, {"fibre": "silk", "percent": 30}]."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(f"{FIBRE_LABELS.get(f.get('fibre'), f.get('fibre'))} {f.get('percent')}" for f in value)
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        fibres = []
        for part in filter(None, (p.strip() for p in re.split(r"[,;]", text))):
            match = re.fullmatch(r"([^\d%]+?)\s*(\d{1,3})\s*%?", part)
            if not match or match.group(1).strip().lower() not in FIBRE_WORDS:
                raise forms.ValidationError(
                    _("Write each fibre with its percentage, e.g. katun 70, sutra 30 (not %(part)s)."),
                    code="fibres_format",
                    params={"part": part},
                )
            fibres.append({"fibre": FIBRE_WORDS[match.group(1).strip().lower()], "percent": int(match.group(2))})
        return fibres


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,;]", text or "") if n.strip()]


class ProductForm(ServiceModelForm):
    """A product as its maker describes it, in Indonesian (required) and English."""

    fibres = FibresField(
        label=_("Fibre composition"), required=False, help_text=_("e.g. katun 100, or katun 70, sutra 30")
    )
    natural_dyes = forms.CharField(
        label=_("Natural dyes"), required=False, help_text=_("Comma-separated, e.g. indigo, tingi, jalawe")
    )
    synthetic_dyes = forms.CharField(
        label=_("Synthetic dyes"), required=False, help_text=_("Comma-separated, e.g. naphthol, remazol")
    )
    motifs: forms.ModelMultipleChoiceField[Motif] = forms.ModelMultipleChoiceField(
        label=_("Motifs"), queryset=Motif.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Product
        fields = [
            "name_ind", "name_en", "sku", "technique", "product_type", "fabric", "fibres", "weight_gsm", "length_cm",
            "width_cm", "production_days", "price", "stock", "description_ind", "description_en", "motifs",
        ]  # fmt: skip
        widgets = {
            "description_ind": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, enterprise_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ind"].required = True
        if enterprise_choices is not None:
            self.fields["enterprise"] = EnterpriseChoiceField(enterprise_choices, label=_("Enterprise"))
            self.order_fields(["enterprise", *self.fields])
        if self.instance.pk:
            self.initial["natural_dyes"] = ", ".join(d["name"] for d in self.instance.dyes if d.get("natural"))
            self.initial["synthetic_dyes"] = ", ".join(d["name"] for d in self.instance.dyes if not d.get("natural"))
            self.initial["motifs"] = list(self.instance.motifs.all())
        label_languages(self)
        style_widgets(self)

    def _post_clean(self) -> None:
        # The model's own checks run in the service, with the dyes and motifs the form cannot set on the instance.
        pass

    def product_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data_for_model().items() if k not in {"motifs", "enterprise"}}
        data["dyes"] = [{"name": n, "natural": True} for n in _names(self.cleaned_data.get("natural_dyes", ""))] + [
            {"name": n, "natural": False} for n in _names(self.cleaned_data.get("synthetic_dyes", ""))
        ]
        return data


class PictureForm(StyledForm):
    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
    )
    alt_text_ind = forms.CharField(label=_("What the photo shows (Indonesian)"), max_length=200)
    alt_text_en = forms.CharField(label=_("What the photo shows (English)"), max_length=200, required=False)


class StatusForm(StyledForm):
    status = forms.ChoiceField(choices=[("draft", ""), ("published", ""), ("archived", "")])


class MotifForm(ServiceModelForm):
    related: forms.ModelMultipleChoiceField[Motif] = forms.ModelMultipleChoiceField(
        label=_("Related motifs"),
        queryset=Motif.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Motif
        fields = [
            "name_ind", "name_en", "region", "area", "story_ind", "story_en", "meaning_ind", "meaning_en",
            "ip_number", "ip_date", "ip_holder_enterprise", "ip_holder_name",
        ]  # fmt: skip
        widgets = {
            "story_ind": forms.Textarea(attrs={"rows": 4}),
            "story_en": forms.Textarea(attrs={"rows": 4}),
            "meaning_ind": forms.Textarea(attrs={"rows": 3}),
            "meaning_en": forms.Textarea(attrs={"rows": 3}),
            "ip_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "area": forms.TextInput(attrs={"placeholder": "35.76"}),
        }

    def __init__(self, *args: Any, enterprise_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_ind", "story_ind"):
            self.fields[name].required = True
        holder = self.fields["ip_holder_enterprise"]
        self.fields["ip_holder_enterprise"] = enterprise_field_like(
            holder, enterprise_choices if enterprise_choices is not None else Enterprise.objects.none()
        )
        if self.instance.pk:
            self.fields["related"].queryset = Motif.objects.exclude(pk=self.instance.pk).order_by("name")  # type: ignore[attr-defined]
            self.initial["related"] = list(self.instance.related.all())
        label_languages(self)
        style_widgets(self)
