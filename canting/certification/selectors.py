"""Read-only questions about quality and certification.

The product passport: what a label's code says about the piece it hangs on, for anyone who scans it. A visitor
reaches one label at a time and learns only what the label vouches for: the state of the label and of its
certificate, the maker (never a person's NIK, phone or address), the cloth, dyes and tests of its batch. A revoked
label says only that it was withdrawn and when; an unknown or malformed code says nothing at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Motif, Picture, Product, ProductStatus
from canting.catalogue.wording import fibres_text, technique_text
from canting.certification.models import (
    Certification,
    CertificationStatus,
    DyeClass,
    Label,
    LabelStatus,
    Mordant,
    TestResult,
    Verdict,
)
from canting.core import codes
from canting.core.site import site_url
from canting.registry.models import EnterpriseStatus, Membership, MembershipRole, Technique


class PassportState:
    """What a passport says about its label, in the order it is decided."""

    UNKNOWN = "unknown"  # no such label (or not a label code at all)
    REVOKED = "revoked"  # the label was withdrawn
    NOT_BATIK = "not_batik"  # the piece is printed imitation (tiruan)
    UNDER_REVIEW = "under_review"  # the product is held back while a suspicion of imitation is open
    CERTIFIED = "certified"  # the label's certificate is valid today
    EXPIRED = "expired"  # the label's certificate has passed its expiry date
    SUSPENDED = "suspended"  # the label's certificate is suspended
    CERTIFICATE_REVOKED = "certificate_revoked"  # the label's certificate was revoked
    UNCERTIFIED = "uncertified"  # a genuine label issued without a certificate


STATE_TITLES: dict[str, Promise] = {
    PassportState.UNKNOWN: _("Unknown code"),
    PassportState.REVOKED: _("This label was withdrawn"),
    PassportState.NOT_BATIK: _("Not batik: printed imitation"),
    PassportState.UNDER_REVIEW: _("Under review"),
    PassportState.CERTIFIED: _("Genuine and certified"),
    PassportState.EXPIRED: _("Genuine, but the certificate has expired"),
    PassportState.SUSPENDED: _("Genuine, but the certificate is suspended"),
    PassportState.CERTIFICATE_REVOKED: _("Genuine, but the certificate was revoked"),
    PassportState.UNCERTIFIED: _("Genuine, not certified"),
}
# States in which the passport shows the piece's full story: the label is live and the cloth is batik in good
# standing. Under review and not batik show only what the piece is and who made it.
GENUINE = frozenset(
    {
        PassportState.CERTIFIED,
        PassportState.EXPIRED,
        PassportState.SUSPENDED,
        PassportState.CERTIFICATE_REVOKED,
        PassportState.UNCERTIFIED,
    }
)
CERTIFICATE_STATES = {
    CertificationStatus.EXPIRED.value: PassportState.EXPIRED,
    CertificationStatus.SUSPENDED.value: PassportState.SUSPENDED,
    CertificationStatus.REVOKED.value: PassportState.CERTIFICATE_REVOKED,
}
AZO_MARKS = ("azo", "14362")
# Fabric width and length: measured by the laboratory, but not among the Batikmark tests (shrinkage and colour
# fastness are); the passport shows them as facts about the piece, not as results that pass or fail.
DIMENSION_MARKS = ("lebar", "panjang", "width", "length")
MAX_RESULTS = 200


@dataclass
class Passport:
    """Everything a passport page or the passport API shows, already limited to what the state allows."""

    state: str
    code: str = ""
    label: Label | None = None
    revoked_on: datetime.date | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(STATE_TITLES[self.state])

    @property
    def genuine(self) -> bool:
        return self.state in GENUINE


def find_label(code: str) -> Label | None:
    """The label a typed or scanned code names, with what its passport needs in one query; None if there is none."""
    normalised = codes.normalise(code or "")
    if normalised is None:
        return None
    return (
        Label.objects.select_related(
            "run__certification",
            "batch__product",
            "batch__enterprise__village__parent__parent",
        )
        .filter(code=normalised)
        .first()
    )


def passport_state(label: Label, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    product = label.batch.product
    if label.status == LabelStatus.REVOKED:
        return PassportState.REVOKED
    if product.technique == Technique.TIRUAN:
        return PassportState.NOT_BATIK
    if product.quality_hold:
        return PassportState.UNDER_REVIEW
    certificate = label.run.certification
    if certificate is None:
        return PassportState.UNCERTIFIED
    return CERTIFICATE_STATES.get(certificate.effective_status(day), PassportState.CERTIFIED)


def passport_for(code: str, *, day: datetime.date | None = None) -> Passport:
    """The passport of the label ``code`` names, as of ``day`` (today when not given)."""
    day = day or timezone.localdate()
    label = find_label(code)
    if label is None:
        return Passport(state=PassportState.UNKNOWN)
    state = passport_state(label, day)
    passport = Passport(state=state, code=label.display_code, label=label)
    if state == PassportState.REVOKED:
        passport.revoked_on = timezone.localdate(label.revoked_at) if label.revoked_at else None
        return passport
    passport.facts = _maker_and_piece(label)
    if passport.genuine:
        passport.facts.update(_story_and_evidence(label, day))
    return passport


def _is_public(product: Product) -> bool:
    """Whether the showcase shows the piece (``Product.objects.public()``, on the row already loaded)."""
    return (
        product.status == ProductStatus.PUBLISHED
        and product.enterprise.status == EnterpriseStatus.ACTIVE
        and not product.quality_hold
    )


def _maker_and_piece(label: Label) -> dict[str, Any]:
    """Who made the piece and what it is: shown for every live label, whatever its state."""
    batch = label.batch
    product = batch.product
    enterprise = batch.enterprise
    product.enterprise = enterprise  # the same row, already loaded
    village = enterprise.village
    district = village.parent
    city = district.parent if district is not None else None
    active = enterprise.status == EnterpriseStatus.ACTIVE
    owner = None
    if active:
        membership = (
            Membership.objects.filter(enterprise=enterprise, role=MembershipRole.OWNER)
            .select_related("person")
            .order_by("person__full_name")
            .first()
        )
        owner = membership.person.full_name if membership is not None else None
    return {
        "product": {
            "name": product.name,
            "technique": product.technique,
            "technique_text": technique_text(product.technique),
            "is_batik": product.is_batik,
            "product_type": product.get_product_type_display(),
            "fabric": product.get_fabric_display(),
            "fibres": fibres_text(product.fibres),
            "url": reverse("showcase:product", args=[product.slug]) if _is_public(product) else "",
        },
        "enterprise": {
            "name": enterprise.name,
            "city": city.name if city is not None else village.name,
            "owner": owner,
            "url": reverse("showcase:enterprise", args=[enterprise.pk]) if active else "",
        },
    }


def covering_certifications(product: Product) -> list[Certification]:
    """The product's enterprise's certificates that name the product, or name no product (the whole enterprise)."""
    names_any = Certification.products.through.objects.filter(certification=OuterRef("pk"))
    return list(
        Certification.objects.filter(enterprise=product.enterprise_id)
        .filter(Q(products=product) | ~Exists(names_any))
        .distinct()
        .order_by("-issued_on", "-id")
    )


def _story_and_evidence(label: Label, day: datetime.date) -> dict[str, Any]:
    """The motif's story, the batch's cloth and dyes, the certificates and the test results of a genuine piece."""
    batch = label.batch
    product = batch.product
    printed = label.run.certification_id
    motifs = [
        {"name": m.name, "story": m.story, "meaning": m.meaning, "url": m.get_absolute_url()}
        for m in Motif.objects.filter(products=product).order_by("name")
    ]
    certifications = [_certificate(c, day, on_label=c.pk == printed) for c in covering_certifications(product)]
    on_label = label.run.certification
    tests, azo = _test_summary(label)
    picture = None
    if _is_public(product):
        picture = Picture.objects.filter(product=product).order_by("position", "id").first()
    return {
        "motifs": motifs,
        "batch": {
            "code": batch.code,
            "started_on": batch.started_on,
            "finished_on": batch.finished_on,
            "fabric_lot": batch.fabric_lot,
            "dye_classes": [str(DyeClass(c).label) for c in batch.dye_classes or [] if c in DyeClass.values],
            "dyes": batch.dyes,
            "naphthol_salt": batch.naphthol_salt,
            "mordant": str(Mordant(batch.mordant).label) if batch.mordant else "",
        },
        "certificate": _certificate(on_label, day, on_label=True) if on_label is not None else None,
        "certifications": certifications,
        "tests": tests,
        "azo": azo,
        "picture": picture,
    }


def _certificate(c: Certification, day: datetime.date, *, on_label: bool) -> dict[str, Any]:
    state = c.effective_status(day)
    return {
        "scheme": c.scheme,
        "scheme_text": c.title if c.scheme == "other" and c.title else c.get_scheme_display(),
        "number": c.number,
        "issuer": c.issuer,
        "issued_on": c.issued_on,
        "expires_on": c.expires_on,
        "state": state,
        "state_text": CertificationStatus(state).label,
        "valid": c.valid_on(day),
        "on_label": on_label,
    }


def _is_azo(result: TestResult) -> bool:
    names = " ".join(str(getattr(result, f"parameter_name_{lang}", "") or "") for lang in ("ind", "en"))
    text = f"{names} {result.standard_code} {result.standard_edition}".lower()
    return any(mark in text for mark in AZO_MARKS)


def _is_dimension(result: TestResult) -> bool:
    names = " ".join(str(getattr(result, f"parameter_name_{lang}", "") or "") for lang in ("ind", "en")).lower()
    return any(mark in names.split() for mark in DIMENSION_MARKS)


def _test_summary(label: Label) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Results of the decided reports on the label's batch or product, the batch's own first and newest first; and
    the latest azo-amine result (EN ISO 14362), when the cloth was tested for it."""
    batch = label.batch
    results = (
        TestResult.objects.filter(
            Q(report__batch=batch) | Q(report__product=batch.product_id),
            report__verdict__in=(Verdict.PASS, Verdict.FAIL),
        )
        .select_related("report__laboratory", "parameter")
        .order_by("-report__issued_on", "report_id", "id")[:MAX_RESULTS]
    )
    rows = []
    for result in results:
        report = result.report
        # A pass or fail against a limit nobody has checked against the standard's text is no verdict for a buyer.
        confirmed = result.parameter is not None and result.parameter.limit_checked
        rows.append(
            {
                # In the reader's language, or in the other when the result has no name in it.
                "parameter": result.parameter_name,
                "parameter_ind": getattr(result, "parameter_name_ind", "") or "",
                "parameter_en": getattr(result, "parameter_name_en", "") or "",
                "standard": f"{result.standard_code}:{result.standard_edition}",
                "value": format(result.value.normalize(), "f"),
                "unit": result.unit,
                "limit": result.limit_text,
                "passed": result.passed,
                "limit_confirmed": confirmed,
                "dimension": _is_dimension(result),
                "laboratory": str(report.laboratory),
                "report": report.number,
                "issued_on": report.issued_on,
                "this_batch": report.batch_id == batch.pk,
                "azo": _is_azo(result),
            }
        )
    rows.sort(key=lambda row: not row["this_batch"])  # stable: the batch's own reports first, each newest first
    azo = next((row for row in rows if row["azo"]), None)
    return rows, azo


