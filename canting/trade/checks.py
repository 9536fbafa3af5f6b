"""The export desk's checks on an order: each finding says what is wrong, why, and what to do.

``run_checks(order)`` returns the findings errors first, each level in a stable order; an ``error`` keeps the
document pack from being written, a ``warning`` is shown beside it. The figures the checks hold an order against
(Incoterms rules, proof-of-origin thresholds, azo-amine limits, the postal weight limit) are reference data read
from the database on the order's shipment day, never constants here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries

from canting.registry.models import Technique
from canting.trade.checks_papers import PAPER_CHECKS
from canting.trade.findings import ERROR, WARNING, Finding
from canting.trade.models import (
    CustomsLimit,
    CustomsRule,
    ExportOrder,
    ExportProfile,
    HsCode,
    MarketNote,
    MarketTopic,
    OrderLine,
    OrderStatus,
    OriginRule,
    Package,
    TransportMode,
)
from canting.trade.origin import Preference, market_notes_for, origin_rules_for, preference_for
from canting.trade.rates import convert


def run_checks(order: Any) -> list[Finding]:
    """Every finding on the order, errors first."""
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(order))
    return [f for f in findings if f.level == ERROR] + [f for f in findings if f.level != ERROR]


def blocking(findings: list[Finding]) -> bool:
    return any(finding.level == ERROR for finding in findings)


# --- reference data as the order sees it -------------------------------------------------------------------------


def shipment_day(order: ExportOrder) -> datetime.date:
    """The day the rules are read for: when it shipped, else when it is planned to, else today."""
    return order.shipped_on or order.estimated_shipment or timezone.localdate()


def origin_rule_of(order: ExportOrder) -> OriginRule | None:
    """The proof of origin the order travels under: the one chosen on the order, else the one the desk suggests for
    the destination on the shipment day (Form B where the country has no rule of its own)."""
    if order.origin_rule_id:
        return order.origin_rule
    rules = origin_rules_for(str(order.buyer.country), shipment_day(order))
    return rules[0] if rules else None


def preference_of(order: ExportOrder, rule: OriginRule | None = None) -> Preference:
    """What the order may claim under its proof of origin on its shipment day, line by line."""
    rule = rule if rule is not None else origin_rule_of(order)
    lines = list(OrderLine.objects.filter(order=order).order_by("position", "id"))
    return preference_for(rule, shipment_day(order), lines)


def azo_note_of(order: ExportOrder) -> MarketNote | None:
    """The destination's strictest azo-amine note holding on the shipment day, if it has one."""
    notes = [
        note
        for note in market_notes_for(str(order.buyer.country), shipment_day(order))
        if note.topic == MarketTopic.AZO and note.azo_limit is not None
    ]
    return min(notes, key=lambda note: note.azo_limit or Decimal(0)) if notes else None


def customs_limit(limit: str, day: datetime.date) -> CustomsRule | None:
    """The customs figure (e.g. the postal route's weight limit) holding on the day."""
    return CustomsRule.objects.holding_on(day).filter(limit=limit).order_by("-valid_from").first()


AMOUNT = ExpressionWrapper(F("quantity") * F("unit_price"), output_field=DecimalField(max_digits=28, decimal_places=4))


def goods_value(order: ExportOrder) -> Decimal:
    """What the goods are worth in the order's currency, freight and insurance left out."""
    total = OrderLine.objects.filter(order=order).aggregate(value=Sum(AMOUNT))["value"]
    return Decimal(total or 0)


def converted(order: ExportOrder, value: Decimal, currency: str) -> Decimal | None:
    """The order's value in another currency, through the rupiah: the order's own rate for its currency, the
    recorded rate for the other. None when the other currency has no rate on record."""
    own = None if order.currency == "IDR" else order.exchange_rate
    return convert(value, order.currency, currency, shipment_day(order), rupiah_rate=own)


def figure(value: Decimal) -> str:
    """A figure as a message prints it, in the reader's language: grouped thousands and no trailing zeros after the
    decimal sign (6,000; 7.2; 16.125 in English, 6.000; 7,2; 16,125 in Indonesian)."""
    places = 0 if value == value.to_integral_value() else len(format(value.normalize(), "f").split(".")[1])
    return number_format(value, decimal_pos=min(places, 3), force_grouping=True)


