"""Export orders: open one, change its terms, set its lines and packages, and move it from inquiry to payment.

An order is numbered within its enterprise and year (2026/001, 2026/002, ...): the enterprise row is locked while
the next number is taken, and the unique constraint refuses a number twice. The buyer is one of the enterprise's
own; the Incoterms rule must hold; the currency is an ISO 4217 code and the exchange rate defaults to the latest
rate on record. Once an order has shipped, been paid or been cancelled, its lines, packages and money stay as they
were. Every write is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from canting.catalogue.models import Product
from canting.certification.models import Batch
from canting.core import audit
from canting.core.models import User
from canting.core.services import create, require_visible, update
from canting.registry.models import Enterprise, Technique
from canting.trade.hs import suggest_hs
from canting.trade.models import (
    RATE_MAY_WAIT,
    Buyer,
    ExportOrder,
    Incoterm,
    OrderLine,
    OrderStatus,
    Package,
    PackageItem,
)
from canting.trade.money import round_money
from canting.trade.origin import origin_rules_for
from canting.trade.rates import rupiah_per

ORDER_FIELDS = (
    "buyer", "buyer_reference", "incoterm", "named_place", "transport", "containerised", "currency",
    "exchange_rate", "rate_date", "rate_source", "payment_terms", "port_of_loading", "port_of_discharge", "carrier",
    "estimated_shipment", "offer_valid_until", "freight", "insurance", "insured_percent", "insurance_cover",
    "origin_rule", "marks", "invoice_date", "transport_document", "notes",
)  # fmt: skip
MONEY_FIELDS = ("currency", "exchange_rate", "rate_date", "freight", "insurance", "insured_percent")
LINE_FIELDS = (
    "product", "batch", "description", "hs_code", "quantity", "unit", "unit_price", "net_weight", "cloth_origin",
)  # fmt: skip
PACKAGE_FIELDS = ("number", "kind", "length_cm", "width_cm", "height_cm", "gross_weight", "net_weight")
CLOSED = (OrderStatus.SHIPPED, OrderStatus.PAID, OrderStatus.CANCELLED)
NEXT_STATUS: dict[str, tuple[str, ...]] = {
    OrderStatus.INQUIRY: (OrderStatus.QUOTATION, OrderStatus.CANCELLED),
    OrderStatus.QUOTATION: (OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    OrderStatus.CONFIRMED: (OrderStatus.SHIPPED, OrderStatus.CANCELLED),
    OrderStatus.SHIPPED: (OrderStatus.PAID, OrderStatus.CANCELLED),
    OrderStatus.PAID: (),
    OrderStatus.CANCELLED: (),
}
NUMBER_ATTEMPTS = 3

FIBRE_OF_FABRIC = {
    "primissima": "cotton", "prima": "cotton", "dobby": "cotton", "voile": "cotton",
    "silk": "silk", "rayon": "rayon", "linen": "linen",
}  # fmt: skip
TECHNIQUE_WORDS = {
    Technique.TULIS: "hand-drawn batik tulis",
    Technique.CAP: "stamped batik cap",
    Technique.KOMBINASI: "batik kombinasi (hand-drawn and stamped)",
    Technique.TIRUAN: "printed textile (not batik)",
}
ARTICLE_WORDS = {
    "kain_panjang": "kain panjang", "sarung": "sarong", "selendang": "selendang (shawl)", "scarf": "scarf",
    "kemeja": "shirt", "blouse": "blouse", "dress": "dress", "bag": "handbag", "home_textile": "home textile",
    "wall_hanging": "wall hanging", "other": "",
}  # fmt: skip


def next_statuses(order: ExportOrder) -> tuple[str, ...]:
    return NEXT_STATUS.get(order.status, ())


def is_closed(order: ExportOrder) -> bool:
    """Shipped, paid or cancelled: lines, packages and money no longer change."""
    return order.status in CLOSED


def _refuse_closed(order: ExportOrder, what: str) -> None:
    if is_closed(order):
        raise ValidationError(
            _("The %(what)s of an order that is %(status)s cannot change any more.")
            % {"what": what, "status": order.get_status_display().lower()},
            code="order_closed",
        )


def _check_currency(code: str) -> None:
    if code not in list_currencies():
        raise ValidationError(
            {
                "currency": ValidationError(
                    _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code}, code="currency"
                )
            }
        )


def _check_buyer(enterprise: Enterprise, buyer: Buyer | None) -> None:
    if buyer is None or buyer.enterprise_id != enterprise.pk:
        raise ValidationError(
            {"buyer": ValidationError(_("Choose a buyer of the order's own enterprise."), code="other_buyer")}
        )


def _check_incoterm(incoterm: Incoterm | None, day: datetime.date) -> None:
    if incoterm is not None and not incoterm.holds_on(day):
        raise ValidationError(
            {
                "incoterm": ValidationError(
                    _("This Incoterms rule does not hold on %(day)s.") % {"day": day}, code="incoterm"
                )
            }
        )


def _fill_rate(values: dict[str, Any], status: str) -> None:
    """Take the exchange rate on record for the currency and day when none was typed. An inquiry may wait for a
    rate when none is on record; an order further on is told to type one."""
    if values.get("exchange_rate") in (None, ""):
        day = values.get("rate_date") or timezone.localdate()
        found = rupiah_per(values["currency"], day)
        if found is None:
            if status == OrderStatus.INQUIRY:
                values.update(exchange_rate=None, rate_date=None)
                return
            raise ValidationError(
                {
                    "exchange_rate": ValidationError(
                        _("No rate for %(currency)s on or before %(day)s is on record: type the rate you use.")
                        % {"currency": values["currency"], "day": day.isoformat()},
                        code="no_rate",
                    )
                }
            )
        values.update(exchange_rate=found, rate_date=day)
        if not values.get("rate_source"):
            values["rate_source"] = _("Rate on record")
    elif values.get("rate_date") is None:
        values["rate_date"] = timezone.localdate()


def origin_options(
    order: ExportOrder | None = None, *, country: str = "", day: datetime.date | None = None
) -> list[Any]:
    """The proofs of origin the destination takes on the shipment day (or today), the suggested one first."""
    if order is not None:
        country = str(order.buyer.country)
        day = order.estimated_shipment
    return list(origin_rules_for(country, day or timezone.localdate()))


def _check_origin(values: dict[str, Any], buyer: Buyer, *, choose_suggested: bool) -> None:
    options = origin_options(country=str(buyer.country), day=values.get("estimated_shipment"))
    chosen = values.get("origin_rule")
    if chosen is None:
        if choose_suggested and options:
            values["origin_rule"] = options[0]
        return
    if chosen.pk not in {rule.pk for rule in options}:
        raise ValidationError(
            {
                "origin_rule": ValidationError(
                    _("This proof of origin does not apply to %(country)s on the shipment day.")
                    % {"country": buyer.country.name},  # type: ignore[attr-defined]
                    code="origin",
                )
            }
        )


def _prepare(values: dict[str, Any], enterprise: Enterprise, *, creating: bool, status: str) -> None:
    currency = str(values.get("currency") or "").upper()
    values["currency"] = currency
    _check_currency(currency)
    _check_buyer(enterprise, values.get("buyer"))
    _check_incoterm(values.get("incoterm"), values.get("estimated_shipment") or timezone.localdate())
    if not str(values.get("named_place") or "").strip():
        raise ValidationError(
            {"named_place": ValidationError(_("Name the place the Incoterms rule refers to."), code="named_place")}
        )
    _fill_rate(values, status)
    for name in ("freight", "insurance"):
        values[name] = round_money(Decimal(values.get(name) or 0), currency)
    _check_origin(values, values["buyer"], choose_suggested=creating)


# --- orders --------------------------------------------------------------------------------------------------


def _next_sequence(enterprise: Enterprise, year: int) -> int:
    # Lock the enterprise row so two orders of one enterprise are numbered one after the other.
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    top = ExportOrder.objects.filter(enterprise=enterprise, year=year).aggregate(top=Max("sequence"))["top"]
    return int(top or 0) + 1


def create_order(*, actor: User | None, enterprise: Enterprise, data: Mapping[str, Any]) -> ExportOrder:
    """Open an order of ``enterprise`` for one of its buyers, numbered next in the enterprise's year."""
    require_visible(Enterprise.objects, enterprise, actor, _("You cannot open orders for this enterprise."))
    values = {name: data[name] for name in ORDER_FIELDS if name in data}
    _prepare(values, enterprise, creating=True, status=OrderStatus.INQUIRY)
    year = timezone.localdate().year
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                order = ExportOrder(
                    enterprise=enterprise,
                    year=year,
                    sequence=_next_sequence(enterprise, year),
                    status=OrderStatus.INQUIRY,
                    created_by=actor,
                    **values,
                )
                return create(order, actor=actor, action="trade.order.created")
        except IntegrityError:
            # Another order took the number between our read and our write: take the next one.
            if attempt == NUMBER_ATTEMPTS - 1:
                break
        except ValidationError as exc:
            if "__all__" in getattr(exc, "message_dict", {}) and attempt < NUMBER_ATTEMPTS - 1:
                continue  # the number was taken by an order written meanwhile
            raise
    raise ValidationError(_("Another order was being numbered at the same moment: save again."), code="number_busy")


