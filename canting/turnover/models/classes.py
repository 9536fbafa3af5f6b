"""Business classes as data: each scheme is a regulation's table of classes, and each enterprise has a history."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from canting.core.models import TimeStamped, user_link
from canting.turnover.querysets import ClassRecordQuerySet


class SchemeBasis(models.TextChoices):
    SALES = "sales", _("Annual sales or business capital (micro, small and medium enterprises)")
    INDUSTRY = "industry", _("Workers and investment (small and medium industry)")


class ClassScheme(TimeStamped):
    """One regulation's classes, e.g. PP 7/2021 (by annual sales) or Permenperin 64/M-IND/PER/7/2016 (workers
    and investment). Thresholds change with new regulations, so an edition is recorded and a new one added as a
    new scheme; only active schemes class enterprises."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    basis = models.CharField(_("basis"), max_length=10, choices=SchemeBasis.choices)
    regulation = models.CharField(_("regulation"), max_length=200, help_text=_("e.g. PP 7/2021, article 35"))
    edition = models.CharField(_("edition"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    effective_from = models.DateField(_("in force from"))
    active = models.BooleanField(_("active"), default=True)
    min_months = models.PositiveSmallIntegerField(
        _("fewest months of sales"),
        default=0,
        validators=[MaxValueValidator(12)],
        help_text=_(
            "The office's rule, not the regulation's: accepted monthly reports in the last 12 months needed before "
            "annual sales may set or change a class. Fewer are not annualised into a class: one Lebaran month "
            "would count as a whole year."
        ),
    )

    class Meta:
        verbose_name = _("class scheme")
        verbose_name_plural = _("class schemes")
        ordering = ["basis", "-effective_from", "code"]

    def __str__(self) -> str:
        return self.name


class BusinessClass(models.TextChoices):
    MIKRO = "mikro", _("Micro (mikro)")
    KECIL = "kecil", _("Small (kecil)")
    MENENGAH = "menengah", _("Medium (menengah)")
    BESAR = "besar", _("Large (besar)")


# Order of the classes: a move to a higher rank is "naik kelas".
CLASS_RANK = {BusinessClass.MIKRO: 1, BusinessClass.KECIL: 2, BusinessClass.MENENGAH: 3, BusinessClass.BESAR: 4}


class Measure(models.TextChoices):
    ANNUAL_SALES = "annual_sales", _("annual sales (Rp)")
    CAPITAL = "capital", _("business capital excluding land and buildings (Rp)")
    WORKERS = "workers", _("workers")
    INVESTMENT = "investment", _("investment (Rp)")


class Comparator(models.TextChoices):
    LTE = "lte", _("at most")
    LT = "lt", _("below")
    GTE = "gte", _("at least")
    GT = "gt", _("more than")


class ClassCondition(models.Model):
    """One condition of a class in a scheme: ``measure comparator value``.

    Conditions with the same ``group`` must all hold; a class holds when any of its groups holds. The classes are
    tried from the lowest rank up and the first that holds is the enterprise's class.
    """

    scheme = models.ForeignKey(
        ClassScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="conditions"
    )
    business_class = models.CharField(_("class"), max_length=10, choices=BusinessClass.choices)
    group = models.PositiveSmallIntegerField(_("group"), default=1)
    measure = models.CharField(_("measure"), max_length=15, choices=Measure.choices)
    comparator = models.CharField(_("comparator"), max_length=3, choices=Comparator.choices)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=0)

    class Meta:
        verbose_name = _("class condition")
        verbose_name_plural = _("class conditions")
        ordering = ["scheme", "business_class", "group", "measure", "id"]

    def __str__(self) -> str:
        rule = f"{self.get_measure_display()} {self.get_comparator_display()} {self.value}"
        return f"{self.get_business_class_display()}: {rule}"


class ClassRecord(models.Model):
    """An enterprise's class under one scheme as assessed on a day, with the figures it was assessed from.

    The newest record per enterprise and scheme is ``current``; a record whose class ranks above the one before it
    is a "naik kelas" event.
    """

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="class_records"
    )
    scheme = models.ForeignKey(ClassScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="records")
    business_class = models.CharField(_("class"), max_length=10, choices=BusinessClass.choices)
    previous_class = models.CharField(_("previous class"), max_length=10, choices=BusinessClass.choices, blank=True)
    moved_up = models.BooleanField(_("moved up a class"), default=False, db_index=True)
    current = models.BooleanField(_("current"), default=True)
    assessed_on = models.DateField(_("assessed on"))
    period_end = models.DateField(
        _("figures up to"), null=True, blank=True, help_text=_("The last month of accepted reports counted.")
    )
    months_counted = models.PositiveSmallIntegerField(_("months counted"), default=0)
    annual_sales = models.DecimalField(_("annual sales (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True)
    workers = models.PositiveIntegerField(_("workers"), null=True, blank=True)
    investment = models.DecimalField(_("investment (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True)
    assessed_by = user_link(_("assessed by"))

    objects = ClassRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("class record")
        verbose_name_plural = _("class records")
        ordering = ["enterprise", "scheme", "-assessed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "scheme"], condition=models.Q(current=True), name="turnover_class_one_current"
            )
        ]
        indexes = [models.Index(fields=["scheme", "current", "business_class"], name="turnover_class_current")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.scheme_id} · {self.business_class}"
