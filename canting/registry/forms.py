"""Forms parse and check the shape of what people type; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from canting.core.forms import AreaCascadeMixin, ServiceModelForm, StyledForm
from canting.core.scope import scope_of
from canting.registry.models import Centre, Enterprise, Facilitation, Membership, MembershipRole, Person
from canting.registry.validators import digits_only, normalise_phone

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommaListField(forms.CharField):
    """'13134, 14111' <-> ['13134', '14111']."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class EnterpriseCleaning:
    """Identity numbers typed with dots or spaces are kept as digits; at least one technique is required."""

    cleaned_data: dict[str, Any]

    def clean_nib(self) -> str | None:
        value = digits_only(self.cleaned_data.get("nib") or "")
        return value or None

    def clean_npwp(self) -> str:
        return digits_only(self.cleaned_data.get("npwp") or "")

    def clean_contact_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("contact_phone") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # type: ignore[misc]
        if not any(data.get(f"technique_{t}") for t in ("tulis", "cap", "kombinasi", "tiruan")):
            self.add_error(  # type: ignore[attr-defined]
                "technique_tulis", ValidationError(_("Tick at least one technique."), code="technique_required")
            )
        return data  # type: ignore[no-any-return]


class PersonCleaning:
    cleaned_data: dict[str, Any]

    def clean_nik(self) -> str | None:
        return digits_only(self.cleaned_data.get("nik") or "") or None

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone") or "")


class CentreForm(AreaCascadeMixin, ServiceModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Centre
        fields = ["name", "address", "village", "managing_office"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_area_fields(self.instance.village if self.instance.village_id else None, scope=scope_of(user))


class EnterpriseForm(EnterpriseCleaning, AreaCascadeMixin, ServiceModelForm):  # type: ignore[type-arg]
    kbli_codes = CommaListField(label=_("KBLI codes"), help_text=_("Comma-separated; 13134 is batik."), initial="13134")

    class Meta:
        model = Enterprise
        fields = [
            "name", "brand", "nib", "npwp", "kbli_codes", "legal_form", "year_founded", "address", "village",
            "centre", "technique_tulis", "technique_cap", "technique_kombinasi", "technique_tiruan",
            "monthly_capacity", "workers_men", "workers_women", "investment", "contact_phone", "contact_email",
            "status",
        ]  # fmt: skip

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None and "centre" in self.fields:
            from canting.registry.models import Centre

            self.fields["centre"].queryset = Centre.objects.for_user(user)  # type: ignore[attr-defined]
        self.setup_area_fields(self.instance.village if self.instance.village_id else None, scope=scope_of(user))


class ArtisanEnterpriseForm(EnterpriseForm):
    """What an artisan may change about their own enterprise: not its status, centre or NIB."""

    class Meta(EnterpriseForm.Meta):
        fields = [f for f in EnterpriseForm.Meta.fields if f not in {"status", "centre", "nib"}]


class PersonForm(PersonCleaning, AreaCascadeMixin, ServiceModelForm):  # type: ignore[type-arg]
    area_required = False

    class Meta:
        model = Person
        fields = ["full_name", "nik", "gender", "birth_date", "phone", "email", "address", "village"]
        widgets = {"birth_date": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].required = False
        self.fields["gender"].help_text = _("Taken from the NIK when left empty.")
        # Any village: people may live outside the area where they work, and are seen through their enterprise.
        self.setup_area_fields(self.instance.village if self.instance.village_id else None)

    def _get_validation_exclusions(self) -> set[str]:  # type: ignore[override,misc]
        # Gender may be filled from the NIK by the service, so the model must not demand it here.
        return {*super()._get_validation_exclusions(), "gender"}


class MemberForm(PersonForm):
    """A new person together with their role in the enterprise."""

    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.WORKER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.attrs["class"] = "form-select"


class MembershipForm(ServiceModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Membership
        fields = ["person", "role"]


class FacilitationForm(ServiceModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Facilitation
        fields = [
            "kind", "title", "number", "status", "started_on", "granted_on", "expires_on", "evidence",
            "programme", "year", "notes",
        ]  # fmt: skip
        widgets = {"started_on": DATE_INPUT, "granted_on": DATE_INPUT, "expires_on": DATE_INPUT}

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload and hasattr(upload, "size") and upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The evidence file may be at most 5 MB."), code="evidence_too_large")
        if upload and hasattr(upload, "read") and getattr(upload, "content_type", None) is not None:
            head = upload.read(8)
            upload.seek(0)
            if not (head.startswith(b"%PDF") or head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG")):
                raise ValidationError(_("The evidence must be a PDF, JPEG or PNG file."), code="evidence_type")
        return upload


class RegistrationEnterpriseForm(EnterpriseCleaning, AreaCascadeMixin, ServiceModelForm):  # type: ignore[type-arg]
    """The enterprise half of the public registration form."""

    class Meta:
        model = Enterprise
        fields = [
            "name", "brand", "nib", "legal_form", "year_founded", "address", "village", "technique_tulis",
            "technique_cap", "technique_kombinasi", "technique_tiruan", "workers_men", "workers_women",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_area_fields()


class RegistrationPersonForm(PersonCleaning, ServiceModelForm):  # type: ignore[type-arg]
    """The applicant: the owner who will get the login."""

    email = forms.EmailField(label=_("Email"), help_text=_("The login is sent to this address."))

    class Meta:
        model = Person
        fields = ["full_name", "nik", "gender", "phone", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nik"].required = True
        self.fields["phone"].required = True


class RejectForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("The applicant will read this.")
    )


class ImportUploadForm(StyledForm):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
