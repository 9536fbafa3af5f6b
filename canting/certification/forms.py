"""Forms for quality and certification's working pages. They read what a person types; services decide."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canting.catalogue.models import Product
from canting.certification.models import (
    BATIKMARK_SCHEMES,
    SIGNS,
    Answer,
    Batch,
    Certification,
    DyeClass,
    Laboratory,
    Parameter,
    Resolution,
    Standard,
    TestReport,
    TestResult,
)
from canting.certification.services.reports import MAX_DOCUMENT_BYTES, result_key
from canting.core.forms import (
    NumberField,
    ServiceModelForm,
    StyledForm,
    WholeNumberField,
    label_languages,
    style_widgets,
)
from canting.registry.choosers import EnterpriseChoiceField
from canting.registry.models import Enterprise, Technique

# --- standards, batches, test reports and inspections ----------------------------------------------------------
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeasureField(NumberField):
    """A measured value or a limit, read like every number (3,5 on an Indonesian page, 3.5 on an English one)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 3)
        super().__init__(**kwargs)


class StandardForm(ServiceModelForm):
    class Meta:
        model = Standard
        fields = ["code", "title", "edition", "source", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        pass  # the service validates the whole standard


class ParameterForm(ServiceModelForm):
    limit = MeasureField(label=_("Limit"))
    upper_limit = MeasureField(label=_("Upper limit"), required=False, help_text=_("Only for 'between'."))
    techniques = forms.MultipleChoiceField(
        label=_("Techniques"),
        choices=Technique.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Leave every box empty when the parameter applies to every technique."),
    )

    class Meta:
        model = Parameter
        fields = [
            "name_ind", "name_en", "unit", "test_method", "comparator", "limit", "upper_limit", "techniques",
            "limit_checked", "position",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ind"].required = True
        self.fields["name_en"].help_text = _(
            "Shown to buyers reading the passport in English; without it they read the Indonesian name."
        )
        label_languages(self)
        style_widgets(self)

    def _post_clean(self) -> None:
        pass  # the service validates the parameter against its standard


class LaboratoryForm(ServiceModelForm):
    class Meta:
        model = Laboratory
        fields = ["name", "short_name", "city", "accreditation"]

    def _post_clean(self) -> None:
        pass


class BatchForm(ServiceModelForm):
    """A production run. The product is chosen when the batch is recorded and stays with it afterwards."""

    dye_classes = forms.MultipleChoiceField(
        label=_("Dye classes"),
        choices=DyeClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Batch
        fields = [
            "product", "code", "quantity", "started_on", "finished_on", "fabric_lot", "dye_classes", "dyes",
            "naphthol_salt", "mordant", "notes",
        ]  # fmt: skip
        widgets = {"started_on": DATE_INPUT, "finished_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, products: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if products is None:
            del self.fields["product"]
        else:
            field = self.fields["product"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = products
            field.label_from_instance = lambda obj: f"{obj.name} · {obj.sku}"  # type: ignore[method-assign]
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"

    def _post_clean(self) -> None:
        pass

    def batch_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data_for_model().items() if k != "product"}


class TestReportForm(ServiceModelForm):
    """A laboratory's report as it arrived: its number, dates and PDF. Results are entered on their own page."""

    class Meta:
        model = TestReport
        fields = [
            "product", "batch", "laboratory", "number", "sampled_on", "sampled_by", "received_on", "issued_on",
            "document", "notes",
        ]  # fmt: skip
        widgets = {
            "sampled_on": DATE_INPUT,
            "received_on": DATE_INPUT,
            "issued_on": DATE_INPUT,
            "document": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document": _("The PDF the laboratory issued, at most 10 MB.")}

    def __init__(
        self, *args: Any, products: QuerySet[Any] | None = None, batches: QuerySet[Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        product = self.fields["product"]
        batch = self.fields["batch"]
        assert isinstance(product, forms.ModelChoiceField) and isinstance(batch, forms.ModelChoiceField)
        if products is not None:
            product.queryset = products
        product.label_from_instance = lambda obj: f"{obj.name} · {obj.sku} · {obj.enterprise.name}"  # type: ignore[method-assign]
        if batches is not None:
            batch.queryset = batches
        batch.label_from_instance = lambda obj: f"{obj.code} · {obj.product.name}"  # type: ignore[method-assign]
        batch.help_text = _("Optional: the batch the sample was taken from, of the same product.")
        laboratory = self.fields["laboratory"]
        assert isinstance(laboratory, forms.ModelChoiceField)
        laboratory.queryset = Laboratory.objects.order_by("name")

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        size = getattr(upload, "size", None)
        if upload and hasattr(upload, "content_type") and size is not None and size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The laboratory's PDF may be at most 10 MB."), code="document_too_large")
        return upload

    def _post_clean(self) -> None:
        pass


class ResultsForm(StyledForm):
    """One measured value per parameter; an emptied value removes that parameter's result."""

    def __init__(
        self, *args: Any, parameters: Iterable[Parameter], results: dict[Any, TestResult], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parameters = list(parameters)
        for parameter in self.parameters:
            result = results.get(parameter.pk)
            field = MeasureField(
                label=parameter.name,
                required=False,
                initial=result.value if result is not None else None,
                help_text=parameter.limit_text,
            )
            field.widget.attrs["aria-describedby"] = f"limit-{parameter.pk}"
            self.fields[result_key(parameter)] = field
        style_widgets(self)

    def values(self) -> dict[Parameter, Decimal | None]:
        return {p: self.cleaned_data.get(result_key(p)) for p in self.parameters}


class OverrideForm(StyledForm):
    CLEAR = "clear"
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[("pass", _("Pass")), ("fail", _("Fail")), (CLEAR, _("Clear the staff verdict"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Why the verdict is set by hand, e.g. the laboratory's own conclusion or a retest."),
    )

    def chosen_verdict(self) -> str:
        verdict: str = self.cleaned_data["verdict"]
        return "" if verdict == self.CLEAR else verdict


SIGN_PREFIX = "sign_"


class InspectionForm(StyledForm):
    """The checklist of the signs of batik, answered yes / no / cannot tell, with the date and what was seen."""

    inspected_on = forms.DateField(label=_("Inspected on"), widget=DATE_INPUT)
    batch = forms.ModelChoiceField(label=_("Batch"), queryset=Batch.objects.none(), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, batches: QuerySet[Batch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        signs: dict[str, forms.Field] = {
            f"{SIGN_PREFIX}{sign.code}": forms.ChoiceField(
                label=str(sign.text),
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this sign (choose cannot tell when unsure).")},
            )
            for sign in SIGNS
        }
        self.fields = {**signs, **self.fields}
        batch = self.fields["batch"]
        assert isinstance(batch, forms.ModelChoiceField)
        batch.queryset = batches
        batch.label_from_instance = lambda obj: f"{obj.code} · {obj.started_on:%d-%m-%Y}"  # type: ignore[method-assign]
        self.fields["inspected_on"].initial = timezone.localdate()

    def sign_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(SIGN_PREFIX)]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(SIGN_PREFIX)]

    def inspection_data(self) -> dict[str, Any]:
        answers = {
            re.sub(f"^{SIGN_PREFIX}", "", name): value
            for name, value in self.cleaned_data.items()
            if name.startswith(SIGN_PREFIX)
        }
        return {
            "answers": answers,
            "batch": self.cleaned_data.get("batch"),
            "inspected_on": self.cleaned_data["inspected_on"],
            "notes": self.cleaned_data.get("notes", ""),
        }


class ResolveForm(StyledForm):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=Resolution.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What was found and decided, e.g. the result of a second look or the enterprise's answer."),
    )


# --- certifications --------------------------------------------------------------------------------------------
SCAN_ACCEPT = "application/pdf,.pdf,image/jpeg,image/png,image/webp"


def product_label(product: Product) -> str:
    return f"{product.name} · {product.sku} · {product.get_technique_display()}"


def report_label(report: TestReport) -> str:
    return f"{report.number} · {report.laboratory} · {report.product.name} · {report.get_verdict_display()}"


class CertificationForm(ServiceModelForm):
    """A certificate as it is printed. The enterprise is chosen when it is recorded; products and reports are
    limited to that enterprise's."""

    enterprise = EnterpriseChoiceField(Enterprise.objects.none(), label=_("Enterprise"))
    products: forms.ModelMultipleChoiceField[Product] = forms.ModelMultipleChoiceField(
        label=_("Products covered"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty when the certificate covers the whole enterprise."),
    )
    test_reports: forms.ModelMultipleChoiceField[TestReport] = forms.ModelMultipleChoiceField(
        label=_("Test reports it relies on"),
        queryset=TestReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Certification
        fields = ["scheme", "title", "number", "issuer", "issued_on", "expires_on", "document", "notes"]
        widgets = {
            "issued_on": DATE_INPUT,
            "expires_on": DATE_INPUT,
            "document": forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"document": _("A PDF or a photo of the certificate, at most 10 MB.")}

    field_order = [
        "enterprise", "scheme", "title", "number", "issuer", "issued_on", "expires_on", "products", "test_reports",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enterprise: Enterprise | None = None
        if self.instance.pk:
            del self.fields["enterprise"]
            enterprise = self.instance.enterprise
            self.initial.setdefault("products", list(self.instance.products.values_list("pk", flat=True)))
            self.initial.setdefault("test_reports", list(self.instance.test_reports.values_list("pk", flat=True)))
        else:
            field = self.fields["enterprise"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Enterprise.objects.for_user(user).registered().order_by("name")
            chosen = self.data.get("enterprise") if self.is_bound else self.initial.get("enterprise")
            if chosen and str(chosen).isdigit():
                enterprise = field.queryset.filter(pk=chosen).first()
            field.widget.attrs.update(
                {
                    "hx-get": reverse("certification:certification-create"),
                    "hx-trigger": "change",
                    "hx-target": "#coverage",
                    "hx-select": "#coverage",
                    "hx-swap": "outerHTML",
                    "hx-include": "this",
                }
            )
        products = self.fields["products"]
        reports = self.fields["test_reports"]
        assert isinstance(products, forms.ModelMultipleChoiceField)
        assert isinstance(reports, forms.ModelMultipleChoiceField)
        if enterprise is not None:
            products.queryset = Product.objects.filter(enterprise=enterprise).order_by("name", "pk")
            reports.queryset = (
                TestReport.objects.filter(enterprise=enterprise)
                .select_related("product", "laboratory")
                .order_by("-issued_on", "-pk")
            )
        products.widget.attrs["class"] = reports.widget.attrs["class"] = "form-check-input"
        products.label_from_instance = product_label  # type: ignore[method-assign,assignment]
        reports.label_from_instance = report_label  # type: ignore[method-assign,assignment]
        self.coverage_enterprise = enterprise
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = _(
            "As printed on the certificate. Left empty, it is 3 years after issue for Batikmark and 12 months "
            "for OEKO-TEX."
        )
        self.fields["number"].widget.attrs["autocomplete"] = "off"

    def _post_clean(self) -> None:
        pass  # the service validates the certificate and what it covers


class LabelChecksForm(forms.Form):
    """The checks page narrowed to one enterprise of those the reader may see (``enterprises``)."""

    enterprise = EnterpriseChoiceField(
        Enterprise.objects.none(), label=_("Enterprise"), required=False, empty_label=_("Every enterprise of my area")
    )

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]


class CertificationStatusForm(StyledForm):
    """Suspend, revoke or reactivate a certificate; the reason is required and kept with it."""

    status = forms.ChoiceField(label=_("Change"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Shown on the certificate's page and kept in its history."),
    )

    CHOICES = {
        "suspended": _("Suspend"),
        "revoked": _("Revoke"),
        "active": _("Reactivate"),
    }
    # What each current status may change to.
    NEXT = {"active": ("suspended", "revoked"), "suspended": ("active", "revoked")}

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(value, self.CHOICES[value]) for value in self.NEXT.get(current, ())]
        status.widget.attrs["class"] = "form-check-input"


# --- serial labels ---------------------------------------------------------------------------------------------
class BatchChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Batch) -> str:
        return f"{obj.code} · {obj.product.name} · {obj.enterprise.name}"


class LabelRunForm(StyledForm):
    """A run of serial labels: the batch, how many, and the certificate to print (valid ones of the batch's
    enterprise). The service checks the count and the certificate."""

    batch = BatchChoiceField(label=_("Batch"), queryset=Batch.objects.none())
    count = WholeNumberField(
        label=_("Number of labels"),
        help_text=_("From 1 to 5,000; a sheet holds 24."),
    )
    certification = forms.ModelChoiceField(
        label=_("Certificate printed on the labels"),
        queryset=Certification.objects.none(),
        required=False,
        empty_label=_("None: the labels say “not certified”"),
        help_text=_("Only certificates valid today of the batch's enterprise."),
    )
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        batch = self.fields["batch"]
        assert isinstance(batch, forms.ModelChoiceField)
        batch.queryset = (
            Batch.objects.for_user(user)
            .exclude(product__technique=Technique.TIRUAN)
            .select_related("product", "enterprise")
            .order_by("-started_on", "-pk")
        )
        batch.widget.attrs.update(
            {
                "hx-get": "",
                "hx-trigger": "change",
                "hx-target": "#certificate-choice",
                "hx-select": "#certificate-choice",
                "hx-swap": "outerHTML",
                "hx-include": "this",
            }
        )
        chosen = self.data.get("batch") if self.is_bound else self.initial.get("batch")
        chosen_batch = batch.queryset.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else None
        # The choices offered are the certificates that may be printed for the chosen batch: valid today, of its
        # enterprise, covering its product, and for a Batikmark the one of its technique. Any certificate the user
        # may see is accepted here, so that the service explains why another one cannot be printed.
        certification = self.fields["certification"]
        assert isinstance(certification, forms.ModelChoiceField)
        visible = Certification.objects.for_user(user)
        certification.queryset = visible
        offered = visible.none()
        if chosen_batch is not None:
            product = chosen_batch.product
            names_any = Certification.products.through.objects.filter(certification=OuterRef("pk"))
            other_batikmarks = [s for s in BATIKMARK_SCHEMES.values() if s != BATIKMARK_SCHEMES.get(product.technique)]
            offered = (
                visible.valid()
                .filter(enterprise=chosen_batch.enterprise_id)
                .filter(Q(products=product) | ~Exists(names_any))
                .exclude(scheme__in=other_batikmarks)
                .distinct()
                .order_by("-issued_on", "-pk")
            )
        until = _("valid until")
        certification.widget.choices = [
            ("", certification.empty_label),
            *((c.pk, f"{c.number} · {c.get_scheme_display()} · {until} {c.expires_on:%d-%m-%Y}") for c in offered),
        ]
        self.chosen_batch = chosen_batch
