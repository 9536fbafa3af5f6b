"""Training certificates: issuing them for a session, the list, one certificate, its PDF and scan, revoking.

Staff issue and revoke; an artisan reads the certificates of their enterprise's people; an assessor those of the
sessions they train. The printed certificate carries a QR code of its short public address /c/<code>.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from canting.core import codes
from canting.core.documents import qr_svg, render_pdf
from canting.core.lists import ListPage
from canting.core.pages import ServiceActionView, ServiceFormView, staff_context
from canting.core.permissions import ARTISAN, ASSESSOR, STAFF, RoleRequiredMixin, current_user
from canting.training.filtersets import CertificateFilterSet
from canting.training.forms import ExternalCertificateForm, RevokeForm
from canting.training.models import Certificate, CertificateKind, TrainingSession
from canting.training.selectors import verification_url
from canting.training.services import certificates as services

STAFF_ONLY = frozenset({STAFF})
READERS = frozenset({STAFF, ARTISAN, ASSESSOR})
CERTIFICATE_TEMPLATE = Path(__file__).resolve().parents[1] / "documents" / "certificate.typ"
STATE_BADGES = {"valid": "text-bg-success", "expired": "text-bg-secondary", "revoked": "text-bg-danger"}
STATE_LABELS = {"valid": gettext_lazy("Valid"), "expired": gettext_lazy("Expired"), "revoked": gettext_lazy("Revoked")}


def short_url(cert: Certificate) -> str:
    """The address printed in the certificate's QR code."""
    return verification_url(cert.code)


def with_state(cert: Certificate) -> Certificate:
    cert.current_state = cert.state()  # type: ignore[attr-defined]
    cert.badge = STATE_BADGES[cert.current_state]  # type: ignore[attr-defined]
    cert.state_label = STATE_LABELS[cert.current_state]  # type: ignore[attr-defined]
    return cert


def detail_url(cert: Certificate) -> str:
    return reverse("training:certificate-detail", args=[cert.pk])


