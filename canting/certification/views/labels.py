"""Serial labels: the office issues runs of labels for a batch, prints their sheet, finds and revokes labels; an
artisan reads their own runs, prints their sheets and sees how often buyers checked their labels, and from where."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from canting.certification.filtersets import LabelFilterSet, LabelRunFilterSet, visible_enterprises
from canting.certification.forms import LabelChecksForm, LabelRunForm
from canting.certification.models import Label, LabelCheck, LabelRun, LabelStatus
from canting.certification.services import labels as services
from canting.core import audit
from canting.core.lists import ListPage
from canting.core.pages import ServiceActionView, ServiceFormView
from canting.core.permissions import ARTISAN, STAFF, RoleRequiredMixin, current_user, role_of

STAFF_ONLY = frozenset({STAFF})
STAFF_OR_ARTISAN = frozenset({STAFF, ARTISAN})
LABELS_PER_PAGE = 100
CHECK_MONTHS = 24
CHECK_COUNTRIES = 30
WATCHED_LABELS = 10


def run_url(run: LabelRun) -> str:
    return reverse("certification:label-run-detail", args=[run.pk])


class LabelRunListView(ListPage):
    allowed_roles = STAFF_OR_ARTISAN
    filterset_class = LabelRunFilterSet
    template_name = "certification/label_run_list.html"
    export_name = "label"
    export_columns = (
        gettext_lazy("Issued on"), gettext_lazy("Batch"), gettext_lazy("Product"), gettext_lazy("Enterprise"),
        gettext_lazy("Technique"), gettext_lazy("Labels"), gettext_lazy("Revoked"), gettext_lazy("Certificate"),
        gettext_lazy("Times checked"), gettext_lazy("Issued by"), gettext_lazy("Note"),
    )  # fmt: skip

    def base_queryset(self) -> QuerySet[Any]:
        return (
            LabelRun.objects.for_user(self.request.user)
            .select_related("batch__product", "batch__enterprise", "certification", "issued_by")
            .annotate(
                revoked=Count("labels", filter=Q(labels__status=LabelStatus.REVOKED)),
                checks=Sum("labels__checks_count", default=0),
            )
            .order_by("-created_at", "-pk")
        )

    def export_row(self, run: LabelRun) -> Sequence[Any]:
        return [
            run.created_at, run.batch.code, run.batch.product.name, run.batch.enterprise.name,
            run.get_technique_display(), run.count, run.revoked, run.certification or "",  # type: ignore[attr-defined]
            run.checks, run.issued_by, run.note,  # type: ignore[attr-defined]
        ]  # fmt: skip


class LabelRunCreateView(ServiceFormView):
    allowed_roles = STAFF_ONLY
    form_class = LabelRunForm
    template_name = "certification/label_run_form.html"
    success_message = gettext_lazy("Labels issued: %(object)s. Download the sheet to print them.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        batch = self.request.GET.get("batch", "")
        if self.request.method == "GET" and batch.isdigit():
            kwargs["initial"] = {**kwargs.get("initial", {}), "batch": int(batch)}
        return kwargs

    def perform(self, form: LabelRunForm) -> LabelRun:
        data = form.cleaned_data
        return services.issue_labels(
            actor=current_user(self.request),
            batch=data["batch"],
            count=data["count"],
            certification=data["certification"],
            note=data["note"],
        )

    def success_url_for(self, obj: Any) -> str:
        return run_url(obj)


class ForRunMixin:
    """A page about one label run the user may see: 404 for any other."""

    run: LabelRun

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.run = get_object_or_404(
            LabelRun.objects.for_user(request.user).select_related(
                "batch__product", "batch__enterprise", "certification", "issued_by"
            ),
            pk=kwargs["pk"],
        )


class LabelRunDetailView(ForRunMixin, RoleRequiredMixin, TemplateView):
    allowed_roles = STAFF_OR_ARTISAN
    template_name = "certification/label_run_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.run
        labels = run.labels.order_by("position")
        page = Paginator(labels, LABELS_PER_PAGE).get_page(self.request.GET.get("page"))
        totals = run.labels.aggregate(
            revoked=Count("pk", filter=Q(status=LabelStatus.REVOKED)), checks=Sum("checks_count", default=0)
        )
        is_staff = role_of(self.request.user) == STAFF
        context.update(
            run=run,
            page_obj=page,
            labels=page.object_list,
            revoked=totals["revoked"],
            active=run.count - totals["revoked"],
            checks=totals["checks"],
            is_staff=is_staff,
            history=audit.history(run) if is_staff else [],
        )
        return context


class LabelSheetView(ForRunMixin, RoleRequiredMixin, View):
    """The printable sheet of a run (A4, 24 labels a page); revoked labels are crossed out where they stood."""

    allowed_roles = STAFF_OR_ARTISAN

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        pdf = services.label_sheet_pdf(self.run)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"label-{self.run.batch.code}-{self.run.pk}.pdf".replace('"', "")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class LabelRunRevokeView(ForRunMixin, ServiceActionView):
    """Withdraw every label of a run still active, with the reason; already-revoked labels stay as they are."""

    allowed_roles = STAFF_ONLY

    def act(self, request: HttpRequest) -> None:
        revoked = services.revoke_run(self.run, actor=current_user(request), reason=request.POST.get("reason", ""))
        if revoked:
            messages.success(request, _("%(count)d labels have been revoked.") % {"count": revoked})
        else:
            messages.info(request, _("Every label of this issue was already revoked."))

    def back_url(self) -> str:
        return run_url(self.run)


class LabelListView(ListPage):
    """Find a label by its code (or part of it), or list a batch's or an issue's labels."""

    allowed_roles = STAFF_OR_ARTISAN
    filterset_class = LabelFilterSet
    template_name = "certification/label_list.html"
    export_name = "kode-label"
    export_columns = (
        gettext_lazy("Code"), gettext_lazy("Status"), gettext_lazy("Position on the sheet"), gettext_lazy("Batch"),
        gettext_lazy("Product"), gettext_lazy("Enterprise"), gettext_lazy("Certificate"),
        gettext_lazy("Times checked"), gettext_lazy("Revoked at"), gettext_lazy("Reason for revoking"),
        gettext_lazy("Passport"),
    )  # fmt: skip

    def searched(self) -> bool:
        return any(self.request.GET.get(name) for name in ("code", "batch", "run"))

    def base_queryset(self) -> QuerySet[Label]:
        if not self.searched():  # the page lists nothing until a code is typed: nothing to page or export
            return Label.objects.none()
        return (
            Label.objects.for_user(self.request.user)
            .select_related("run__certification", "batch__product", "batch__enterprise")
            .order_by("-run__created_at", "-run_id", "position")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["searched"] = self.searched()
        return context

    def export_row(self, label: Label) -> Sequence[Any]:
        return [
            label.display_code, label.get_status_display(), label.position, label.batch.code,
            label.batch.product.name, label.batch.enterprise.name, label.run.certification or "", label.checks_count,
            label.revoked_at, label.revoked_reason, services.label_url(label.code),
        ]  # fmt: skip


class LabelRevokeView(ServiceActionView):
    """Withdraw one label, with the reason: its passport says so from now on."""

    allowed_roles = STAFF_ONLY

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.label = get_object_or_404(Label.objects.for_user(request.user), pk=kwargs["pk"])

    def act(self, request: HttpRequest) -> None:
        services.revoke_label(self.label, actor=current_user(request), reason=request.POST.get("reason", ""))
        messages.success(request, _("Label %(code)s has been revoked.") % {"code": self.label.display_code})

    def back_url(self) -> str:
        back = self.request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            return back
        return f"{reverse('certification:label-list')}?code={self.label.code}"


class LabelChecksView(RoleRequiredMixin, TemplateView):
    """How often buyers checked the labels' passports, by month and by the country of their browser's language,
    and the labels checked from the most countries (a copied label travels further than the piece it was made for).
    Staff see their area's, narrowed to one enterprise if they like; an artisan their own enterprise's."""

    allowed_roles = STAFF_OR_ARTISAN
    template_name = "certification/label_checks.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = LabelChecksForm(self.request.GET or None, enterprises=visible_enterprises(self.request))
        enterprise = form.cleaned_data["enterprise"] if form.is_valid() else None
        checks = LabelCheck.objects.filter(label__in=Label.objects.for_user(user))
        if enterprise is not None:
            checks = checks.filter(label__batch__enterprise=enterprise)
        totals = checks.aggregate(total=Sum("count", default=0), labels=Count("label", distinct=True))
        months: list[dict[str, Any]] = [
            dict(row)
            for row in checks.annotate(month=TruncMonth("day"))
            .values("month")
            .annotate(total=Sum("count"))
            .order_by("-month")[:CHECK_MONTHS]
        ]
        countries: list[dict[str, Any]] = [
            dict(row)
            for row in checks.values("country")
            .annotate(total=Sum("count"))
            .order_by("-total", "country")[:CHECK_COUNTRIES]
        ]
        watched: list[dict[str, Any]] = [
            dict(row)
            for row in checks.values("label", "label__code", "label__status", "label__batch__code", "label__run_id")
            .annotate(countries=Count("country", distinct=True), total=Sum("count"))
            .order_by("-countries", "-total", "label")[:WATCHED_LABELS]
        ]
        for row in watched:
            row["display_code"] = Label(code=row["label__code"]).display_code
        for rows in (months, countries):
            top = max((row["total"] for row in rows), default=0)
            for row in rows:
                row["share"] = round(100 * row["total"] / top) if top else 0
        context.update(
            is_staff=role_of(user) == STAFF,
            form=form,
            enterprise=enterprise,
            total=totals["total"],
            labels_checked=totals["labels"],
            months=months,
            countries=countries,
            watched=watched,
        )
        return context
