"""What the turnover API reads. Read only: reports are filed and decided on the working pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from canting.turnover.models import TurnoverReport


class ReportSerializer(serializers.ModelSerializer[TurnoverReport]):
    """One enterprise's turnover (omset) for one month: sales at home and abroad, pieces made by technique, workers,
    and where the report stands (draft, submitted, returned with the office's reason, accepted)."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    village = serializers.CharField(source="enterprise.village_id", read_only=True, help_text=_("Kemendagri code."))
    total_sales = serializers.DecimalField(
        max_digits=15, decimal_places=0, read_only=True, help_text=_("Domestic and export sales together (Rp).")
    )

    class Meta:
        model = TurnoverReport
        fields = [
            "id", "enterprise", "enterprise_name", "village", "month", "state", "domestic_sales", "export_sales",
            "total_sales", "pieces_tulis", "pieces_cap", "pieces_kombinasi", "pieces_tiruan", "workers_men",
            "workers_women", "material_costs", "notes", "return_reason", "on_behalf", "submitted_at", "decided_at",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields
