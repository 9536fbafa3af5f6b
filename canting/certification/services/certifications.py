"""Every write to certifications: recording a certificate, changing it, suspending or revoking it, and the daily
expiry and reminders.

A certificate's expiry date comes from the certificate itself; when staff leave it empty it is derived from the
scheme's usual validity (Batikmark 3 years, OEKO-TEX 12 months). The showcase and the product passport show
certificates, so every change here starts the public cache over.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from canting.catalogue.models import Product
from canting.certification.models import (
    REMINDER_DAYS,
    VALIDITY_MONTHS,
    Certification,
    CertificationReminder,
    CertificationStatus,
    Scheme,
    TestReport,
)
from canting.core import audit, public_cache, services
from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.core.scope import require_staff
from canting.core.site import site_url
from canting.core.uploads import file_kind
from canting.registry.models import Enterprise, Technique

log = logging.getLogger(__name__)

SCAN_MAX_BYTES = 10 * 1024 * 1024
# Suspend, revoke and reactivate: which statuses each may start from.
TRANSITIONS = {
    CertificationStatus.SUSPENDED.value: {CertificationStatus.ACTIVE.value},
    CertificationStatus.REVOKED.value: {CertificationStatus.ACTIVE.value, CertificationStatus.SUSPENDED.value},
    CertificationStatus.ACTIVE.value: {CertificationStatus.SUSPENDED.value},
}
STATUS_ACTIONS = {
    CertificationStatus.SUSPENDED.value: "certification.certification.suspended",
    CertificationStatus.REVOKED.value: "certification.certification.revoked",
    CertificationStatus.ACTIVE.value: "certification.certification.reactivated",
}
EXPIRING_DAYS = max(REMINDER_DAYS)


# --- helpers --------------------------------------------------------------------------------------------------
def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal naming its field, with its code kept for the API."""
    return ValidationError({field: ValidationError(message, code=code)})


def default_expiry(scheme: str, issued_on: datetime.date | None) -> datetime.date | None:
    """The usual end of validity for ``scheme``, or None when the scheme has no usual validity."""
    months = VALIDITY_MONTHS.get(str(scheme))
    if months is None or issued_on is None:
        return None
    return add_months(issued_on, months)


def _touch_public() -> None:
    """The showcase and the passport show certificates: their cached pages start over after the change."""
    transaction.on_commit(public_cache.bump_version)


