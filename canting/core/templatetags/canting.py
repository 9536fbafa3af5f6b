from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.formats import number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def rupiah(value: Any) -> str:
    """1500000 -> 'Rp1.500.000' in Indonesian, 'IDR 1,500,000' in English."""
    if value is None or value == "":
        return "-"
    amount = Decimal(value).quantize(Decimal(1))
    text = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"Rp{text}" if (get_language() or "id").startswith("id") else f"IDR {text}"


@register.filter
def change_value(value: Any) -> str:
    """One side of a recorded change: a dash for nothing, a list (an order's lines, say) one item per row, anything
    else as recorded, without the reader's number grouping (ids, codes, years)."""
    if value is None or value == "" or value == []:
        return "\u2013"
    if isinstance(value, list | tuple):
        return format_html('<ul class="mb-0 ps-3">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in value)))
    return str(value)


@register.simple_tag(takes_context=True)
def sort_url(context: dict[str, Any], field: str) -> str:
    """The query string that sorts a list by ``field``, or by ``-field`` when it is already sorted by it."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("ordering", "")
    params["ordering"] = f"-{field}" if current == field else field
    params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def sort_mark(context: dict[str, Any], field: str) -> str:
    current = context["request"].GET.get("ordering", "")
    if current == field:
        return "▲"
    if current == f"-{field}":
        return "▼"
    return ""


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """The ``<option>`` elements of a filter's select, the current value selected.

    Written out here rather than by a template loop: a national list of cities or centres runs to hundreds of
    options, and looping over them in the template took longer than every query of the page together.
    """
    current = "" if field.value() is None else str(field.value())
    options = []
    for value, label in getattr(field.field, "choices", ()):
        value = str(value)
        selected = " selected" if value == current else ""
        options.append(f'<option value="{escape(value)}"{selected}>{escape(label)}</option>')
    return mark_safe("".join(options))  # noqa: S308 -- every value and label is escaped above