@transaction.atomic
def update_order(*, actor: User | None, order: ExportOrder, data: Mapping[str, Any]) -> ExportOrder:
    """Change an order's terms. Its money (currency, rate, freight, insurance) is fixed once it has shipped."""
    require_visible(ExportOrder.objects, order, actor, _("You cannot change this order."))
    values = {name: data[name] for name in ORDER_FIELDS if name in data}
    if is_closed(order):
        changed = [name for name in MONEY_FIELDS if name in values and values[name] != getattr(order, name)]
        if changed:
            _refuse_closed(order, _("money"))
    merged = {**_current(order), **values}
    _prepare(merged, order.enterprise, creating=False, status=order.status)
    values = {name: merged[name] for name in values} | {
        name: merged[name] for name in ("exchange_rate", "rate_date", "rate_source", "freight", "insurance")
    }
    return update(order, values, actor=actor, action="trade.order.updated")


def _current(order: ExportOrder) -> dict[str, Any]:
    return {name: getattr(order, name) for name in ORDER_FIELDS}


# --- lines ---------------------------------------------------------------------------------------------------


def describe(product: Product) -> str:
    """A product in plain English for an invoice: fibre content, technique, article and size, e.g. "100% cotton,
    hand-drawn batik tulis, kain panjang 210 x 110 cm". Tiruan is called printed textile, never batik."""
    fibres = [
        f"{row['percent']}% {row['fibre']}" if row.get("percent") else str(row.get("fibre", ""))
        for row in (product.fibres or [])
        if row.get("fibre")
    ]
    if not fibres and FIBRE_OF_FABRIC.get(product.fabric):
        fibres = [FIBRE_OF_FABRIC[product.fabric]]
    article = ARTICLE_WORDS.get(product.product_type, "")
    if product.length_cm and product.width_cm:
        article = f"{article} {product.length_cm} x {product.width_cm} cm".strip()
    parts = [", ".join(fibres), TECHNIQUE_WORDS.get(product.technique, ""), article]  # type: ignore[call-overload]
    return ", ".join(part for part in parts if part)[:300]


