"""An amount written out in English words, as a commercial invoice states its total ("say ... only").

The currency comes first, in its English plural name, then the whole units in words and the minor units as a
fraction of a hundred (or of whatever the currency divides into); a currency without minor units (JPY) has no
fraction: "US dollars one thousand two hundred thirty-four and 50/100 only", "Japanese yen ninety thousand only".
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import get_currency_name
from num2words import num2words

from canting.trade.money import minor_digits, round_money


def number_in_words(number: int) -> str:
    """A whole number in English words, the invoice way: no commas and no "and" between the hundreds and the rest
    ("one thousand two hundred thirty-four")."""
    text = num2words(number, lang="en")
    text = text.replace(",", "")
    text = re.sub(r"\band\b", "", text)
    return re.sub(r"\s+", " ", text).strip()


def amount_in_words(amount: Decimal, currency: str) -> str:
    """The amount in English words with its currency, e.g. "US dollars one thousand two hundred thirty-four and
    50/100 only"."""
    digits = minor_digits(currency)
    rounded = round_money(amount, currency)
    whole = int(rounded)
    name = str(get_currency_name(currency, count=2, locale="en"))
    text = f"{name} {number_in_words(whole)}"
    if digits:
        minor = int((rounded - whole) * (10**digits))
        text += f" and {minor:0{digits}d}/{10**digits}"
    text += " only"
    return text[0].upper() + text[1:]
