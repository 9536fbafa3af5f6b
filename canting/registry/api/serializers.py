"""What the registry API reads and accepts. Serializers check shape only; the rules live in ``services``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canting.core.api.serializers import MaskedCharField, ScopedPrimaryKeyRelatedField, VillageField
from canting.core.masking import mask_nik, mask_phone
from canting.registry.models import (
    Centre,
    Enterprise,
    Facilitation,
    Membership,
    MembershipRole,
    Person,
    Technique,
)
from canting.registry.validators import normalise_phone, validate_nib, validate_nik

TECHNIQUE_FIELDS = [f"technique_{t}" for t in Technique.values]


# --- enterprises ----------------------------------------------------------------------------------------------
class OwnerSerializer(serializers.ModelSerializer[Membership]):
    """An owner of the enterprise, by name (their personal data is on the person's own endpoint)."""

    id = serializers.IntegerField(source="person_id", read_only=True)
    full_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "full_name"]


class EnterpriseSerializer(serializers.ModelSerializer[Enterprise]):
    """A small batik enterprise (IKM) as the office registers it."""

    kbli_codes = serializers.ListField(
        child=serializers.RegexField(r"^\d{5}$", max_length=5),
        min_length=1,
        required=False,
        help_text=Enterprise._meta.get_field("kbli_codes").help_text,
    )
    village = VillageField(in_working_area=True)
    village_name = serializers.CharField(source="village.name", read_only=True)
    centre = ScopedPrimaryKeyRelatedField(queryset=Centre.objects.all(), required=False, allow_null=True)
    techniques = serializers.ListField(
        child=serializers.ChoiceField(choices=Technique.choices),
        read_only=True,
        help_text=_("The techniques ticked below, as one list."),
    )
    workers_total = serializers.IntegerField(read_only=True, help_text=_("Workers, men and women together."))
    # Read from the ``owners`` prefetch the viewset's queryset carries (one query for the whole page).
    owners = OwnerSerializer(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id", "name", "brand", "nib", "npwp", "kbli_codes", "legal_form", "year_founded", "address", "village",
            "village_name", "centre", "techniques", *TECHNIQUE_FIELDS, "monthly_capacity", "workers_men",
            "workers_women", "workers_total", "investment", "contact_phone", "contact_email", "status", "owners",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness is the service's to judge: its message names the enterprise already holding the NIB.
        extra_kwargs = {"nib": {"validators": [validate_nib]}}

    def validate_nib(self, value: str | None) -> str | None:
        return value or None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        def ticked(name: str) -> bool:
            return bool(attrs.get(name, getattr(self.instance, name, False)))

        if not any(ticked(name) for name in TECHNIQUE_FIELDS):
            raise serializers.ValidationError(_("Tick at least one technique."), code="technique_required")
        return attrs


class ArtisanEnterpriseSerializer(EnterpriseSerializer):
    """What an artisan may change about their own enterprise: not its status, its centre or its NIB."""

    OFFICE_FIELDS = ("status", "centre", "nib")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        refused = [name for name in self.OFFICE_FIELDS if name in self.initial_data]
        if refused:
            message = _("Only the office can change this.")
            raise serializers.ValidationError({name: [message] for name in refused}, code="office_only")
        return super().validate(attrs)


# --- people ---------------------------------------------------------------------------------------------------
class MembershipSerializer(serializers.ModelSerializer[Membership]):
    """A person's role in an enterprise the requesting user may see."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["enterprise", "enterprise_name", "role"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer[Person]):
    """A person in full, personal data included: only staff and the person's own enterprise ever reach this."""

    village = VillageField(required=False, allow_null=True)
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "nik", "gender", "birth_date", "phone", "email", "address", "village", "memberships",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {
            # The service refuses a NIK already registered and says to whom; the field only checks its form.
            "nik": {"validators": [validate_nik]},
            # Accepted as 08xx or +62 8xx and stored as +628xx: the form is checked after normalising.
            "phone": {"validators": [], "max_length": 24, "help_text": _("08xx or +62 8xx; stored as +628xx.")},
            "gender": {"required": False, "help_text": _("Taken from the NIK when left out.")},
            "birth_date": {"help_text": _("Taken from the NIK when left out.")},
        }

    def validate_nik(self, value: str | None) -> str | None:
        return value or None

    def validate_phone(self, value: str) -> str:
        return normalise_phone(value)


class MaskedPersonSerializer(PersonSerializer):
    """A person in a list: NIK and phone masked, no birth date or address (UU PDP, DESIGN rule 8)."""

    nik = MaskedCharField(mask_nik, help_text=_("Masked: the area digits and the serial only."))
    phone = MaskedCharField(mask_phone, help_text=_("Masked."))

    class Meta(PersonSerializer.Meta):
        fields = ["id", "full_name", "nik", "gender", "phone", "email", "village", "memberships"]


class PersonCreateSerializer(PersonSerializer):
    """A new person, always as a member of an enterprise (owner, manager or worker)."""

    enterprise = ScopedPrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), write_only=True, help_text=_("The enterprise the person works in.")
    )
    role = serializers.ChoiceField(choices=MembershipRole.choices, write_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "enterprise", "role"]


# --- facilitations --------------------------------------------------------------------------------------------
class FacilitationSerializer(serializers.ModelSerializer[Facilitation]):
    """A piece of legality or support an enterprise received (NIB, trademark, halal, Batikmark, SNI, ...)."""

    enterprise = ScopedPrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(),
        help_text=_("The enterprise that received it; set when recorded, it cannot move to another."),
    )
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    evidence_url = serializers.SerializerMethodField(help_text=_("Where the evidence file is downloaded, if any."))

    class Meta:
        model = Facilitation
        fields = [
            "id", "enterprise", "enterprise_name", "kind", "title", "number", "status", "started_on", "granted_on",
            "expires_on", "programme", "year", "notes", "evidence_url", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate_enterprise(self, value: Enterprise) -> Enterprise:
        if self.instance is not None and value.pk != self.instance.enterprise_id:
            raise serializers.ValidationError(
                _("A facilitation stays with the enterprise it was recorded for."), code="enterprise_fixed"
            )
        return value

    def get_evidence_url(self, obj: Facilitation) -> str | None:
        if not obj.evidence:
            return None
        url = reverse("registry:facilitation-evidence", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url