def hs_code_for(product: Product) -> str:
    """The product's confirmed HS code, else the suggested one; empty when neither is known."""
    facts = getattr(product, "export", None) if _has_export(product) else None
    if facts is not None and facts.hs_code and facts.hs_confirmed_at:
        return str(facts.hs_code)
    suggestion = suggest_hs(product)
    return suggestion.code if suggestion is not None else ""


def _has_export(product: Product) -> bool:
    from canting.trade.models import ProductExport

    try:
        product.export  # noqa: B018 - the reverse one-to-one raises when the product has no export facts
    except ProductExport.DoesNotExist:
        return False
    return True


@transaction.atomic
def set_lines(*, actor: User | None, order: ExportOrder, lines: Sequence[Mapping[str, Any]]) -> list[OrderLine]:
    """Replace the order's lines with ``lines`` (in that order). A row with an ``id`` keeps that line (and what is
    packed of it); lines left out are removed. All rows are saved, or none."""
    require_visible(ExportOrder.objects, order, actor, _("You cannot change this order."))
    order = ExportOrder.objects.select_for_update().get(pk=order.pk)
    _refuse_closed(order, _("lines"))
    existing = {line.pk: line for line in order.lines.all()}
    products = Product.objects.filter(enterprise_id=order.enterprise_id)
    batches = Batch.objects.filter(enterprise_id=order.enterprise_id)
    errors: list[ValidationError] = []
    prepared: list[OrderLine] = []
    for position, row in enumerate(lines, start=1):
        line = existing.get(row.get("id")) if row.get("id") else OrderLine(order=order)  # type: ignore[arg-type]
        if line is None:
            errors.append(ValidationError(_("Line %(n)s is not a line of this order.") % {"n": position}))
            continue
        product, batch = row.get("product"), row.get("batch")
        if product is not None and not products.filter(pk=product.pk).exists():
            errors.append(ValidationError(_("Line %(n)s: choose a product of the enterprise's own.") % {"n": position}))
            continue
        if batch is not None and not batches.filter(pk=batch.pk).exists():
            errors.append(ValidationError(_("Line %(n)s: choose a batch of the enterprise's own.") % {"n": position}))
            continue
        if batch is not None and product is not None and batch.product_id != product.pk:
            errors.append(ValidationError(_("Line %(n)s: the batch is of another product.") % {"n": position}))
            continue
        for name in LINE_FIELDS:
            if name in row:
                setattr(line, name, row[name] if row[name] is not None or name in ("product", "batch") else "")
        if product is not None and not (line.description or "").strip():
            line.description = describe(product)
        if product is not None and not (line.hs_code or "").strip():
            line.hs_code = hs_code_for(product)
        if line.unit_price is not None:
            line.unit_price = round_money(Decimal(line.unit_price), order.currency)
        line.position = position
        try:
            line.full_clean(exclude=["order"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                label = _field_label(OrderLine, field)
                for message in messages:
                    errors.append(
                        ValidationError(
                            _("Line %(n)s, %(field)s: %(message)s")
                            % {"n": position, "field": label, "message": message}
                        )
                    )
            continue
        prepared.append(line)
    if errors:
        raise ValidationError(errors)
    before = _lines_summary(existing.values())
    kept = {line.pk for line in prepared if line.pk}
    OrderLine.objects.filter(order=order).exclude(pk__in=kept).delete()
    for line in prepared:
        line.save()
    # A line may now be ordered less than is packed of it: the checks report that, saving is not refused.
    audit.record(
        actor=actor,
        action="trade.order.lines",
        instance=order,
        changes={"lines": [before, _lines_summary(prepared)]},
    )
    return prepared


def _lines_summary(lines: Any) -> list[str]:
    return [f"{line.position}. {line.description} x {line.quantity} {line.unit} @ {line.unit_price}" for line in lines]


# --- packages ------------------------------------------------------------------------------------------------


@transaction.atomic
def set_packages(*, actor: User | None, order: ExportOrder, packages: Sequence[Mapping[str, Any]]) -> list[Package]:
    """Replace the order's packages. Each row gives a package's number, kind, size and weights and ``contents``:
    order line id -> quantity in that package. Refused, with nothing saved: a gross weight below the net weight, a
    package with nothing in it, a line packed more than ordered, a number used twice."""
    require_visible(ExportOrder.objects, order, actor, _("You cannot change this order."))
    order = ExportOrder.objects.select_for_update().get(pk=order.pk)
    _refuse_closed(order, _("packages"))
    lines = {line.pk: line for line in order.lines.all()}
    errors: list[ValidationError] = []
    packed: dict[int, Decimal] = {}
    numbers: set[int] = set()
    built: list[tuple[Package, dict[int, Decimal]]] = []
    for row in packages:
        package = Package(order=order, **{name: row.get(name) for name in PACKAGE_FIELDS if name in row})
        label = package.number if package.number is not None else "?"
        contents = {int(k): Decimal(v) for k, v in (row.get("contents") or {}).items() if v not in (None, "", 0)}
        try:
            package.full_clean(exclude=["order"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                name = _field_label(Package, field)
                for message in messages:
                    errors.append(
                        ValidationError(
                            _("Package %(n)s, %(field)s: %(message)s") % {"n": label, "field": name, "message": message}
                        )
                    )
            continue
        if package.number in numbers:
            errors.append(ValidationError(_("Package number %(n)s is used twice.") % {"n": label}))
        numbers.add(package.number)
        if package.gross_weight < package.net_weight:
            errors.append(
                ValidationError(_("Package %(n)s: the gross weight is less than the net weight.") % {"n": label})
            )
        if not contents:
            errors.append(ValidationError(_("Package %(n)s has nothing in it.") % {"n": label}))
        for line_id, quantity in contents.items():
            if line_id not in lines:
                errors.append(ValidationError(_("Package %(n)s holds a line of another order.") % {"n": label}))
            elif quantity < 0:
                errors.append(ValidationError(_("Package %(n)s: a quantity cannot be negative.") % {"n": label}))
            else:
                packed[line_id] = packed.get(line_id, Decimal(0)) + quantity
        built.append((package, contents))
    for line_id, quantity in packed.items():
        line = lines[line_id]
        if quantity > line.quantity:
            errors.append(
                ValidationError(
                    _("Line %(n)s: %(packed)s packed, but only %(ordered)s ordered.")
                    % {"n": line.position, "packed": _plain_number(quantity), "ordered": _plain_number(line.quantity)}
                )
            )
    if errors:
        raise ValidationError(errors)
    before = _packages_summary(order.packages.prefetch_related("items"))
    order.packages.all().delete()
    saved = []
    for package, contents in built:
        package.save()
        PackageItem.objects.bulk_create(
            PackageItem(package=package, line_id=line_id, quantity=quantity)
            for line_id, quantity in contents.items()
            if quantity > 0
        )
        saved.append(package)
    after = _packages_summary(Package.objects.filter(order=order).prefetch_related("items"))
    audit.record(actor=actor, action="trade.order.packages", instance=order, changes={"packages": [before, after]})
    return saved


def _field_label(model: Any, field: str) -> str:
    if field == "__all__":
        return ""
    return str(getattr(model._meta.get_field(field), "verbose_name", field))


def _plain_number(value: Decimal) -> str:
    """A quantity without trailing zeros or exponent: 20, 2.5."""
    return format(value.normalize(), "f")


def _packages_summary(packages: Any) -> list[str]:
    return [
        f"#{p.number} {p.kind} {p.length_cm}x{p.width_cm}x{p.height_cm} cm, {p.gross_weight}/{p.net_weight} kg: "
        + ", ".join(f"line {item.line_id} x {item.quantity}" for item in p.items.all())
        for p in packages
    ]


# --- status --------------------------------------------------------------------------------------------------


@transaction.atomic
def change_status(
    *, actor: User | None, order: ExportOrder, status: str, on: datetime.date | None = None
) -> ExportOrder:
    """Move an order on: inquiry -> quotation -> confirmed -> shipped -> paid, or cancel it before it is paid.
    Confirming dates the invoice (when it has no date yet), shipping records the day it left (today unless
    given; it needs a line and a package), payment the day the money came."""
    require_visible(ExportOrder.objects, order, actor, _("You cannot change this order."))
    order = ExportOrder.objects.select_for_update().get(pk=order.pk)
    if status not in next_statuses(order):
        label = OrderStatus(status).label if status in OrderStatus.values else status
        raise ValidationError(
            _("An order cannot go from “%(old)s” to “%(new)s”.") % {"old": order.get_status_display(), "new": label},
            code="bad_transition",
        )
    if order.exchange_rate is None and status not in RATE_MAY_WAIT:
        raise ValidationError(
            _(
                "Type the exchange rate of the order (Rp per %(currency)s) and its date before it is confirmed: the "
                "export figures count the order at that rate."
            )
            % {"currency": order.currency},
            code="no_rate",
        )
    day = on or timezone.localdate()
    changes: dict[str, Any] = {"status": status}
    if status == OrderStatus.CONFIRMED and order.invoice_date is None:
        changes["invoice_date"] = day
    if status == OrderStatus.SHIPPED:
        if not order.lines.exists() or not order.packages.exists():
            raise ValidationError(_("An order ships with at least one line and one package."), code="nothing_to_ship")
        changes["shipped_on"] = day
    if status == OrderStatus.PAID:
        if order.shipped_on and day < order.shipped_on:
            raise ValidationError(_("An order cannot be paid before it shipped."), code="paid_before_shipped")
        changes["paid_on"] = day
    return update(order, changes, actor=actor, action="trade.order.status")
