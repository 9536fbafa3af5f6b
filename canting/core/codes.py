"""Public codes (serial labels, certificates): 10 random Crockford base-32 symbols (50 bits) and one check symbol.

Crockford's alphabet leaves out I, L, O and U, so a code read aloud or typed from a small label is not mistaken.
The check symbol (Luhn mod 32, from the same alphabet, so codes stay letters and digits in URLs and QR codes)
catches any single wrong symbol and almost every swap of two neighbours before the database is asked. 2^50
random codes make guessing a valid one hopeless.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 10
LENGTH = BODY_LENGTH + 1
# What people type for the letters the alphabet leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_symbol(body: str) -> str:
    """Luhn mod N over the 32-symbol alphabet: every second symbol from the right counts double."""
    total, factor = 0, 2
    for symbol in reversed(body):
        addend = factor * ALPHABET.index(symbol)
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[-total % 32]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_symbol(body)


def normalise(text: str) -> str | None:
    """The stored form of a typed or scanned code, or None when it cannot be a label code."""
    code = text.strip().upper().replace("-", "").replace(" ", "").translate(_READ_AS)
    if len(code) != LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    if check_symbol(code[:-1]) != code[-1]:
        return None
    return code


def display(code: str) -> str:
    """Grouped for reading: XXXX-XXXX-XXX."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"
