"""One FilterSet per model, shared by the working pages' lists and the API."""

from __future__ import annotations

import datetime
import re
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.certification.models import (
    Batch,
    Certification,
    CertificationStatus,
    DyeClass,
    Inspection,
    Label,
    LabelRun,
    LabelStatus,
    Laboratory,
    Outcome,
    Scheme,
    Standard,
    StandardStatus,
    TestReport,
    Verdict,
)
from canting.certification.readiness import ITEM_LABELS, MISSING, NEARLY_READY
from canting.core import codes
from canting.core.filtersets import AreaFilter, IdFilter, OrderingFilter, SearchFilter
from canting.registry.choosers import EnterpriseChoiceFilter
from canting.registry.models import Enterprise, Technique


def visible_enterprises(request: HttpRequest | None) -> QuerySet[Enterprise]:
    """The enterprises a list may be narrowed to: those the reader may see."""
    user = getattr(request, "user", None)
    if user is None:
        return Enterprise.objects.none()
    return Enterprise.objects.for_user(user).registered().order_by("name")


# --- standards, laboratories, batches, test reports, inspections ---------------------------------------------
class StandardFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"), fields=("code", "title", "parameters__name_ind", "parameters__name_en"), distinct=True
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StandardStatus.choices, empty_label=_("All"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("code", "code"), ("edition", "edition"), ("updated_at", "updated")),
        field_labels={"code": _("Code"), "edition": _("Edition"), "updated_at": _("Last changed")},
    )

    class Meta:
        model = Standard
        fields = ["q", "status"]


class LaboratoryFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("name", "short_name", "city"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("name", "name"), ("city", "city")),
        field_labels={"name": _("Name"), "city": _("City")},
    )

    class Meta:
        model = Laboratory
        fields = ["q"]


class BatchFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"),
        fields=("code", "product__name", "product__sku", "fabric_lot"),
        help_text=_("Batch code, product or fabric lot"),
    )
    product = IdFilter(label=_("Product"), field_name="product_id")
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=visible_enterprises, empty_label=_("All"))
    technique = django_filters.ChoiceFilter(
        label=_("Technique"), field_name="product__technique", choices=Technique.choices, empty_label=_("All")
    )
    dye_class = django_filters.ChoiceFilter(
        label=_("Dye class"), choices=DyeClass.choices, method="filter_dye_class", empty_label=_("All")
    )
    started_after = django_filters.DateFilter(label=_("Started from"), field_name="started_on", lookup_expr="gte")
    started_before = django_filters.DateFilter(label=_("Started until"), field_name="started_on", lookup_expr="lte")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("started_on", "started"), ("code", "code"), ("quantity", "quantity")),
        field_labels={"started_on": _("Started on"), "code": _("Batch code"), "quantity": _("Quantity")},
    )

    class Meta:
        model = Batch
        fields = ["q", "product", "enterprise", "technique", "dye_class", "started_after", "started_before"]

    def filter_dye_class(self, queryset: QuerySet[Batch], name: str, value: str) -> QuerySet[Batch]:
        # The classes are a JSON list of codes; a quoted code matches one element on SQLite and PostgreSQL alike.
        return queryset.filter(dye_classes__icontains=f'"{value}"') if value else queryset


class TestReportFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Report number"), field_name="number", lookup_expr="icontains")
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=visible_enterprises, empty_label=_("All"))
    product = IdFilter(label=_("Product"), field_name="product_id")
    batch = IdFilter(label=_("Batch"), field_name="batch_id")
    laboratory = django_filters.ModelChoiceFilter(
        label=_("Laboratory"), queryset=Laboratory.objects.order_by("name"), empty_label=_("All")
    )
    verdict = django_filters.ChoiceFilter(label=_("Verdict"), choices=Verdict.choices, empty_label=_("All"))
    issued_after = django_filters.DateFilter(label=_("Issued from"), field_name="issued_on", lookup_expr="gte")
    issued_before = django_filters.DateFilter(label=_("Issued until"), field_name="issued_on", lookup_expr="lte")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("issued_on", "issued"), ("number", "number")),
        field_labels={"issued_on": _("Issued on"), "number": _("Report number")},
    )

    class Meta:
        model = TestReport
        fields = ["q", "enterprise", "product", "batch", "laboratory", "verdict", "issued_after", "issued_before"]


class InspectionFilterSet(django_filters.FilterSet):
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    open = django_filters.BooleanFilter(
        label=_("Open suspicions only"), method="filter_open", widget=django_filters.widgets.BooleanWidget
    )
    enterprise = EnterpriseChoiceFilter(
        label=_("Enterprise"), field_name="product__enterprise", queryset=visible_enterprises, empty_label=_("All")
    )
    product = IdFilter(label=_("Product"), field_name="product_id")
    ordering = OrderingFilter(
        label=_("Sort"), fields=(("inspected_on", "inspected"),), field_labels={"inspected_on": _("Inspected on")}
    )

    class Meta:
        model = Inspection
        fields = ["outcome", "open", "enterprise", "product"]

    def filter_open(self, queryset: QuerySet[Inspection], name: str, value: Any) -> QuerySet[Inspection]:
        if value is True:
            return queryset.open()  # type: ignore[attr-defined,no-any-return]
        if value is False:
            return queryset.exclude(pk__in=Inspection.objects.open().values("pk"))
        return queryset


# --- certifications and Batikmark readiness -------------------------------------------------------------------
EXPIRING = "expiring"