def _edit_url(order: ExportOrder, name: str = "trade:order-edit") -> str:
    return reverse(name, args=[order.pk])


# --- the checks ---------------------------------------------------------------------------------------------------


def check_sea_only(order: ExportOrder) -> Iterable[Finding]:
    rule = order.incoterm
    wrong_mode = not rule.allows(order.transport)
    wrong_box = order.containerised and not rule.containers
    if not (wrong_mode or wrong_box):
        return
    alternative = rule.alternative
    params = {
        "rule": rule.code,
        "modes": ", ".join(str(TransportMode(m).label).lower() for m in rule.modes if m in TransportMode.values),
        "transport": str(TransportMode(order.transport).label).lower(),
        "edition": rule.edition,
        "alternative": alternative.code if alternative else "",
    }
    if wrong_mode:
        message = (
            _(
                "%(rule)s is for %(modes)s transport only (%(edition)s), but this order goes by %(transport)s: the "
                "goods would be delivered on board a ship that the consignment never uses."
            )
            % params
        )
    else:
        message = (
            _(
                "%(rule)s is not fit for goods in a container (%(edition)s): the container is handed to the carrier "
                "at a terminal before it is loaded on board, so the seller would carry a risk it can no longer control."
            )
            % params
        )
    fix = (
        _("Use %(alternative)s instead: it works for any transport and containers.") % params
        if alternative
        else _("Choose a rule that allows this transport.")
    )
    yield Finding("sea_only", ERROR, message, fix, _edit_url(order))


def _current_class(order: ExportOrder) -> str | None:
    """The enterprise's current class under the sales scheme (PP 7/2021), if one is on record."""
    from canting.turnover.models import ClassRecord, SchemeBasis

    record = (
        ClassRecord.objects.filter(enterprise_id=order.enterprise_id, current=True, scheme__basis=SchemeBasis.SALES)
        .order_by("-assessed_on", "-id")
        .first()
    )
    return record.business_class if record else None


def check_ddp_micro(order: ExportOrder) -> Iterable[Finding]:
    if not order.incoterm.seller_clears_import:
        return
    from canting.turnover.models import BusinessClass

    business_class = _current_class(order)
    why = _(
        "Under %(rule)s the seller clears the goods for import in the buyer's country and pays its duties and taxes: "
        "a foreign registration, a customs agent there and costs known only on arrival."
    ) % {"rule": order.incoterm.code}
    fix = _("Offer DAP instead: the buyer clears import and pays the duties.")
    if business_class == BusinessClass.MIKRO:
        message = _("This enterprise is a micro enterprise (PP 7/2021, by annual sales).") + " " + why
        yield Finding("ddp_micro", WARNING, message, fix, _edit_url(order))
    elif business_class is None:
        message = _("This enterprise's business class is not on record, so the desk cannot tell whether it is micro.")
        yield Finding("ddp_micro", WARNING, message + " " + why, fix, _edit_url(order))


def check_insurance(order: ExportOrder) -> Iterable[Finding]:
    rule = order.incoterm
    if not rule.seller_insures:
        return
    minimum = rule.min_insured_percent or Decimal(0)
    params = {
        "rule": rule.code,
        "minimum": figure(minimum),
        "cover": rule.insurance_cover or "-",
        "insured": figure(order.insured_percent or Decimal(0)),
        "edition": rule.edition,
    }
    if not order.insured_percent or not order.insurance:
        message = (
            _(
                "Under %(rule)s the seller must insure the goods for the buyer (%(edition)s): at least %(minimum)s%% "
                "of their value, with cover of at least %(cover)s. This order has no insurance."
            )
            % params
        )
    elif order.insured_percent < minimum:
        message = (
            _(
                "Under %(rule)s the goods must be insured for at least %(minimum)s%% of their value (%(edition)s), "
                "with cover of at least %(cover)s; this order insures %(insured)s%%."
            )
            % params
        )
    else:
        return
    fix = _("Enter the insurance premium, the insured percentage and the cover (%(cover)s or better).") % params
    yield Finding("insurance", ERROR, message, fix, _edit_url(order))


