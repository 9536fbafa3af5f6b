"""Authenticity inspections: is a piece the batik it is declared to be, or printed cloth sold as batik?

The checklist is the set of observable signs of batik that SNI 0239:2019 describes. Colour that goes through to
the back decides for every batik technique (print leaves the back pale); the hand's irregularities decide for
batik tulis, whose commonest fraud is print finished with a little canting.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canting.certification.querysets import InspectionQuerySet
from canting.core.models import TimeStamped
from canting.registry.models import Technique


@dataclass(frozen=True)
class Sign:
    code: str
    text: Promise
    decisive_for: tuple[str, ...] = ()


BATIK = (Technique.TULIS.value, Technique.CAP.value, Technique.KOMBINASI.value)
SIGNS: tuple[Sign, ...] = (
    Sign("colour_through", _("Colour goes through to the back almost as strongly as on the front."), BATIK),
    Sign("wax_smell", _("The cloth smells of wax (malam).")),
    Sign("colour_seeps", _("Colour has seeped in where the wax was thin, at cracks and along wax edges.")),
    Sign("crackle", _("Crackle lines (remukan) run irregularly.")),
    Sign("strokes_vary", _("Wax strokes differ across lines, repeats and joins."), (Technique.TULIS.value,)),
    Sign("fillings_vary", _("The size, spacing and shape of the fillings (isen) vary."), (Technique.TULIS.value,)),
    Sign("back_differs", _("The wax marks on the back are not identical to those on the front.")),
    Sign("repeat_irregular", _("Repeats of the motif are not exactly identical.")),
)
SIGN_CODES = tuple(sign.code for sign in SIGNS)


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNCLEAR = "unclear", _("Cannot tell")


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Declared technique confirmed")
    SUSPECTED = "suspected", _("Suspected imitation")


class Resolution(models.TextChoices):
    CLEARED = "cleared", _("Cleared: the piece is the declared batik")
    RECLASSIFIED = "reclassified", _("Reclassified as tiruan (not batik)")
    WITHDRAWN = "withdrawn", _("Withdrawn from sale by the enterprise")


def outcome_of(technique: str, answers: dict[str, str]) -> str:
    """Suspected when a sign that decides for the declared technique is absent, or when half the signs are."""
    missing = [code for code in SIGN_CODES if answers.get(code) == Answer.NO]
    decisive = [s.code for s in SIGNS if technique in s.decisive_for and answers.get(s.code) == Answer.NO]
    if decisive or len(missing) * 2 >= len(SIGN_CODES):
        return Outcome.SUSPECTED
    return Outcome.CONFIRMED


class Inspection(TimeStamped):
    """Staff's look at a product (and batch): the checklist, the outcome, and how a suspicion was settled."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="inspections"
    )
    batch = models.ForeignKey(
        "certification.Batch",
        verbose_name=_("batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
    )
    inspected_on = models.DateField(_("inspected on"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    declared_technique = models.CharField(
        _("declared technique"), max_length=12, choices=Technique.choices, editable=False
    )
    answers: models.JSONField[dict[str, str]] = models.JSONField(_("answers"), default=dict)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, editable=False, db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=12, choices=Resolution.choices, blank=True, editable=False
    )
    resolution_note = models.TextField(_("resolution note"), blank=True, editable=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, editable=False)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("authenticity inspection")
        verbose_name_plural = _("authenticity inspections")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.product} · {self.inspected_on}"

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.SUSPECTED and not self.resolution