def passport_url(code: str) -> str:
    """The passport's address on the public site, in the current language."""
    return site_url(reverse("passport:detail", args=[code]))


def _azo_q(prefix: str = "") -> Q:
    """Results that are azo-amine tests (by the parameter's name or the standard: EN ISO 14362)."""
    q = Q()
    for mark in AZO_MARKS:
        for column in ("parameter_name_ind", "parameter_name_en", "standard_code", "standard_edition"):
            q |= Q(**{f"{prefix}{column}__icontains": mark})
    return q


def azo_passed(
    *, product_ids: Iterable[int] = (), batch_ids: Iterable[int] = (), enterprise_ids: Iterable[int] = ()
) -> tuple[set[int], set[int], set[int]]:
    """Which of the given products, batches and enterprises have a passed azo-amine result in a decided test report:
    (product ids, batch ids, enterprise ids). One query whatever the number asked."""
    products, batches, enterprises = set(product_ids), set(batch_ids), set(enterprise_ids)
    if not (products or batches or enterprises):
        return set(), set(), set()
    rows = (
        TestResult.objects.filter(_azo_q(), passed=True, report__verdict__in=(Verdict.PASS, Verdict.FAIL))
        .filter(Q(report__product__in=products) | Q(report__batch__in=batches) | Q(report__enterprise__in=enterprises))
        .values_list("report__product_id", "report__batch_id", "report__enterprise_id")
        .distinct()
    )
    found: tuple[set[int], set[int], set[int]] = (set(), set(), set())
    for product, batch, enterprise in rows:
        if product in products:
            found[0].add(product)
        if batch in batches:
            found[1].add(batch)
        if enterprise in enterprises:
            found[2].add(enterprise)
    return found