def rex_threshold_crossed(order: ExportOrder, rule: OriginRule | None) -> bool | None:
    """Whether the order's goods are worth more than the rule's registration threshold: None when that cannot be
    told (no rate on record for the threshold's currency), False when the rule has no threshold."""
    if rule is None or rule.registration_above is None:
        return False
    value = converted(order, goods_value(order), rule.threshold_currency)
    if value is None:
        return None
    return value > rule.registration_above


def check_rex(order: ExportOrder) -> Iterable[Finding]:
    rule = origin_rule_of(order)
    if rule is None or rule.registration_above is None:
        return
    if not rule.confirmed or not rule.holds_on(shipment_day(order)):
        return  # no preference is claimed (check_origin says why), so no REX number is needed
    profile = ExportProfile.objects.filter(enterprise_id=order.enterprise_id).first()
    if profile and profile.rex_number:
        return
    crossed = rex_threshold_crossed(order, rule)
    params = {
        "document": rule.document,
        "threshold": figure(rule.registration_above),
        "currency": rule.threshold_currency,
        "source": rule.source,
    }
    url = reverse("trade:profile", args=[order.enterprise_id])
    if crossed is None:
        message = (
            _(
                "A consignment under %(document)s worth more than %(currency)s %(threshold)s needs the exporter's REX "
                "number (%(source)s), but no %(currency)s exchange rate is on record, so the desk cannot compare this "
                "order with the threshold."
            )
            % params
        )
        fix = _("Record a %(currency)s exchange rate, or register for a REX number.") % params
        yield Finding("rex_needed", WARNING, message, fix, reverse("trade:rate-create"))
    elif crossed:
        value = converted(order, goods_value(order), rule.threshold_currency) or Decimal(0)
        params["value"] = figure(value.quantize(Decimal("0.01")))
        message = (
            _(
                "This consignment is worth about %(currency)s %(value)s: above %(currency)s %(threshold)s the "
                "statement on origin (%(document)s) needs the exporter's REX number (%(source)s), and the enterprise "
                "has none."
            )
            % params
        )
        fix = _("Register for a REX number and enter it in the export profile, or split the consignment.")
        yield Finding("rex_needed", ERROR, message, fix, url)


def check_origin(order: ExportOrder) -> Iterable[Finding]:
    """Warnings, not errors: a consignment without preference still ships; the buyer pays the normal duty."""
    preference = preference_of(order)
    edit, lines_url = _edit_url(order), _edit_url(order, "trade:order-lines")
    if preference.reason:
        fix = _("Tell the buyer that the goods pay the normal (MFN) duty, or choose another proof of origin.")
        yield Finding("origin_no_preference", WARNING, preference.reason, fix, edit)
    for line in preference.not_originating:
        message = _("Line %(position)s: %(reason)s") % {"position": line.position, "reason": line.reason}
        fix = _("Record on the line where its cloth was woven; a line of imported cloth stays without preference.")
        yield Finding("origin_line", WARNING, message, fix, lines_url)
    if preference.granted and preference.unconfirmed:
        message = _(
            "Line(s) %(lines)s are declared originating (%(criteria)s) under a rule of origin that is unconfirmed: "
            "its text is still to be verified against its source, so the declaration is not yet a verdict."
        ) % {
            "lines": ", ".join(str(line.position) for line in preference.unconfirmed),
            "criteria": ", ".join(line.criterion for line in preference.unconfirmed),
        }
        fix = _("Verify the rule against the regulation before signing the statement on origin.")
        yield Finding("origin_unconfirmed", WARNING, message, fix, reverse("trade:origin-list"))


BATIK_WORD = re.compile(r"\bbatik\b", re.IGNORECASE)
NOT_BATIK = re.compile(r"\bnot\s+(a\s+)?batik\b|\bnon-batik\b|\bimitation\b", re.IGNORECASE)


def check_tiruan_as_batik(order: ExportOrder) -> Iterable[Finding]:
    lines = OrderLine.objects.filter(order=order, product__technique=Technique.TIRUAN).order_by("position", "id")
    for line in lines:
        if BATIK_WORD.search(line.description) and not NOT_BATIK.search(line.description):
            message = _(
                'Line %(position)s ("%(description)s") calls the goods batik, but the product is tiruan: printed '
                "imitation, which is not batik (SNI 0239:2019 counts only wax-resist techniques). Selling it as batik "
                "misdescribes the goods on the invoice."
            ) % {"position": line.position, "description": line.description}
            fix = _('Describe it as printed textile, e.g. "100% cotton, printed fabric with batik motif (imitation)".')
            yield Finding("tiruan_as_batik", ERROR, message, fix, _edit_url(order, "trade:order-lines"))


