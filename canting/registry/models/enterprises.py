"""Centres (sentra) and the small batik enterprises (IKM) registered in them."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.models import Area, TimeStamped
from canting.registry.querysets import CentreQuerySet, EnterpriseQuerySet
from canting.registry.validators import validate_kbli, validate_nib, validate_npwp, validate_phone


def default_kbli() -> list[str]:
    return ["13134"]


class Centre(TimeStamped):
    """A Sentra IKM: a shared production centre run by a city or regency office."""

    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=255)
    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+", limit_choices_to={"level": 4}
    )
    managing_office = models.CharField(_("managing office"), max_length=200)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalForm(models.TextChoices):
    INDIVIDUAL = "perorangan", _("Sole proprietor (perorangan / UD)")
    PT_INDIVIDUAL = "pt_perorangan", _("Individual limited company (PT perorangan)")
    CV = "cv", _("Limited partnership (CV)")
    PT = "pt", _("Limited company (PT)")
    COOPERATIVE = "koperasi", _("Cooperative (koperasi)")
    OTHER = "other", _("Other")


class EnterpriseStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class Technique(models.TextChoices):
    """How the cloth is made. Only wax-resist techniques are batik; tiruan (printed imitation) is not."""

    TULIS = "tulis", _("Batik tulis (hand-drawn)")
    CAP = "cap", _("Batik cap (stamped)")
    KOMBINASI = "kombinasi", _("Batik kombinasi (tulis and cap)")
    TIRUAN = "tiruan", _("Tiruan: printed imitation, not batik")


class Enterprise(TimeStamped):
    """An IKM: a small batik enterprise, the unit the programme helps to move up a business class."""

    name = models.CharField(_("name"), max_length=150)
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nib],
        help_text=_("Business identity number from OSS: 13 digits."),
        error_messages={"unique": _("Another enterprise is already registered with this NIB.")},
    )
    npwp = models.CharField(
        _("NPWP"), max_length=16, blank=True, validators=[validate_npwp], help_text=_("Tax number: 15 or 16 digits.")
    )
    kbli_codes: models.JSONField[list[str]] = models.JSONField(
        _("KBLI codes"),
        default=default_kbli,
        validators=[validate_kbli],
        help_text=_("Business classification codes; 13134 is batik."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.INDIVIDUAL
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    address = models.CharField(_("address"), max_length=255)
    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+", limit_choices_to={"level": 4}
    )
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), null=True, blank=True, on_delete=models.PROTECT, related_name="enterprises"
    )
    technique_tulis = models.BooleanField(Technique.TULIS.label, default=False)
    technique_cap = models.BooleanField(Technique.CAP.label, default=False)
    technique_kombinasi = models.BooleanField(Technique.KOMBINASI.label, default=False)
    technique_tiruan = models.BooleanField(Technique.TIRUAN.label, default=False)
    # Upper bounds far above any small industry keep typing slips out, and keep the API schema the same on every
    # database (otherwise it would show the backend's integer range).
    monthly_capacity = models.PositiveIntegerField(
        _("monthly production capacity (pieces)"), default=0, validators=[MaxValueValidator(10_000_000)]
    )
    workers_men = models.PositiveIntegerField(_("workers, men"), default=0, validators=[MaxValueValidator(100_000)])
    workers_women = models.PositiveIntegerField(_("workers, women"), default=0, validators=[MaxValueValidator(100_000)])
    investment = models.DecimalField(
        _("investment value (Rp)"),
        max_digits=16,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE, db_index=True
    )
    # The enterprise's business contact, published on the showcase by choice; the owner's own phone stays private.
    contact_phone = models.CharField(
        _("business WhatsApp"),
        max_length=16,
        blank=True,
        validators=[validate_phone],
        help_text=_("Shown to buyers on the public showcase. Leave empty to show no WhatsApp button."),
    )
    contact_email = models.EmailField(
        _("business email"), blank=True, help_text=_("Shown to buyers on the public showcase.")
    )

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "village",
                name="registry_enterprise_unique_name_village",
                violation_error_message=_("An enterprise with this name is already registered in this village."),
            ),
        ]
        indexes = [models.Index(fields=["village", "status"]), models.Index(Lower("name"), name="registry_ent_lname")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:enterprise-detail", args=[self.pk])

    @property
    def techniques(self) -> list[str]:
        return [t.value for t in Technique if getattr(self, f"technique_{t.value}")]

    @property
    def technique_labels(self) -> list[str]:
        return [str(t.label) for t in Technique if getattr(self, f"technique_{t.value}")]

    @property
    def workers_total(self) -> int:
        return self.workers_men + self.workers_women

    @property
    def makes_only_imitation(self) -> bool:
        """True when all it declares is tiruan: such an enterprise makes no batik at all."""
        return self.techniques == [Technique.TIRUAN.value]