def check_scan(upload: Any, *, number: str) -> Any:
    """Refuse a scan that is too large or not a PDF or picture; name an accepted one after the certificate."""
    if not upload or isinstance(upload, FieldFile) or not isinstance(upload, (File, UploadedFile)):
        return upload
    if (upload.size or 0) > SCAN_MAX_BYTES:
        message = _("The scan may be at most %(mb)d MB.") % {"mb": SCAN_MAX_BYTES // (1024 * 1024)}
        raise refusal("document", message, "scan_too_large")
    kind = file_kind(upload)  # a scan may be a PDF, JPEG, PNG or WebP
    if kind is None:
        raise refusal("document", _("The scan must be a PDF, JPEG, PNG or WebP file."), "scan_type")
    upload.name = f"{slugify(number) or 'sertifikat'}.{kind}"
    return upload


def check_certification(cert: Certification) -> None:
    """The rules a certificate's own fields must meet (coverage is checked separately)."""
    errors: dict[str, ValidationError] = {}
    if not cert.expires_on:
        message = _("Give the expiry date: this scheme has no usual validity.")
        errors["expires_on"] = ValidationError(message, code="expiry_required")
    if cert.scheme == Scheme.OTHER and not (cert.title or "").strip():
        errors["title"] = ValidationError(_("Name the certificate when the scheme is Other."), code="title_required")
    if cert.issued_on and cert.expires_on and cert.expires_on <= cert.issued_on:
        message = _("The expiry date must come after the issue date.")
        errors["expires_on"] = ValidationError(message, code="expiry_before_issue")
    if cert.number and cert.scheme:
        twin = Certification.objects.filter(scheme=cert.scheme, number=cert.number).exclude(pk=cert.pk).first()
        if twin is not None:
            message = _("%(scheme)s number %(number)s is already recorded for %(name)s.") % {
                "scheme": cert.get_scheme_display(),
                "number": cert.number,
                "name": twin.enterprise,
            }
            errors["number"] = ValidationError(message, code="duplicate_number")
    if errors:
        raise ValidationError(errors)


def check_coverage(
    cert: Certification, products: Sequence[Product] | None, test_reports: Sequence[TestReport] | None
) -> None:
    """Products covered and reports relied on must be the enterprise's own; printed imitation is never batik."""
    errors: dict[str, ValidationError] = {}
    if products is not None:
        foreign = [p for p in products if p.enterprise_id != cert.enterprise_id]
        if foreign:
            message = _("%(name)s is not a product of this enterprise.") % {"name": foreign[0]}
            errors["products"] = ValidationError(message, code="foreign_product")
        elif cert.is_batikmark and any(p.technique == Technique.TIRUAN for p in products):
            message = _("Printed imitation (tiruan) is not batik and cannot carry Batikmark.")
            errors["products"] = ValidationError(message, code="not_batik")
    if test_reports is not None:
        foreign_reports = [r for r in test_reports if r.enterprise_id != cert.enterprise_id]
        if foreign_reports:
            message = _("Report %(number)s is not a report on this enterprise's products.") % {
                "number": foreign_reports[0].number
            }
            errors["test_reports"] = ValidationError(message, code="foreign_report")
    if errors:
        raise ValidationError(errors)


def _prepare(cert: Certification) -> None:
    if not cert.expires_on:
        cert.expires_on = default_expiry(cert.scheme, cert.issued_on)  # type: ignore[assignment]
    check_certification(cert)


def _set_coverage(
    cert: Certification,
    *,
    actor: User | None,
    products: Sequence[Product] | None,
    test_reports: Sequence[TestReport] | None,
) -> None:
    """Replace the products and reports named (None leaves a list as it is) and audit what changed."""
    changes: dict[str, list[Any]] = {}
    chosen_lists: tuple[tuple[str, Sequence[Any] | None], ...] = (
        ("products", products),
        ("test_reports", test_reports),
    )
    for name, chosen in chosen_lists:
        if chosen is None:
            continue
        related = getattr(cert, name)
        before = sorted(related.values_list("pk", flat=True))
        related.set(chosen)
        after = sorted(obj.pk for obj in chosen)
        if before != after:
            changes[name] = [before, after]
    if changes:
        audit.record(actor=actor, action="certification.certification.coverage_changed", instance=cert, changes=changes)


def _lock(cert: Certification) -> Certification:
    return Certification.objects.select_for_update().select_related("enterprise").get(pk=cert.pk)


def check_actor(actor: User | None, queryset: Any, instance: Any) -> None:
    """Only office staff record certificates, and only for enterprises in their area (None is the system)."""
    require_staff(actor, _("Only office staff record certificates."))
    services.require_visible(queryset, instance, actor, _("This enterprise is outside your working area."))


# --- recording and changing -----------------------------------------------------------------------------------
@transaction.atomic
def create_certification(
    *,
    actor: User | None,
    enterprise: Enterprise,
    data: dict[str, Any],
    products: Sequence[Product] | None = None,
    test_reports: Sequence[TestReport] | None = None,
) -> Certification:
    """Record a certificate an enterprise holds. A certificate already past its expiry is recorded as expired."""
    check_actor(actor, Enterprise.objects, enterprise)
    data = dict(data)
    data.pop("status", None)
    data.pop("status_reason", None)
    if data.get("document"):
        data["document"] = check_scan(data["document"], number=str(data.get("number") or ""))
    cert = Certification(enterprise=enterprise, **data)
    _prepare(cert)
    check_coverage(cert, products, test_reports)
    if cert.expires_on < timezone.localdate():
        cert.status = CertificationStatus.EXPIRED
    cert = services.create(cert, actor=actor, action="certification.certification.created")
    _set_coverage(cert, actor=actor, products=products, test_reports=test_reports)
    _touch_public()
    return cert


@transaction.atomic
def update_certification(
    cert: Certification,
    *,
    actor: User | None,
    changes: dict[str, Any],
    products: Sequence[Product] | None = None,
    test_reports: Sequence[TestReport] | None = None,
) -> Certification:
    """Change a certificate's facts. A new expiry date in the future renews an expired certificate."""
    changes = {k: v for k, v in changes.items() if k not in ("status", "status_reason", "enterprise")}
    check_actor(actor, Certification.objects, cert)
    fresh = _lock(cert)
    if "document" in changes:
        changes["document"] = check_scan(changes["document"], number=changes.get("number") or fresh.number)
    today = timezone.localdate()

    def prepare(c: Certification) -> None:
        _prepare(c)
        check_coverage(c, products, test_reports)
        if c.status == CertificationStatus.EXPIRED and c.expires_on >= today:
            c.status = CertificationStatus.ACTIVE
            c.status_reason = ""
        elif c.status == CertificationStatus.ACTIVE and c.expires_on < today:
            c.status = CertificationStatus.EXPIRED

    fresh = services.update(
        fresh,
        changes,
        actor=actor,
        action="certification.certification.changed",
        prepare=prepare,
        derived=("expires_on", "status", "status_reason"),
    )
    _set_coverage(fresh, actor=actor, products=products, test_reports=test_reports)
    _touch_public()
    return fresh


@transaction.atomic
def set_certification_status(cert: Certification, *, actor: User | None, status: str, reason: str) -> Certification:
    """Suspend, revoke or reactivate a certificate, always with the reason (shown on its page and in the trail)."""
    reason = (reason or "").strip()
    if status not in TRANSITIONS:
        raise refusal("status", _("Choose suspend, revoke or reactivate."), "status")
    if not reason:
        raise refusal("reason", _("Write the reason for the change."), "reason_required")
    check_actor(actor, Certification.objects, cert)
    fresh = _lock(cert)
    current = fresh.effective_status()
    if current not in TRANSITIONS[status]:
        messages = {
            CertificationStatus.EXPIRED.value: _("An expired certificate is renewed by giving its new expiry date."),
            CertificationStatus.REVOKED.value: _("A revoked certificate stays revoked; record the new one instead."),
        }
        message = messages.get(
            current,
            _("A certificate that is %(current)s cannot become %(status)s.")
            % {"current": CertificationStatus(current).label, "status": CertificationStatus(status).label},
        )
        raise refusal("status", message, "transition")
    fresh = services.update(
        fresh,
        {"status": status, "status_reason": reason},
        actor=actor,
        action=STATUS_ACTIONS[status],
        note=reason,
    )
    _touch_public()
    return fresh


# --- the daily work -------------------------------------------------------------------------------------------
def expire_certifications(today: datetime.date | None = None) -> int:
    """Mark active certificates past their expiry date as expired (an audit event each, by no one). How many."""
    count = services.expire_lapsed(
        Certification.objects.all(),
        live={"status": CertificationStatus.ACTIVE},
        expired={"status": CertificationStatus.EXPIRED},
        today=today or timezone.localdate(),
        action="certification.certification.expired",
    )
    if count:
        public_cache.bump_version()
    return count


def enterprise_recipients(enterprise: Enterprise) -> list[str]:
    """The enterprise's business email and its artisans' login emails, each once."""
    emails = [enterprise.contact_email] if enterprise.contact_email else []
    emails += (
        User.objects.filter(role=Role.ARTISAN, enterprise=enterprise, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))


def staff_recipients(enterprise: Enterprise) -> list[str]:
    """Staff whose working area covers the enterprise's village, and staff who serve every area."""
    village = enterprise.village_id or ""
    prefixes = [village[:i] for i in range(1, len(village) + 1)]
    staff = User.objects.filter(role=Role.STAFF, is_active=True).filter(Q(area__isnull=True) | Q(area_id__in=prefixes))
    emails = staff.exclude(email="").order_by("pk").values_list("email", flat=True)
    return list(dict.fromkeys(e.strip().lower() for e in emails if e.strip()))


def _due_threshold(days_left: int) -> int | None:
    """The nearest reminder point reached: 30 once 30 days are left, 90 between 90 and 31."""
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def _reminder_messages(cert: Certification, days: int, days_left: int) -> list[EmailMessage]:
    site = site_url()
    context = {
        "certification": cert,
        "enterprise": cert.enterprise,
        "scheme": cert.title if cert.scheme == Scheme.OTHER and cert.title else cert.get_scheme_display(),
        "days": days,
        "days_left": days_left,
        "url": site + reverse("certification:certification-detail", args=[cert.pk]),
        "readiness_url": site + reverse("certification:readiness-detail", args=[cert.enterprise_id]),
    }
    messages = []
    for template, recipients in (
        ("certification/email/expiry_enterprise.txt", enterprise_recipients(cert.enterprise)),
        ("certification/email/expiry_staff.txt", staff_recipients(cert.enterprise)),
    ):
        if not recipients:
            continue
        subject = _("%(scheme)s %(number)s expires on %(date)s") % {
            "scheme": context["scheme"],
            "number": cert.number,
            "date": cert.expires_on.strftime("%d-%m-%Y"),
        }
        body = render_to_string(template, context)
        messages.append(EmailMessage(subject, body, None, recipients))
    return messages


@transaction.atomic
def _remind(pk: int, today: datetime.date) -> int:
    """Send the reminder due for one certificate, if any; 1 when sent."""
    cert = (
        Certification.objects.select_for_update()
        .select_related("enterprise")
        .filter(pk=pk, status=CertificationStatus.ACTIVE)
        .first()
    )
    if cert is None:
        return 0
    days_left = (cert.expires_on - today).days
    days = _due_threshold(days_left)
    if days is None or days_left < 0:
        return 0
    # A nearer reminder already sent makes a farther one pointless (e.g. the task did not run for weeks).
    if CertificationReminder.objects.filter(certification=cert, expires_on=cert.expires_on, days__lte=days).exists():
        return 0
    CertificationReminder.objects.create(certification=cert, days=days, expires_on=cert.expires_on)
    with override(settings.LANGUAGE_CODE):
        messages = _reminder_messages(cert, days, days_left)
    # Sent inside the transaction: a mail server that refuses leaves no record, so the next run tries again.
    for message in messages:
        message.send()
    return 1


def send_expiry_reminders(today: datetime.date | None = None) -> int:
    """Remind the enterprise and the office 90 and 30 days before a certificate expires; each reminder once per
    expiry date, so a renewal (a new expiry date) reminds again. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    candidates = Certification.objects.filter(
        status=CertificationStatus.ACTIVE,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
    ).order_by("expires_on", "pk")
    sent = 0
    for pk in candidates.values_list("pk", flat=True):
        try:
            sent += _remind(pk, today)
        except Exception:
            # One certificate's failure (most often the mail server) must not stop the others; with no reminder
            # recorded, the next run tries again.
            log.exception("Expiry reminder for certification %s not sent", pk)
    return sent