def _is_batik(line: OrderLine) -> bool:
    product = line.batch.product if line.batch else line.product
    return product is not None and product.technique != Technique.TIRUAN


def check_azo(order: ExportOrder) -> Iterable[Finding]:
    # A warning, not an error: the limit binds the goods, not the papers. Goods without a test may still meet it,
    # and the buyer or the importing authority may test them; refusing the invoice would stop a lawful shipment,
    # while the warning tells the exporter the risk of a rejected consignment.
    note = azo_note_of(order)
    if note is None:
        return
    lines = list(
        OrderLine.objects.filter(order=order)
        .filter(Q(batch__isnull=False) | Q(product__isnull=False))
        .select_related("product", "batch__product")
        .order_by("position", "id")
    )
    # Lines without a product or batch cannot be traced to a test: the order's line form asks for one.
    batik = [line for line in lines if _is_batik(line)]
    if not batik:
        return
    from canting.certification.selectors import azo_passed

    products, batches, _enterprises = azo_passed(
        product_ids={line.product_id for line in batik if line.batch_id is None and line.product_id},
        batch_ids={line.batch_id for line in batik if line.batch_id},
    )
    untested = [
        line for line in batik if (line.batch_id not in batches if line.batch_id else line.product_id not in products)
    ]
    if not untested:
        return
    message = _(
        "%(country)s limits azo-amines in textiles to %(limit)s mg/kg (%(source)s), and line(s) %(lines)s have no "
        "passed azo-amine test on their batch or product: the consignment may be refused at import."
    ) % {
        "country": countries.name(str(order.buyer.country)),
        "limit": figure(note.azo_limit or Decimal(0)),
        "source": note.source,
        "lines": ", ".join(str(line.position) for line in untested),
    }
    fix = _("Have a sample of the batch tested for azo-amines (EN ISO 14362) and record the report.")
    yield Finding("azo_missing", WARNING, message, fix, reverse("certification:report-list"))


def check_parcel_weight(order: ExportOrder) -> Iterable[Finding]:
    if order.transport != TransportMode.POST:
        return
    rule = customs_limit(CustomsLimit.POSTAL_MAX_KG, shipment_day(order))
    if rule is None:
        return
    heavy = Package.objects.filter(order=order, gross_weight__gt=rule.value).order_by("number")
    for package in heavy:
        message = _(
            "Package %(number)s weighs %(gross)s kg gross: the postal route (a consignment note, CN, filed by the "
            "postal operator) takes parcels up to %(limit)s kg (%(source)s). Above that the exporter files a PEB."
        ) % {
            "number": package.number,
            "gross": figure(package.gross_weight),
            "limit": figure(rule.value),
            "source": rule.source,
        }
        fix = _("Split the package, or ship by air or sea with a PEB filed in CEISA.")
        yield Finding("parcel_over_30kg", ERROR, message, fix, _edit_url(order, "trade:order-packages"))


