"""Certifications an enterprise holds: the office records and keeps them; an artisan reads their own.

Also the certificate summary of an enterprise as a PDF, for a buyer or an exhibition organiser.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from canting.certification.filtersets import CertificationFilterSet
from canting.certification.forms import CertificationForm, CertificationStatusForm
from canting.certification.models import (
    Certification,
    CertificationStatus,
    Label,
    LabelStatus,
    Scheme,
    TestReport,
)
from canting.certification.services import certifications as services
from canting.core.documents import qr_svg, render_pdf
from canting.core.lists import ListPage
from canting.core.pages import ServiceActionView, ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user
from canting.core.site import site_url
from canting.registry.models import Enterprise

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})
SUMMARY_TEMPLATE = Path(__file__).resolve().parents[1] / "documents" / "summary.typ"
SUMMARY_REPORTS = 10  # the most recent test reports the summary lists
STATUS_BADGES = {
    "active": "text-bg-success",
    "suspended": "text-bg-warning",
    "expired": "text-bg-secondary",
    "revoked": "text-bg-danger",
}


def scheme_name(cert: Certification) -> str:
    return cert.title if cert.scheme == Scheme.OTHER and cert.title else str(cert.get_scheme_display())


def with_state(cert: Certification, today: datetime.date) -> Certification:
    """Attach what a page shows about a certificate on ``today``: effective status, its badge and days left."""
    cert.effective = cert.effective_status(today)  # type: ignore[attr-defined]
    cert.badge = STATUS_BADGES.get(cert.effective, "text-bg-light")  # type: ignore[attr-defined]
    cert.effective_label = CertificationStatus(cert.effective).label  # type: ignore[attr-defined]
    cert.days_left = (cert.expires_on - today).days  # type: ignore[attr-defined]
    cert.expiring = cert.effective == "active" and cert.days_left <= services.EXPIRING_DAYS  # type: ignore[attr-defined]
    cert.scheme_name = scheme_name(cert)  # type: ignore[attr-defined]
    return cert


class CertificationListView(ListPage):
    allowed_roles = STAFF_OR_ARTISAN
    filterset_class = CertificationFilterSet
    template_name = "certification/certification_list.html"
    export_name = "sertifikasi"
    export_columns = (
        gettext_lazy("Enterprise"), gettext_lazy("NIB"), gettext_lazy("Scheme"), gettext_lazy("Certificate number"),
        gettext_lazy("Issuer"), gettext_lazy("Issued on"), gettext_lazy("Expires on"), gettext_lazy("Days left"),
        gettext_lazy("Status"), gettext_lazy("Products covered"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Certification]:
        certifications = Certification.objects.for_user(self.request.user).select_related("enterprise")
        if self.request.GET.get("format") == "xlsx":
            certifications = certifications.prefetch_related("products")  # only the export names them
        return certifications.order_by("expires_on", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for cert in context["object_list"]:
            with_state(cert, today)
        return context

    def export_row(self, cert: Certification) -> Sequence[Any]:
        with_state(cert, timezone.localdate())
        products = ", ".join(str(p) for p in cert.products.all()) or _("All products")
        return [
            cert.enterprise.name, cert.enterprise.nib, cert.scheme_name, cert.number, cert.issuer,  # type: ignore[attr-defined]
            cert.issued_on, cert.expires_on, cert.days_left, cert.effective_label, products,  # type: ignore[attr-defined]
        ]  # fmt: skip


class ForCertificationMixin:
    """A page about one certificate the user may see: 404 for any other."""

    certification: Certification

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.certification = get_object_or_404(
            Certification.objects.for_user(request.user).select_related("enterprise"), pk=kwargs["pk"]
        )


def detail_url(cert: Certification) -> str:
    return reverse("certification:certification-detail", args=[cert.pk])


class CertificationCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = CertificationForm
    template_name = "certification/certification_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.request.method == "GET" and self.request.GET.get("enterprise", "").isdigit():
            kwargs["initial"] = {**kwargs.get("initial", {}), "enterprise": int(self.request.GET["enterprise"])}
        return kwargs

    def perform(self, form: CertificationForm) -> Certification:
        return services.create_certification(
            actor=current_user(self.request),
            enterprise=form.cleaned_data["enterprise"],
            data=form.cleaned_data_for_model(),
            products=list(form.cleaned_data["products"]),
            test_reports=list(form.cleaned_data["test_reports"]),
        )

    def success_url_for(self, obj: Any) -> str:
        return detail_url(obj)


class CertificationUpdateView(ForCertificationMixin, ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = CertificationForm
    template_name = "certification/certification_form.html"
    success_message = gettext_lazy("%(object)s has been saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        # The form works on a copy, so a refused change never shows unsaved values as saved.
        return {
            **super().get_form_kwargs(),
            "instance": Certification.objects.select_related("enterprise").get(pk=self.certification.pk),
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "certification": self.certification}

    def perform(self, form: CertificationForm) -> Certification:
        return services.update_certification(
            self.certification,
            actor=current_user(self.request),
            changes=form.cleaned_data_for_model(),
            products=list(form.cleaned_data["products"]),
            test_reports=list(form.cleaned_data["test_reports"]),
        )

    def success_url_for(self, obj: Any) -> str:
        return detail_url(obj)


class CertificationDetailView(ForCertificationMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = STAFF_OR_ARTISAN
    template_name = "certification/certification_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        cert = with_state(self.certification, timezone.localdate())
        context.update(
            staff_context(self.request, cert),
            certification=cert,
            enterprise=cert.enterprise,
            products=cert.products.order_by("name", "pk"),
            reports=cert.test_reports.select_related("product", "laboratory").order_by("-issued_on", "-pk"),
            reminders=cert.reminders.order_by("-sent_at", "-pk"),
        )
        if context["is_staff"]:
            context["status_form"] = kwargs.get("status_form") or CertificationStatusForm(current=cert.effective)  # type: ignore[attr-defined]
        return context


class CertificationStatusView(ForCertificationMixin, ServiceActionView):
    """Suspend, revoke or reactivate, with the reason."""

    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        form = CertificationStatusForm(request.POST, current=self.certification.effective_status())
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        cert = services.set_certification_status(
            self.certification,
            actor=current_user(request),
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("%(object)s is now %(status)s.") % {"object": cert, "status": CertificationStatus(cert.status).label},
        )

    def back_url(self) -> str:
        return detail_url(self.certification) + "#status"


class CertificationDocumentView(ForCertificationMixin, RoleRequiredMixin, View):
    """The scan is private: served only to those who may see the certificate."""

    allowed_roles = STAFF_OR_ARTISAN

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        if not self.certification.document:
            raise Http404
        document = self.certification.document
        return FileResponse(document.open("rb"), as_attachment=True, filename=Path(document.name or "").name)


# --- the certificate summary ----------------------------------------------------------------------------------
def summary_data(enterprise: Enterprise, *, today: datetime.date | None = None) -> dict[str, Any]:
    """What the certificate summary prints: the enterprise, its certificates, recent reports and its labels."""
    today = today or timezone.localdate()
    certs = [
        with_state(c, today)
        for c in Certification.objects.filter(enterprise=enterprise)
        .annotate(products_count=Count("products"))
        .order_by("-expires_on", "-pk")
    ]
    reports = (
        TestReport.objects.filter(enterprise=enterprise)
        .select_related("product", "laboratory")
        .order_by("-issued_on", "-pk")[:SUMMARY_REPORTS]
    )
    labels = Label.objects.filter(batch__enterprise=enterprise).aggregate(
        issued=Count("pk"),
        revoked=Count("pk", filter=Q(status=LabelStatus.REVOKED)),
        checks=Sum("checks_count"),
    )
    showcase = site_url(reverse("showcase:enterprise", args=[enterprise.pk]))
    return {
        "title": _("Certificate summary"),
        "generated": _("Printed on %(date)s") % {"date": today.strftime("%d-%m-%Y")},
        "enterprise": {
            "name": enterprise.name,
            "brand": enterprise.brand,
            "nib": enterprise.nib or "",
            "address": enterprise.address,
            "village": enterprise.village.path if enterprise.village_id else "",
            "techniques": ", ".join(enterprise.technique_labels),
        },
        "certifications": [
            {
                "scheme": c.scheme_name,  # type: ignore[attr-defined]
                "number": c.number,
                "issuer": c.issuer,
                "issued_on": c.issued_on.strftime("%d-%m-%Y"),
                "expires_on": c.expires_on.strftime("%d-%m-%Y"),
                "status": c.effective,  # type: ignore[attr-defined]
                "status_text": str(c.effective_label),  # type: ignore[attr-defined]
                "valid": c.effective == "active",  # type: ignore[attr-defined]
                "coverage": (
                    ngettext("%(n)d product", "%(n)d products", c.products_count) % {"n": c.products_count}  # type: ignore[attr-defined]
                    if c.products_count  # type: ignore[attr-defined]
                    else _("All products")
                ),
            }
            for c in certs
        ],
        "reports": [
            {
                "number": r.number,
                "laboratory": str(r.laboratory),
                "product": str(r.product),
                "issued_on": r.issued_on.strftime("%d-%m-%Y"),
                "verdict": r.verdict,
                "verdict_text": str(r.get_verdict_display()),
            }
            for r in reports
        ],
        "labels": {"issued": labels["issued"], "revoked": labels["revoked"], "checks": labels["checks"] or 0},
        "showcase_url": showcase,
        "qr": qr_svg(showcase),
        "text": {
            "nib": _("NIB"),
            "techniques": _("Techniques"),
            "certifications": _("Certifications"),
            "scheme": _("Scheme"),
            "number": _("Number"),
            "issuer": _("Issuer"),
            "valid": _("Valid"),
            "status": _("Status"),
            "coverage": _("Covers"),
            "no_certifications": _("No certification recorded."),
            "reports": _("Recent test reports"),
            "laboratory": _("Laboratory"),
            "product": _("Product"),
            "issued_on": _("Issued"),
            "verdict": _("Verdict"),
            "no_reports": _("No test report recorded."),
            "labels": _("Serial labels"),
            "labels_issued": _("issued"),
            "labels_revoked": _("revoked"),
            "labels_checks": _("times checked by buyers"),
            "scan": _("Scan to see the enterprise and its products"),
            "note": _(
                "A certificate is valid only while it is active and not past its expiry date. "
                "Each serial label can be checked on its product passport."
            ),
        },
    }


class SummaryPdfView(RoleRequiredMixin, View):
    """One enterprise's certifications, recent test reports and labels on one page, with a QR to its showcase."""

    allowed_roles = STAFF_OR_ARTISAN

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        enterprise = get_object_or_404(Enterprise.objects.for_user(request.user).select_related("village"), pk=pk)
        pdf = render_pdf(SUMMARY_TEMPLATE, summary_data(enterprise))
        response = HttpResponse(pdf, content_type="application/pdf")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'inline; filename="sertifikat-{enterprise.pk}-{stamp}.pdf"'
        return response