class CertificationFilterSet(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search"), fields=("number", "enterprise__name"), help_text=_("Certificate number or enterprise")
    )
    enterprise = EnterpriseChoiceFilter(label=_("Enterprise"), queryset=visible_enterprises)
    scheme = django_filters.ChoiceFilter(label=_("Scheme"), choices=Scheme.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*CertificationStatus.choices, (EXPIRING, _("Expires within 90 days"))],
        method="filter_status",
        help_text=_("As of today: an active certificate past its expiry date counts as expired."),
    )
    expires_after = django_filters.DateFilter(label=_("Expires from"), field_name="expires_on", lookup_expr="gte")
    expires_before = django_filters.DateFilter(label=_("Expires until"), field_name="expires_on", lookup_expr="lte")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(
            ("expires_on", "expires"),
            ("issued_on", "issued"),
            ("number", "number"),
            ("enterprise__name", "enterprise"),
        ),
        field_labels={
            "expires_on": _("Expires on"),
            "issued_on": _("Issued on"),
            "number": _("Certificate number"),
            "enterprise__name": _("Enterprise"),
        },
    )

    class Meta:
        model = Certification
        fields = ["q", "enterprise", "scheme", "status", "expires_after", "expires_before"]

    def filter_status(self, queryset: QuerySet[Certification], name: str, value: str) -> QuerySet[Certification]:
        today = timezone.localdate()
        active = Q(status=CertificationStatus.ACTIVE)
        conditions = {
            CertificationStatus.ACTIVE.value: active & Q(expires_on__gte=today),
            CertificationStatus.EXPIRED.value: (
                Q(status=CertificationStatus.EXPIRED) | (active & Q(expires_on__lt=today))
            ),
            EXPIRING: active & Q(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=90)),
        }
        if not value:
            return queryset
        return queryset.filter(conditions.get(value, Q(status=value)))


class ReadinessFilterSet(django_filters.FilterSet):
    """Filters of the Batikmark readiness list, over ``readiness.readiness_queryset``."""

    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    nearly_ready = django_filters.BooleanFilter(
        label=_("Nearly ready"),
        method="filter_nearly_ready",
        widget=django_filters.widgets.BooleanWidget,
        help_text=_("At most one prerequisite missing."),
    )
    missing = django_filters.ChoiceFilter(
        label=_("Missing"), choices=list(ITEM_LABELS.items()), method="filter_missing"
    )
    area = AreaFilter(label=_("Area"), field_name="village")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("missing", "missing"), ("name", "name")),
        field_labels={"missing": _("Missing"), "name": _("Name")},
    )

    class Meta:
        model = Enterprise
        fields = ["q", "nearly_ready", "missing", "area"]

    def filter_nearly_ready(self, queryset: QuerySet[Enterprise], name: str, value: Any) -> QuerySet[Enterprise]:
        if value is True:
            return queryset.filter(Q(missing__lte=NEARLY_READY))
        if value is False:
            return queryset.filter(Q(missing__gt=NEARLY_READY))
        return queryset

    def filter_missing(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        return queryset.filter(MISSING[value]) if value in MISSING else queryset


# --- serial labels ---------------------------------------------------------------------------------------------
class LabelRunFilterSet(django_filters.FilterSet):
    enterprise = EnterpriseChoiceFilter(
        label=_("Enterprise"), field_name="batch__enterprise", queryset=visible_enterprises
    )
    batch = IdFilter(label=_("Batch"), field_name="batch_id")
    product = IdFilter(label=_("Product"), field_name="batch__product_id")
    certified = django_filters.BooleanFilter(
        label=_("Certified"), field_name="certification", lookup_expr="isnull", exclude=True,
        widget=django_filters.widgets.BooleanWidget,
    )  # fmt: skip
    issued_after = django_filters.DateFilter(label=_("Issued from"), field_name="created_at__date", lookup_expr="gte")
    issued_before = django_filters.DateFilter(label=_("Issued until"), field_name="created_at__date", lookup_expr="lte")
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("created_at", "issued"), ("count", "count"), ("batch__code", "batch")),
        field_labels={"created_at": _("Issued on"), "count": _("Number of labels"), "batch__code": _("Batch code")},
    )

    class Meta:
        model = LabelRun
        fields = ["enterprise", "batch", "product", "certified", "issued_after", "issued_before"]


class LabelFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(
        label=_("Code"), method="filter_code", help_text=_("The code under the QR code, with or without dashes")
    )
    batch = IdFilter(label=_("Batch"), field_name="batch_id")
    run = IdFilter(label=_("Label issue"), field_name="run_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LabelStatus.choices)
    enterprise = EnterpriseChoiceFilter(
        label=_("Enterprise"), field_name="batch__enterprise", queryset=visible_enterprises
    )
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("position", "position"), ("checks_count", "checks")),
        field_labels={"position": _("Position on the sheet"), "checks_count": _("Times checked")},
    )

    class Meta:
        model = Label
        fields = ["code", "batch", "run", "status", "enterprise"]

    def filter_code(self, queryset: QuerySet[Label], name: str, value: str) -> QuerySet[Label]:
        """The label a whole code names, or, for part of a code, every label whose code holds that part."""
        whole = codes.normalise(value)
        if whole is not None:
            return queryset.filter(code=whole)
        part = re.sub(r"[^0-9A-Z]", "", value.upper()).replace("O", "0").replace("I", "1").replace("L", "1")
        return queryset.filter(code__contains=part) if part else queryset