def check_packing(order: ExportOrder) -> Iterable[Finding]:
    url = _edit_url(order, "trade:order-packages")
    fix = _("Correct the packages so that they hold exactly what the lines sell.")
    packages = list(Package.objects.filter(order=order).annotate(n_items=Count("items")).order_by("number"))
    if not packages:
        yield Finding(
            "packing_mismatch",
            ERROR,
            _("The order has no packages: the packing list needs every package with its contents and weights."),
            _("Add the packages."),
            url,
        )
        return
    lines = (
        OrderLine.objects.filter(order=order).annotate(packed_qty=Sum("packed__quantity")).order_by("position", "id")
    )
    for line in lines:
        packed = line.packed_qty or Decimal(0)
        if packed != line.quantity:
            message = _(
                "Line %(position)s sells %(quantity)s %(unit)s but the packages hold %(packed)s: the packing list and "
                "the invoice would disagree."
            ) % {
                "position": line.position,
                "quantity": figure(line.quantity),
                "unit": line.unit,
                "packed": figure(packed),
            }
            yield Finding("packing_mismatch", ERROR, message, fix, url)
    for package in packages:
        if package.n_items == 0:
            message = _("Package %(number)s is empty: say what it holds or remove it.") % {"number": package.number}
            yield Finding("packing_mismatch", ERROR, message, fix, url)
        if package.gross_weight < package.net_weight:
            message = _(
                "Package %(number)s weighs %(gross)s kg gross but %(net)s kg net: the gross weight includes the "
                "packing, so it cannot be less than the net weight."
            ) % {"number": package.number, "gross": figure(package.gross_weight), "net": figure(package.net_weight)}
            yield Finding("packing_mismatch", ERROR, message, fix, url)
    lines_net = OrderLine.objects.filter(order=order).aggregate(total=Sum("net_weight"))["total"] or Decimal(0)
    packed_net = sum((p.net_weight for p in packages), Decimal(0))
    if lines_net != packed_net:
        message = _(
            "The lines weigh %(lines)s kg net but the packages %(packages)s kg net: the invoice and the packing list "
            "must state the same net weight."
        ) % {"lines": figure(lines_net), "packages": figure(packed_net)}
        yield Finding("packing_mismatch", ERROR, message, fix, url)


def check_hs_codes(order: ExportOrder) -> Iterable[Finding]:
    known = HsCode.objects.holding_on(shipment_day(order))
    codes = set(known.values_list("code", flat=True)) | set(
        known.exclude(national_code="").values_list("national_code", flat=True)
    )
    for line in OrderLine.objects.filter(order=order).order_by("position", "id"):
        six = ".".join(line.hs_code.split(".")[:2])
        if line.hs_code not in codes and six not in codes:
            message = _(
                "Line %(position)s carries HS code %(code)s, which is not in the desk's HS table for batik products: "
                "customs may classify the goods differently."
            ) % {"position": line.position, "code": line.hs_code}
            fix = _("Check the code against the HS table, or ask the office to add the line.")
            yield Finding("hs_unknown", WARNING, message, fix, _edit_url(order, "trade:order-lines"))


def check_places(order: ExportOrder) -> Iterable[Finding]:
    missing = [
        label
        for label, value in (
            (_("named place"), order.named_place),
            (_("port or airport of loading"), order.port_of_loading),
            (_("port or airport of discharge"), order.port_of_discharge),
        )
        if not value.strip()
    ]
    if missing:
        message = _(
            "The order has no %(missing)s: the invoice names the Incoterms rule with its place and the route of the "
            "goods, and the transport document must agree with it."
        ) % {"missing": ", ".join(missing)}
        yield Finding("places_missing", WARNING, message, _("Fill them in on the order."), _edit_url(order))


def check_offer(order: ExportOrder) -> Iterable[Finding]:
    if order.status not in (OrderStatus.INQUIRY, OrderStatus.QUOTATION) or order.offer_valid_until is None:
        return
    if order.offer_valid_until < timezone.localdate():
        message = _("The offer was valid until %(day)s: the proforma invoice would show an expired offer.") % {
            "day": order.offer_valid_until.isoformat()
        }
        yield Finding("offer_expired", WARNING, message, _("Set a new validity date."), _edit_url(order))


def check_rate(order: ExportOrder) -> Iterable[Finding]:
    if order.exchange_rate is not None:
        return
    message = _(
        "The order has no exchange rate yet. Documents in %(currency)s can be written without it, but the order can be "
        "confirmed only with the rate it is counted at in the export figures (and declared at on the PEB)."
    ) % {"currency": order.currency}
    yield Finding("no_rate", WARNING, message, _("Type the rate you use and its date on the order."), _edit_url(order))


CHECKS: tuple[Callable[[ExportOrder], Iterable[Finding]], ...] = (
    check_sea_only,
    check_insurance,
    check_rex,
    check_origin,
    check_tiruan_as_batik,
    check_parcel_weight,
    check_packing,
    check_ddp_micro,
    check_azo,
    check_hs_codes,
    check_places,
    check_offer,
    check_rate,
    *PAPER_CHECKS,
)
