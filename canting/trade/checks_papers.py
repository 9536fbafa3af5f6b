"""Checks of what the invoice and the packing list say: who signs them, where the buyer pays, the transport
document of a shipped order, and line descriptions fit for customs (fibre content, technique and article)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from canting.trade.findings import ERROR, WARNING, Finding, edit_url
from canting.trade.models import ExportOrder, ExportProfile, OrderLine, OrderStatus

# Payment terms under which the buyer pays through a bank, so the invoice must say where: telegraphic transfer,
# wire or bank transfer, letters of credit and documentary collections (D/P, D/A).
BANK_TERMS = re.compile(
    r"\bT\s*/?\s*T\b|\btransfer\b|\btelegraphic\b|\bwire\b|\bL\s*/\s*C\b|\bLC\b|letter of credit|\bD\s*/\s*[PA]\b"
    r"|\bSWIFT\b|\bbank\b|\bremittance\b",
    re.IGNORECASE,
)
FIBRE_WORDS = re.compile(
    r"\b(cotton|katun|kapas|silk|sutra|sutera|rayon|viscose|viskosa|polyester|poliester|nylon|linen|wool|acrylic"
    r"|elastane|spandex|hemp|ramie)\b",
    re.IGNORECASE,
)
TECHNIQUE_WORDS = re.compile(
    r"\b(batik|tulis|cap|hand[- ]drawn|hand[- ]stamped|stamped|printed|print|painted|woven|embroidered|ikat"
    r"|jumputan|tie[- ]dyed)\b",
    re.IGNORECASE,
)
ARTICLE_WORDS = re.compile(
    r"\b(cloth|fabric|kain|panjang|sarong|sarung|selendang|shawl|scarf|scarves|stole|shirt|kemeja|blouse|dress"
    r"|tablecloth|table ?cloth|table runner|runner|napkins?|placemats?|cushion covers?|pillow ?cases?|wall hangings?"
    r"|bags?|handbags?|pouch|painting|masks?|ties?|skirt|trousers|jacket|outer|tunic)\b",
    re.IGNORECASE,
)


def _profile(order: ExportOrder) -> ExportProfile | None:
    return ExportProfile.objects.filter(enterprise_id=order.enterprise_id).first()


def _profile_url(order: ExportOrder) -> str:
    return reverse("trade:profile", args=[order.enterprise_id])


def check_signatory(order: ExportOrder) -> Iterable[Finding]:
    profile = _profile(order)
    missing = [
        label
        for label, value in (
            (_("the name of the signatory"), profile.signatory if profile else ""),
            (_("the signatory's position"), profile.signatory_title if profile else ""),
        )
        if not value.strip()
    ]
    if missing:
        message = _(
            "The export profile lacks %(missing)s: the commercial invoice ends with a declaration signed by a named "
            "person in a stated position, and customs or the buyer's bank may refuse an unsigned one."
        ) % {"missing": _(" and ").join(missing)}
        fix = _("Enter who signs the documents and their position in the export profile.")
        yield Finding("signatory_missing", ERROR, message, fix, _profile_url(order))


def check_bank_details(order: ExportOrder) -> Iterable[Finding]:
    terms = order.payment_terms.strip()
    if not terms:
        message = _("The order has no payment terms: the invoice states how and when the buyer pays.")
        fix = _('Enter the payment terms, e.g. "100% T/T before shipment".')
        yield Finding("payment_terms_missing", WARNING, message, fix, edit_url(order.pk))
        return
    if not BANK_TERMS.search(terms):
        return
    profile = _profile(order)
    if profile is None or not profile.bank_details.strip():
        message = _(
            'The payment terms ("%(terms)s") have the buyer pay through a bank, but the export profile has no bank '
            "details: the invoice would not say where to pay."
        ) % {"terms": terms}
        fix = _("Enter the bank, account number, account name and SWIFT code in the export profile.")
        yield Finding("bank_details_missing", ERROR, message, fix, _profile_url(order))


def check_shipment_papers(order: ExportOrder) -> Iterable[Finding]:
    if order.status not in (OrderStatus.SHIPPED, OrderStatus.PAID):
        return
    if not order.transport_document.strip():
        message = _(
            "The order has shipped but the number of its bill of lading or air waybill is not recorded: the invoice "
            "and the packing list must agree with the transport document."
        )
        fix = _("Enter the transport document number on the order.")
        yield Finding("transport_document_missing", WARNING, message, fix, edit_url(order.pk))
    if order.shipped_on is None:
        message = _("The order has shipped but its shipment date is not recorded.")
        yield Finding("shipment_date_missing", WARNING, message, _("Enter the day the goods shipped."))


def _vague_parts(description: str) -> list[str]:
    parts = [
        (_("the fibre content"), FIBRE_WORDS),
        (_("the technique"), TECHNIQUE_WORDS),
        (_("the article"), ARTICLE_WORDS),
    ]
    return [label for label, words in parts if not words.search(description)]


def check_line_papers(order: ExportOrder) -> Iterable[Finding]:
    url = edit_url(order.pk, "trade:order-lines")
    for line in OrderLine.objects.filter(order=order).order_by("position", "id"):
        if line.net_weight <= 0:
            message = _(
                "Line %(position)s has no net weight: the invoice and the packing list give each line's net weight."
            ) % {"position": line.position}
            yield Finding("line_net_weight_missing", ERROR, message, _("Enter the line's net weight."), url)
        missing = _vague_parts(line.description)
        if missing:
            message = _(
                'Line %(position)s ("%(description)s") does not name %(missing)s: customs reads the description '
                "against the HS code, and a generic one (such as “home textile”) invites a query or a "
                "different classification."
            ) % {"position": line.position, "description": line.description, "missing": _(", ").join(missing)}
            # xgettext:no-python-format
            fix = _('Describe it plainly, e.g. "100% cotton, hand-drawn batik tulis, table cloth 150 x 220 cm".')
            yield Finding("description_vague", WARNING, message, fix, url)


PAPER_CHECKS = (check_signatory, check_bank_details, check_shipment_papers, check_line_papers)
