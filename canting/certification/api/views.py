"""The quality and certification API: standards, production batches, test reports, certifications and serial
labels, filtered with the same FilterSets as the pages.

Nothing here is public: visitors reach one label at a time through the product passport. Standards are public
knowledge for every signed-in role; everything else follows its enterprise (staff of its area, its own artisans).
Writes go through ``canting.certification.services``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from canting.certification.api.serializers import (
    BatchSerializer,
    CertificationSerializer,
    LabelRunSerializer,
    LabelSerializer,
    StandardSerializer,
    TestReportSerializer,
)
from canting.certification.filtersets import (
    BatchFilterSet,
    CertificationFilterSet,
    LabelFilterSet,
    LabelRunFilterSet,
    StandardFilterSet,
    TestReportFilterSet,
)
from canting.certification.models import Batch, Certification, Label, LabelRun, Parameter, Standard, TestReport
from canting.certification.services import batches, certifications, standards
from canting.core.api.viewsets import ServiceViewSet
from canting.core.permissions import ARTISAN, SIGNED_IN, STAFF, HasRole, current_user

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})


class StandardViewSet(ServiceViewSet[Standard]):
    """Published standards (SNI, EN ISO, a buyer's rule) in one edition each, with their test parameters and limits.

    Every signed-in role reads them; only staff record and correct them. Parameters are listed inside their
    standard and changed on the standard's page. A new edition is recorded as a new standard.
    """

    allowed_roles = SIGNED_IN
    write_roles = STAFF_ONLY
    serializer_class = StandardSerializer
    filterset_class = StandardFilterSet

    def get_queryset(self) -> QuerySet[Standard]:
        parameters = Prefetch("parameters", queryset=Parameter.objects.order_by("position", "id"))
        return Standard.objects.for_user(self.request.user).prefetch_related(parameters).order_by("code", "edition")

    def create_with_service(self, data: dict[str, Any]) -> Standard:
        return standards.save_standard(actor=current_user(self.request), data=data)

    def update_with_service(self, instance: Standard, changes: dict[str, Any]) -> Standard:
        return standards.save_standard(actor=current_user(self.request), data=changes, standard=instance)


class BatchViewSet(ServiceViewSet[Batch]):
    """Production batches: runs of one product with the fabric lot, dye classes, dyes, naphthol salt and mordant.

    An artisan records and corrects the batches of their own enterprise's products; staff those of the
    enterprises in their working area. A batch stays with its product. Assessors and visitors have no access.
    """

    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_OR_ARTISAN
    serializer_class = BatchSerializer
    filterset_class = BatchFilterSet

    def get_queryset(self) -> QuerySet[Batch]:
        return Batch.objects.for_user(self.request.user).select_related("product", "enterprise")

    def create_with_service(self, data: dict[str, Any]) -> Batch:
        product = data.pop("product")
        return batches.create_batch(actor=current_user(self.request), product=product, data=data)

    def update_with_service(self, instance: Batch, changes: dict[str, Any]) -> Batch:
        return batches.update_batch(instance, actor=current_user(self.request), changes=changes)


class TestReportViewSet(viewsets.ReadOnlyModelViewSet[TestReport]):
    """Laboratory test reports on samples of the enterprises' products, with every result and the verdict.

    Read only: reports and their results are entered by staff on the working pages. Staff read those of their
    working area, an artisan those of their own enterprise. Assessors and visitors have no access.
    """

    permission_classes = [HasRole]
    allowed_roles = STAFF_OR_ARTISAN
    serializer_class = TestReportSerializer
    filterset_class = TestReportFilterSet

    def get_queryset(self) -> QuerySet[TestReport]:
        return (
            TestReport.objects.for_user(self.request.user)
            .select_related("enterprise", "product", "laboratory")
            .prefetch_related("results")
        )


class CertificationViewSet(ServiceViewSet[Certification]):
    """Certificates the enterprises hold: Batikmark (per technique), SNI product certificates, OEKO-TEX and others.

    Staff read and record those of their working area's enterprises, change them, and suspend, revoke or
    reactivate them with a reason (`change_status` and `reason`); a later `expires_on` renews an expired one. An
    artisan reads their own enterprise's. `effective_status` is the status today. The scan is uploaded on the
    certificate's page. Assessors and visitors have no access.
    """

    allowed_roles = STAFF_OR_ARTISAN
    write_roles = STAFF_ONLY
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilterSet

    def get_queryset(self) -> QuerySet[Certification]:
        return (
            Certification.objects.for_user(self.request.user)
            .select_related("enterprise")
            .prefetch_related("products", "test_reports")
        )

    def create_with_service(self, data: dict[str, Any]) -> Certification:
        enterprise = data.pop("enterprise")
        products, reports = data.pop("products", None), data.pop("test_reports", None)
        return certifications.create_certification(
            actor=current_user(self.request), enterprise=enterprise, data=data, products=products, test_reports=reports
        )

    def update_with_service(self, instance: Certification, changes: dict[str, Any]) -> Certification:
        actor = current_user(self.request)
        changes.pop("enterprise", None)
        status, reason = changes.pop("change_status", None), changes.pop("reason", "")
        products, reports = changes.pop("products", None), changes.pop("test_reports", None)
        with transaction.atomic():  # facts and status change together or not at all
            if changes or products is not None or reports is not None:
                instance = certifications.update_certification(
                    instance, actor=actor, changes=changes, products=products, test_reports=reports
                )
            if status is not None:
                instance = certifications.set_certification_status(instance, actor=actor, status=status, reason=reason)
        return instance


class LabelRunViewSet(viewsets.ReadOnlyModelViewSet[LabelRun]):
    """Issues of serial labels for production batches, with the certificate each prints.

    Read only: labels are issued and revoked by staff on the working pages. Staff read those of their working
    area, an artisan those of their own enterprise. Assessors and visitors have no access.
    """

    permission_classes = [HasRole]
    allowed_roles = STAFF_OR_ARTISAN
    serializer_class = LabelRunSerializer
    filterset_class = LabelRunFilterSet

    def get_queryset(self) -> QuerySet[LabelRun]:
        return LabelRun.objects.for_user(self.request.user).select_related(
            "batch__product", "batch__enterprise", "certification"
        )


class LabelViewSet(viewsets.ReadOnlyModelViewSet[Label]):
    """Serial labels, one per piece, with their status and how often buyers checked them.

    Read only. Staff read those of their working area, an artisan those of their own enterprise; anyone reads one
    label's product passport by its code (`/api/v1/passports/{code}/`). Assessors and visitors have no access here.
    """

    permission_classes = [HasRole]
    allowed_roles = STAFF_OR_ARTISAN
    serializer_class = LabelSerializer
    filterset_class = LabelFilterSet

    def get_queryset(self) -> QuerySet[Label]:
        return Label.objects.for_user(self.request.user).order_by("run", "position")