class IssueView(RoleRequiredMixin, View):
    """Issue every certificate a session's participants have earned and do not hold yet."""

    allowed_roles = STAFF_ONLY
    http_method_names = ["post"]

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=kwargs["pk"])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            issued = services.issue_for_session(self.session, actor=current_user(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if issued:
                messages.success(request, _("Issued %(count)d certificates of attendance.") % {"count": len(issued)})
            else:
                messages.info(request, _("No new certificate to issue: everyone earned has theirs already."))
            if self.session.scheme_id:
                messages.info(
                    request,
                    _(
                        "Certificates of competency are issued by the LSP, not here: record each one from its scan "
                        "when the LSP has issued it."
                    ),
                )
        return redirect(f"{reverse('training:certificate-list')}?session={self.session.pk}")


class CertificateListView(ListPage):
    allowed_roles = READERS
    filterset_class = CertificateFilterSet
    template_name = "training/certificate_list.html"
    export_name = "sertifikat-pelatihan"
    export_columns = (
        gettext_lazy("Number"), gettext_lazy("Kind"), gettext_lazy("Holder"), gettext_lazy("Title"),
        gettext_lazy("Issuer"), gettext_lazy("Issued on"), gettext_lazy("Expires on"), gettext_lazy("State"),
        gettext_lazy("Issued elsewhere"), gettext_lazy("Verify at"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Certificate]:
        return Certificate.objects.for_user(self.request.user).select_related("person").order_by("-issued_on", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for cert in context["object_list"]:
            with_state(cert)
        return context

    def export_row(self, cert: Certificate) -> Sequence[Any]:
        with_state(cert)
        return [
            cert.number, cert.get_kind_display(), cert.person.full_name, cert.title, cert.issuer, cert.issued_on,
            cert.expires_on, str(cert.state_label), _("yes") if cert.external else _("no"), short_url(cert),  # type: ignore[attr-defined]
        ]  # fmt: skip


class ForCertificateMixin:
    """A page about one certificate the user may see: 404 for any other."""

    certificate: Certificate

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.certificate = get_object_or_404(
            Certificate.objects.for_user(request.user).select_related("person", "enrolment__session__programme"),
            pk=kwargs["pk"],
        )


class CertificateCreateView(ServiceFormView):
    """Record a certificate issued elsewhere, with its scan."""

    allowed_roles = STAFF_ONLY
    form_class = ExternalCertificateForm
    template_name = "training/certificate_form.html"
    success_message = gettext_lazy("%(object)s has been recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.request.method == "GET" and self.request.GET.get("person", "").isdigit():
            kwargs["initial"] = {**kwargs.get("initial", {}), "person": int(self.request.GET["person"])}
        return kwargs

    def perform(self, form: ExternalCertificateForm) -> Certificate:
        return services.record_external(
            actor=current_user(self.request),
            person=form.cleaned_data["person"],
            data=form.cleaned_data_for_model(),
            scan=form.cleaned_data["scan"],
        )

    def success_url_for(self, obj: Any) -> str:
        return detail_url(obj)


class CertificateDetailView(ForCertificateMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "training/certificate_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        cert = with_state(self.certificate)
        url = short_url(cert)
        context.update(
            staff_context(self.request, cert),
            certificate=cert,
            share_url=url,
            qr=qr_svg(url),
            code_display=codes.display(cert.code),
            session=cert.enrolment.session if cert.enrolment_id else None,  # type: ignore[union-attr]
        )
        if context["is_staff"]:
            context["revoke_form"] = kwargs.get("revoke_form") or RevokeForm()
        return context


def certificate_data(cert: Certificate) -> dict[str, Any]:
    """What the printed certificate of attendance shows: the organiser's, never an LSP's competency certificate."""
    if cert.kind != CertificateKind.ATTENDANCE or cert.external:
        raise ValueError("Canting prints only the certificates of attendance it issued itself.")
    url = short_url(cert)
    return {
        "kind": cert.kind,
        "kind_text": str(cert.get_kind_display()),
        "number": cert.number,
        "holder": cert.person.full_name,
        "title": cert.title,
        "issuer": cert.issuer,
        "issued_on": cert.issued_on.strftime("%d-%m-%Y"),
        "expires_on": cert.expires_on.strftime("%d-%m-%Y") if cert.expires_on else "",
        "statement": _("took part in"),
        "code": codes.display(cert.code),
        "short_url": url.split("://", 1)[-1],
        "qr": qr_svg(url),
        "text": {
            "number": _("No."),
            "given_to": _("is awarded to"),
            "issued_on": _("Issued on"),
            "expires_on": _("Valid until"),
            "issuer": _("Organiser"),
            "not_competency": _("This certificate records attendance at a training; it does not certify competency."),
            "verify_note": _(
                "Scan the QR code or type the code at the address below it to check that this "
                "certificate is genuine and still valid."
            ),
        },
    }


class CertificatePdfView(ForCertificateMixin, RoleRequiredMixin, View):
    """The printed certificate of attendance; for one recorded from elsewhere, its scan. A certificate of competency
    is the LSP's paper: only its scan is served, never a print of Canting's."""

    allowed_roles = READERS

    def get(self, request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
        cert = self.certificate
        if cert.external or cert.kind != CertificateKind.ATTENDANCE:
            return scan_response(cert)
        response = HttpResponse(
            render_pdf(CERTIFICATE_TEMPLATE, certificate_data(cert)), content_type="application/pdf"
        )
        name = cert.number.replace("/", "-")
        response["Content-Disposition"] = f'inline; filename="sertifikat-{name}.pdf"'
        return response


def scan_response(cert: Certificate) -> FileResponse:
    if not cert.scan:
        raise Http404
    return FileResponse(cert.scan.open("rb"), as_attachment=True, filename=Path(cert.scan.name or "").name)


class CertificateScanView(ForCertificateMixin, RoleRequiredMixin, View):
    """The scan is private: served only to those who may see the certificate."""

    allowed_roles = READERS

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return scan_response(self.certificate)


class RevokeView(ForCertificateMixin, ServiceActionView):
    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        form = RevokeForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Give the reason for revoking the certificate."))
        cert = services.revoke(self.certificate, actor=current_user(request), reason=form.cleaned_data["reason"])
        messages.success(request, _("%(object)s is revoked.") % {"object": cert})

    def back_url(self) -> str:
        return detail_url(self.certificate)
