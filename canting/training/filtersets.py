"""One FilterSet per list, shared by training's working pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.core.filtersets import IdFilter, OrderingFilter, SearchFilter, YearFilter
from canting.training.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    CompetencyScheme,
    CompetencyUnit,
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeKind,
    TrainingSession,
)


class ProgrammeFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("title", "organiser", "partner", "funding_source"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProgrammeKind.choices, empty_label=_("All"))
    year = YearFilter(label=_("Year"))
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("year", "year"), ("title", "title")),
        field_labels={"year": _("Year"), "title": _("Title")},
    )

    class Meta:
        model = Programme
        fields = ["q", "kind", "year"]


class SessionFilterSet(django_filters.FilterSet):
    programme = IdFilter(label=_("Programme"), field_name="programme_id")
    open = django_filters.BooleanFilter(label=_("Open for applications"), field_name="open_for_applications")
    starts_after = django_filters.DateFilter(label=_("Starts on or after"), field_name="starts_on", lookup_expr="gte")

    class Meta:
        model = TrainingSession
        fields = ["programme", "open", "starts_after"]


class EnrolmentFilterSet(django_filters.FilterSet):
    session = IdFilter(label=_("Session"), field_name="session_id")
    person = IdFilter(label=_("Participant"), field_name="person_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnrolmentStatus.choices, empty_label=_("All"))

    class Meta:
        model = Enrolment
        fields = ["session", "person", "status"]


class UnitFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("code", "title"))

    class Meta:
        model = CompetencyUnit
        fields = ["q"]


class SchemeFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("name", "issuer"))

    class Meta:
        model = CompetencyScheme
        fields = ["q"]


STATES = (("valid", _("Valid")), ("expired", _("Expired")), ("revoked", _("Revoked")))


class CertificateFilterSet(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), fields=("number", "person__full_name", "title"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CertificateKind.choices, empty_label=_("All"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=STATES, empty_label=_("All"), method="by_state")
    issuer = django_filters.CharFilter(label=_("Issuer"), field_name="issuer", lookup_expr="icontains")
    year = YearFilter(label=_("Year"), field_name="issued_on", lookup_expr="year")
    person = IdFilter(label=_("Holder"), field_name="person_id", widget=forms.HiddenInput)
    session = IdFilter(label=_("Session"), field_name="enrolment__session_id", widget=forms.HiddenInput)
    ordering = OrderingFilter(
        label=_("Sort"),
        fields=(("person__full_name", "holder"), ("number", "number"), ("issued_on", "issued")),
        field_labels={"person__full_name": _("Holder"), "number": _("Number"), "issued_on": _("Issued")},
    )

    class Meta:
        model = Certificate
        fields = ["q", "kind", "state", "issuer", "year", "person", "session"]

    def by_state(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        today = timezone.localdate()
        if value == "revoked":
            return qs.filter(status=CertificateStatus.REVOKED)
        live = qs.exclude(status=CertificateStatus.REVOKED)
        if value == "expired":
            return live.filter(expires_on__lt=today)
        if value == "valid":
            return live.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        return qs
