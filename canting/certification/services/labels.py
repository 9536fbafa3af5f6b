"""Serial labels: issuing a run for a batch, revoking labels, and counting the checks of their passports.

A run prints the certificate it names, so the certificate must be valid on the day of issue, belong to the batch's
enterprise and cover the batch's product; a Batikmark must be the one for the product's technique. Printed
imitation (tiruan) is not batik and gets no labels at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from canting.certification.models import (
    BATIKMARK_SCHEMES,
    Batch,
    Certification,
    CertificationStatus,
    Label,
    LabelCheck,
    LabelRun,
    LabelStatus,
)
from canting.core import audit, codes
from canting.core.documents import qr_svg, render_pdf
from canting.core.models import User
from canting.core.scope import require_staff
from canting.core.services import require_visible
from canting.core.site import site_url
from canting.registry.models import Technique

SHEET_TEMPLATE = Path(__file__).resolve().parents[1] / "documents" / "label_sheet.typ"
TECHNIQUE_BANDS = {
    Technique.TULIS.value: "BATIK TULIS",
    Technique.CAP.value: "BATIK CAP",
    Technique.KOMBINASI.value: "BATIK KOMBINASI",
}
# Printed on every uncertified label in both languages: the same sheet goes to local and foreign buyers.
UNCERTIFIED = "Belum bersertifikat / Not certified"
MIN_LABELS = 1
MAX_LABELS = 5000
CODE_ATTEMPTS = 5
# A language tag's region: two letters after the language (and an optional four-letter script), e.g. en-US, zh-Hant-TW.
_REGION = re.compile(r"^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})(?:-|$)")
_TAG = re.compile(r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$")


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the labels are revoked.")}, code="reason_required")
    return reason


def check_certification(certification: Certification, batch: Batch) -> None:
    """That ``certification`` may be printed on labels of ``batch`` today."""
    product = batch.product
    if certification.enterprise_id != batch.enterprise_id:
        raise ValidationError(
            {"certification": _("This certificate belongs to another enterprise.")}, code="other_enterprise"
        )
    today = timezone.localdate()
    if not certification.valid_on(today):
        status = CertificationStatus(certification.effective_status(today)).label
        raise ValidationError(
            {"certification": _("This certificate is not valid today: %(status)s.") % {"status": str(status).lower()}},
            code="not_valid",
        )
    covered = certification.products.all()
    if covered.exists() and not covered.filter(pk=product.pk).exists():
        raise ValidationError(
            {"certification": _("This certificate does not cover %(product)s.") % {"product": product.name}},
            code="not_covered",
        )
    wanted = BATIKMARK_SCHEMES.get(product.technique)
    if certification.is_batikmark and certification.scheme != wanted:
        raise ValidationError(
            {
                "certification": _("This Batikmark is for another technique than %(technique)s.")
                % {"technique": product.get_technique_display()}
            },
            code="wrong_technique",
        )


def check_issue(*, batch: Batch, count: int, certification: Certification | None) -> None:
    """The rules a label run must meet before anything is written."""
    product = batch.product
    if product.technique == Technique.TIRUAN:
        raise ValidationError(
            {"batch": _("Printed imitation (tiruan) is not batik: its pieces get no labels.")}, code="not_batik"
        )
    if product.quality_hold:
        message = _("This product is held back while a suspicion of imitation is open: no labels until it is settled.")
        raise ValidationError({"batch": message}, code="quality_hold")
    if not isinstance(count, int) or not MIN_LABELS <= count <= MAX_LABELS:
        raise ValidationError(
            {"count": _("Issue from %(min)d to %(max)d labels at a time.") % {"min": MIN_LABELS, "max": MAX_LABELS}},
            code="count",
        )
    if certification is not None:
        check_certification(certification, batch)


def _insert_labels(run: LabelRun) -> None:
    """Random codes for positions 1..count; a clash with an existing code (about one in 2^50 per pair) draws them
    all again, inside a savepoint so the run itself survives."""
    for attempt in range(CODE_ATTEMPTS):
        fresh: set[str] = set()
        while len(fresh) < run.count:
            fresh.add(codes.new_code())
        try:
            with transaction.atomic():
                Label.objects.bulk_create(
                    (
                        Label(run=run, batch_id=run.batch_id, code=code, position=position)
                        for position, code in enumerate(fresh, start=1)
                    ),
                    batch_size=1000,
                )
            return
        except IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise


@transaction.atomic
def issue_labels(
    *, actor: User, batch: Batch, count: int, certification: Certification | None = None, note: str = ""
) -> LabelRun:
    """Issue ``count`` serial labels for ``batch``, printing ``certification`` when given."""
    require_staff(actor, _("Only office staff issue labels."))
    require_visible(Batch.objects, batch, actor, _("This batch is outside your working area."))
    batch = Batch.objects.select_for_update().select_related("product").get(pk=batch.pk)
    if certification is not None:
        certification = Certification.objects.get(pk=certification.pk)
    check_issue(batch=batch, count=count, certification=certification)
    run = LabelRun(
        batch=batch,
        count=count,
        technique=batch.product.technique,
        certification=certification,
        issued_by=actor,
        note=(note or "").strip(),
    )
    run.full_clean()
    run.save()
    _insert_labels(run)
    audit.record(
        actor=actor,
        action="certification.labels.issued",
        instance=run,
        changes={
            "batch": [None, str(batch.pk)],
            "count": [None, count],
            "certification": [None, str(certification.pk) if certification else None],
            "note": [None, run.note],
        },
    )
    return run


def _revoke(labels: QuerySet[Label], reason: str) -> list[int]:
    """Mark the active labels among ``labels`` revoked; returns their ids (already-revoked ones stay as they are)."""
    ids = list(labels.filter(status=LabelStatus.ACTIVE).select_for_update().order_by("pk").values_list("pk", flat=True))
    if ids:
        Label.objects.filter(pk__in=ids).update(
            status=LabelStatus.REVOKED, revoked_at=timezone.now(), revoked_reason=reason
        )
    return ids


@transaction.atomic
def revoke_label(label: Label, *, actor: User, reason: str) -> Label:
    """Withdraw one label: its passport says so from now on."""
    require_staff(actor, _("Only office staff revoke labels."))
    reason = _require_reason(reason)
    require_visible(Label.objects, label, actor, _("This label is outside your working area."))
    fresh = Label.objects.select_for_update().get(pk=label.pk)
    if fresh.status == LabelStatus.REVOKED:
        raise ValidationError(_("This label has already been revoked."), code="already_revoked")
    _revoke(Label.objects.filter(pk=fresh.pk), reason)
    fresh.refresh_from_db()
    audit.record(
        actor=actor,
        action="certification.label.revoked",
        instance=fresh,
        changes={"status": [LabelStatus.ACTIVE.value, LabelStatus.REVOKED.value]},
        note=reason,
    )
    return fresh


@transaction.atomic
def revoke_run(run: LabelRun, *, actor: User, reason: str) -> int:
    """Withdraw every label of a run that is still active; returns how many were revoked."""
    require_staff(actor, _("Only office staff revoke labels."))
    reason = _require_reason(reason)
    require_visible(LabelRun.objects, run, actor, _("This label issue is outside your working area."))
    run = LabelRun.objects.select_for_update().get(pk=run.pk)
    ids = _revoke(run.labels.all(), reason)
    if ids:
        audit.record(
            actor=actor,
            action="certification.labels.revoked",
            instance=run,
            changes={"revoked": [0, len(ids)]},
            note=reason,
        )
    return len(ids)


@transaction.atomic
def revoke_batch(batch: Batch, *, actor: User, reason: str) -> int:
    """Withdraw every active label of every run of a batch, e.g. when the batch turns out not to be what it claimed."""
    require_staff(actor, _("Only office staff revoke labels."))
    reason = _require_reason(reason)
    require_visible(Batch.objects, batch, actor, _("This batch is outside your working area."))
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    ids = _revoke(Label.objects.filter(batch=batch), reason)
    if ids:
        audit.record(
            actor=actor,
            action="certification.labels.revoked",
            instance=batch,
            changes={"revoked": [0, len(ids)]},
            note=reason,
        )
    return len(ids)


def country_from_accept_language(header: str) -> str:
    """The country of the reader's most preferred language, from an Accept-Language header: 'en-US,en;q=0.9' ->
    'US', 'de' -> ''. Only the region the browser states; nothing about the reader is kept."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "")[:500].split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip().lower().replace("_", "-")
        if not tag or tag == "*" or not _TAG.match(tag):
            continue
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                continue
        if quality > 0:
            choices.append((-quality, index, tag))
    if not choices:
        return ""
    choices.sort()
    language = choices[0][2].split("-")[0]
    for _quality, _index, tag in choices:
        if tag.split("-")[0] != language:
            continue
        region = _REGION.match(tag)
        if region:
            return region.group(1).upper()
    return ""


