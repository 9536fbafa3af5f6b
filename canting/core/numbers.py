"""Numbers as people type them, read in the page's language.

Indonesian groups thousands with a dot and writes decimals after a comma (7.500.000; 2,5); English the other way
round (7,500,000; 2.5). A number is read the way the page's language writes it. Where a form can only mean one
number in either language (2.5 on an Indonesian page, 7.500.000 on an English one) it is read as that number. A
whole-number field never takes a decimal part, so "1,000" typed out of English habit on an Indonesian page is
refused rather than stored as 1.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

_CURRENCY = re.compile(r"^(rp\.?|idr)", re.IGNORECASE)
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")  # 1 000 000, as some write it
_DIGITS = re.compile(r"\d+")


def separators() -> tuple[str, str]:
    """(decimal separator, thousands separator) of the active language."""
    decimal = str(get_format("DECIMAL_SEPARATOR"))
    return decimal, "." if decimal == "," else ","


def show(value: Decimal | int) -> str:
    """A number as the active language writes it, grouped, without trailing decimal zeros."""
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


def example(*, whole: bool) -> str:
    """How to write a number in the active language, for messages."""
    if whole:
        return _("%(thousand)s or %(million)s") % {"thousand": show(1000), "million": show(7_500_000)}
    return _("%(thousand)s or %(decimal)s") % {"thousand": show(1000), "decimal": show(Decimal("2.5"))}


def not_whole() -> ValidationError:
    return ValidationError(
        _("Write a whole number, without a decimal part, like %(example)s.") % {"example": example(whole=True)},
        code="whole",
    )


def _refuse(text: str, *, whole: bool) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a number we can read. Write it like %(example)s.")
        % {"value": text, "example": example(whole=whole)},
        code="invalid",
    )


def _grouped(text: str, group: str) -> str | None:
    """'7.500.000' with group '.' -> '7500000'; None if the groups are not of three digits."""
    head, *rest = text.split(group)
    if not (1 <= len(head) <= 3 and _DIGITS.fullmatch(head)) or not all(len(g) == 3 and g.isdigit() for g in rest):
        return None
    return head + "".join(rest)


def parse_number(typed: str, *, whole: bool = False) -> Decimal:
    """The number a person meant by ``typed`` on a page in the active language, or ValidationError.

    Accepts a leading 'Rp'/'IDR', spaces, and the Indonesian ',-' after an amount. ``whole`` refuses any decimal
    part except ',00' / '.00' (amounts printed with cents).
    """
    text = _GROUP_SPACE.sub("", _CURRENCY.sub("", typed.strip()).strip())
    text = text.removesuffix(",-").removesuffix(".-")
    sign = ""
    if text[:1] in ("-", "+"):
        sign, text = text[0].replace("+", ""), text[1:]
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        raise _refuse(typed.strip(), whole=whole)
    decimal_sep, group_sep = separators()
    integer, fraction = _split(text, decimal_sep, group_sep)
    if integer is None or fraction is None:
        raise _refuse(typed.strip(), whole=whole)
    if whole and fraction not in ("", "00"):
        raise not_whole()
    try:
        return Decimal(f"{sign}{integer or '0'}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern above admits only digits
        raise _refuse(typed.strip(), whole=whole) from None


def _split(text: str, decimal_sep: str, group_sep: str) -> tuple[str | None, str | None]:
    """The digits before and after the decimal point, or None where the text is not a number."""
    dots, commas = text.count("."), text.count(",")
    if not dots and not commas:
        return text, ""
    if dots and commas:
        point = "." if text.rfind(".") > text.rfind(",") else ","
        grouping, fraction = text.rsplit(point, 1)
        return _grouped(grouping, "," if point == "." else "."), fraction if fraction.isdigit() else None
    sep = "." if dots else ","
    head, *tail = text.split(sep)
    if len(tail) > 1:
        return _grouped(text, sep), ""
    after = tail[0]
    if not after.isdigit():
        return None, None
    # One separator: a thousands group where the language groups with it (or where it cannot be a decimal point).
    if len(after) == 3 and 1 <= len(head) <= 3 and not head.startswith("0") and sep == group_sep:
        return head + after, ""
    if head and not head.isdigit():
        return None, None
    return head, after


__all__ = ["example", "not_whole", "parse_number", "separators", "show"]
