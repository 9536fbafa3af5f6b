"""The export desk's rows still to confirm: HS lines and proof-of-origin rules no source has confirmed yet."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from canting.core.unconfirmed import Unconfirmed
from canting.trade.models import HsCode, OriginRule, ProductRule


def unconfirmed_reference() -> list[Unconfirmed]:
    rows = [
        Unconfirmed(
            topic=_("HS codes"),
            row=f"{hs.code} {hs.description}",
            doubt=_("The HS line is not confirmed by a source: the desk and the documents say so."),
            source=hs.source,
            url=reverse("trade:hs-edit", args=[hs.pk]),
        )
        for hs in HsCode.objects.filter(confirmed=False).order_by("code")
    ]
    rows += [
        Unconfirmed(
            topic=_("National tariff lines (BTKI 2022)"),
            row=f"{hs.national_code} ({hs.code} {hs.description})",
            doubt=_("The 8-digit line is not confirmed by a source: the documents print it marked unconfirmed."),
            source=hs.source,
            url=reverse("trade:hs-edit", args=[hs.pk]),
        )
        for hs in HsCode.objects.exclude(national_code="").filter(national_confirmed=False).order_by("code")
    ]
    rows += [
        Unconfirmed(
            topic=_("Proof of origin"),
            row=f"{rule.get_country_display() or _('every other destination')} · {rule.document}",
            doubt=_("The rule is not confirmed: it grants no preference until it is."),
            source=rule.source,
            url=reverse("trade:origin-edit", args=[rule.pk]),
        )
        for rule in OriginRule.objects.filter(confirmed=False).order_by("country", "position")
    ]
    rows += [
        Unconfirmed(
            topic=_("Product-specific origin rules"),
            row=f"{rule.scheme} {rule.heading}",
            doubt=_("The rule's wording is not yet verified against its source: lines that rely on it say so."),
            source=rule.source,
        )
        for rule in ProductRule.objects.filter(confirmed=False).order_by("scheme", "heading")
    ]
    return rows