def record_check(label: Label, *, country: str) -> None:
    """Count one look at ``label``'s passport, today, from ``country`` (two letters or blank): counters only."""
    country = country.upper() if len(country) == 2 and country.isascii() and country.isalpha() else ""
    day = timezone.localdate()
    same = LabelCheck.objects.filter(label_id=label.pk, day=day, country=country)
    with transaction.atomic():
        if not same.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    LabelCheck.objects.create(label_id=label.pk, day=day, country=country, count=1)
            except IntegrityError:  # another request created the row since the update found none
                same.update(count=F("count") + 1)
        Label.objects.filter(pk=label.pk).update(checks_count=F("checks_count") + 1)


def label_url(code: str) -> str:
    """The address printed in a label's QR code: the short link, on the public site."""
    return site_url(reverse("passport-short", args=[code]))


def label_sheet_data(run: LabelRun) -> dict[str, Any]:
    """What the label sheet template prints for ``run``: one entry per label in sheet order, revoked ones blank."""
    batch = run.batch
    product = batch.product
    certificate = run.certification
    labels = run.labels.order_by("position").values_list("code", "status")
    return {
        # Long names are shortened so that the QR code and the certificate band always fit on the label.
        "product": Truncator(product.name_ind or product.name).chars(60),  # type: ignore[attr-defined]
        "enterprise": Truncator(batch.enterprise.name).chars(48),
        "batch_label": "Batch",
        "batch": batch.code,
        "technique": run.technique,
        "technique_text": TECHNIQUE_BANDS.get(run.technique, run.technique.upper()),
        "certificate": (
            {
                "scheme": "Batikmark" if certificate.is_batikmark else _scheme_short(certificate),
                "number": certificate.number,
            }
            if certificate is not None
            else None
        ),
        "uncertified": UNCERTIFIED,
        "labels": [
            {"code": codes.display(code), "qr": qr_svg(label_url(code)), "revoked": False}
            if status == LabelStatus.ACTIVE
            else {"code": "", "qr": "", "revoked": True}
            for code, status in labels
        ],
    }


def _scheme_short(certification: Certification) -> str:
    return {"sni": "SNI", "oekotex": "OEKO-TEX"}.get(certification.scheme, certification.title or "")


def label_sheet_pdf(run: LabelRun) -> bytes:
    """The printable sheet of ``run``'s labels (A4, 24 a page)."""
    return render_pdf(SHEET_TEMPLATE, label_sheet_data(run))
