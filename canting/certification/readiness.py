"""Batikmark readiness: what an enterprise still lacks before it can apply for Batikmark "batik INDONESIA".

BBSPJIKB asks for the owner's KTP, the NPWP, the NIB, a registered trademark (or a filed application) and a sample
that passes the tests, one per batik technique the label is to cover. ``readiness`` lists those for one enterprise
with the record that proves each, or the page where it is put right; ``readiness_queryset`` is the office's list
of enterprises without a valid Batikmark, each prerequisite computed in the database, fewest missing first.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from canting.certification.models import BATIKMARK_SCHEMES, Certification, TestReport, Verdict
from canting.registry.models import (
    Enterprise,
    Facilitation,
    FacilitationKind,
    FacilitationStatus,
    Membership,
    MembershipRole,
    Technique,
)

BATIK_TECHNIQUES = (Technique.TULIS.value, Technique.CAP.value, Technique.KOMBINASI.value)
TRADEMARK_STATUSES = (FacilitationStatus.GRANTED.value, FacilitationStatus.IN_PROCESS.value)
NEARLY_READY = 1  # at most this many prerequisites missing

ITEM_LABELS: dict[str, Promise] = {
    "owner_nik": _("Owner's identity (KTP with NIK)"),
    "npwp": _("Tax number (NPWP)"),
    "nib": _("Business identity number (NIB)"),
    "trademark": _("Trademark registered or applied for"),
    "test_tulis": _("Self-check: a passing test report for batik tulis"),
    "test_cap": _("Self-check: a passing test report for batik cap"),
    "test_kombinasi": _("Self-check: a passing test report for batik kombinasi"),
}
# What the application needs. A test report of one's own is a self-check: BBSPJIKB takes its own sample at the
# workshop after the application, so a passing report helps but is not required.
PREREQUISITES = ("owner_nik", "npwp", "nib", "trademark")
# For each prerequisite, the condition under which an annotated enterprise (``annotate_readiness``) lacks it.
MISSING: dict[str, Q] = {
    "owner_nik": Q(has_owner_nik=False),
    "npwp": Q(npwp=""),
    "nib": Q(nib__isnull=True) | Q(nib=""),
    "trademark": Q(has_trademark=False),
    **{f"test_{t}": Q(**{f"technique_{t}": True, f"tested_{t}": False}) for t in BATIK_TECHNIQUES},
}


@dataclass(frozen=True)
class Item:
    """One prerequisite: whether it is met, what was found, and where to see the proof or put it right."""

    key: str
    label: str
    done: bool
    detail: str
    url: str
    staff_only: bool = False  # the page that puts it right is the office's
    action: str = ""  # what the link does, when it is not simply putting the item right
    self_check: bool = False  # helpful before applying, not required (a test report)


@dataclass(frozen=True)
class Readiness:
    enterprise: Enterprise
    technique: str | None
    items: list[Item]
    batikmarks: list[Certification] = field(default_factory=list)  # valid Batikmark certificates held now

    @property
    def missing(self) -> list[Item]:
        """The prerequisites not in place; self-checks are not among them."""
        return [item for item in self.items if not item.done and not item.self_check]

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def ready(self) -> bool:
        return self.makes_batik and not self.missing

    @property
    def nearly_ready(self) -> bool:
        return self.makes_batik and self.missing_count <= NEARLY_READY

    @property
    def makes_batik(self) -> bool:
        return bool(self.techniques)

    @property
    def techniques(self) -> list[str]:
        return [item.key.removeprefix("test_") for item in self.items if item.key.startswith("test_")]

    @property
    def holds_batikmark(self) -> bool:
        return bool(self.batikmarks)


def _techniques(enterprise: Enterprise, technique: str | None) -> list[str]:
    if technique:
        return [technique] if technique in BATIK_TECHNIQUES else []
    return [t for t in BATIK_TECHNIQUES if getattr(enterprise, f"technique_{t}")]


def _owner_item(enterprise: Enterprise) -> Item:
    owners = list(
        Membership.objects.filter(enterprise=enterprise, role=MembershipRole.OWNER)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    label = str(ITEM_LABELS["owner_nik"])
    with_nik = next((m.person for m in owners if m.person.nik), None)
    if with_nik is not None:
        detail = gettext("%(name)s, NIK %(nik)s") % {"name": with_nik.full_name, "nik": with_nik.masked_nik}
        return Item("owner_nik", label, True, detail, with_nik.get_absolute_url())
    if owners:
        person = owners[0].person
        detail = gettext("%(name)s is recorded as owner, but without a NIK: add it from the KTP.") % {
            "name": person.full_name
        }
        return Item("owner_nik", label, False, detail, reverse("registry:person-edit", args=[person.pk]))
    detail = gettext("No owner is recorded: add the owner with the NIK on their KTP.")
    return Item("owner_nik", label, False, detail, reverse("registry:member-create", args=[enterprise.pk]))


def _number_item(enterprise: Enterprise, key: str) -> Item:
    value = getattr(enterprise, key) or ""
    label = str(ITEM_LABELS[key])
    if value:
        return Item(key, label, True, value, enterprise.get_absolute_url())
    detail = (
        gettext("No NPWP recorded: add the enterprise's (or the owner's) tax number.")
        if key == "npwp"
        else gettext("No NIB recorded: the office adds it once the enterprise has registered on OSS.")
    )
    return Item(key, label, False, detail, reverse("registry:enterprise-edit", args=[enterprise.pk]), key == "nib")


def _trademark_item(enterprise: Enterprise) -> Item:
    label = str(ITEM_LABELS["trademark"])
    found = (
        Facilitation.objects.filter(
            enterprise=enterprise, kind=FacilitationKind.TRADEMARK, status__in=TRADEMARK_STATUSES
        )
        .order_by(Case(When(status=FacilitationStatus.GRANTED, then=Value(0)), default=Value(1)), "-granted_on")
        .first()
    )
    if found is None:
        detail = gettext("No trademark recorded: register the brand at DJKI (an application in process is enough).")
        return Item(
            "trademark", label, False, detail, reverse("registry:facilitation-create", args=[enterprise.pk]), True
        )
    if found.status == FacilitationStatus.GRANTED:
        detail = gettext("Registered, number %(number)s") % {"number": found.number or "-"}
    else:
        detail = gettext("Application in process, number %(number)s") % {"number": found.number or "-"}
    return Item("trademark", label, True, detail, found.get_absolute_url())


def _test_items(enterprise: Enterprise, techniques: list[str]) -> list[Item]:
    if not techniques:
        return []
    reports: dict[str, TestReport] = {}
    latest: dict[str, TestReport] = {}
    for report in (
        TestReport.objects.filter(enterprise=enterprise, product__technique__in=techniques)
        .select_related("product", "laboratory")
        .order_by("-issued_on", "-pk")
    ):
        technique = report.product.technique
        latest.setdefault(technique, report)
        if report.verdict == Verdict.PASS:
            reports.setdefault(technique, report)
    makes = set(enterprise.products.filter(technique__in=techniques).values_list("technique", flat=True).distinct())
    items = []
    for technique in techniques:
        key = f"test_{technique}"
        label = str(ITEM_LABELS[key])
        passing = reports.get(technique)
        if passing is not None:
            detail = gettext("Report %(number)s from %(lab)s, issued %(date)s, on %(product)s") % {
                "number": passing.number,
                "lab": passing.laboratory,
                "date": passing.issued_on.strftime("%d-%m-%Y"),
                "product": passing.product,
            }
            url = reverse("certification:report-detail", args=[passing.pk])
            items.append(Item(key, label, True, detail, url, self_check=True))
            continue
        last = latest.get(technique)
        if last is not None:
            detail = gettext(
                "The latest report, %(number)s, did not pass (%(verdict)s): worth putting right before BBSPJIKB "
                "takes its sample."
            ) % {
                "number": last.number,
                "verdict": last.get_verdict_display(),
            }
            url = reverse("certification:report-detail", args=[last.pk])
            items.append(Item(key, label, False, detail, url, action=gettext("See what failed"), self_check=True))
        elif technique in makes:
            detail = gettext(
                "No test report yet. Optional: BBSPJIKB's officer takes the sample at the workshop after the "
                "application; a test beforehand shows what to improve."
            )
            items.append(Item(key, label, False, detail, reverse("certification:report-create"), True, self_check=True))
        else:
            detail = gettext("No product of this technique is recorded: add one, then have a sample tested.")
            items.append(Item(key, label, False, detail, reverse("catalogue:product-create"), self_check=True))
    return items


def readiness(enterprise: Enterprise, technique: str | None = None) -> Readiness:
    """The Batikmark checklist of ``enterprise``, for one technique or for every batik technique it makes."""
    techniques = _techniques(enterprise, technique)
    items = [
        _owner_item(enterprise),
        _number_item(enterprise, "npwp"),
        _number_item(enterprise, "nib"),
        _trademark_item(enterprise),
        *_test_items(enterprise, techniques),
    ]
    schemes = [BATIKMARK_SCHEMES[t] for t in techniques] if technique else list(BATIKMARK_SCHEMES.values())
    held = list(Certification.objects.filter(enterprise=enterprise, scheme__in=schemes).valid().order_by("expires_on"))
    return Readiness(enterprise=enterprise, technique=technique or None, items=items, batikmarks=held)


# --- the office's list ----------------------------------------------------------------------------------------
def annotate_readiness(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """Each prerequisite as a column (``has_owner_nik``, ``has_trademark``, ``tested_<technique>``), and
    ``missing``: how many the enterprise lacks. Subqueries, one SQL statement."""
    owners = Membership.objects.filter(enterprise=OuterRef("pk"), role=MembershipRole.OWNER).filter(
        person__nik__isnull=False
    )
    trademark = Facilitation.objects.filter(
        enterprise=OuterRef("pk"), kind=FacilitationKind.TRADEMARK, status__in=TRADEMARK_STATUSES
    )
    tested = {
        f"tested_{t}": Exists(
            TestReport.objects.filter(enterprise=OuterRef("pk"), product__technique=t, verdict=Verdict.PASS)
        )
        for t in BATIK_TECHNIQUES
    }
    annotated = queryset.annotate(
        has_owner_nik=Exists(owners.exclude(person__nik="")), has_trademark=Exists(trademark), **tested
    )
    counts = [Case(When(MISSING[key], then=Value(1)), default=Value(0)) for key in PREREQUISITES]
    return annotated.annotate(missing=functools.reduce(operator.add, counts, Value(0, output_field=IntegerField())))


def without_valid_batikmark(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    held = Certification.objects.valid().filter(enterprise=OuterRef("pk"), scheme__in=list(BATIKMARK_SCHEMES.values()))
    return queryset.exclude(Exists(held))


def readiness_queryset(user: Any) -> QuerySet[Enterprise]:
    """Registered batik enterprises the user may see that hold no valid Batikmark, fewest prerequisites missing
    first. ``missing <= NEARLY_READY`` is "nearly ready"."""
    makes_batik = functools.reduce(operator.or_, (Q(**{f"technique_{t}": True}) for t in BATIK_TECHNIQUES))
    enterprises = Enterprise.objects.for_user(user).registered().filter(makes_batik)
    annotated = annotate_readiness(without_valid_batikmark(enterprises))
    return annotated.order_by(F("missing").asc(), "name", "pk")
