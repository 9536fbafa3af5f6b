"""Masks for personal data (UU PDP): shown whole only to those who need it, masked everywhere else."""

from __future__ import annotations


def mask_nik(value: str | None) -> str:
    """3576014101900001 -> 3576********0001: the area stays readable, the birth date does not."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """+6281234567890 -> +62812*****890."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 9) + value[-3:]


def mask_text(value: str | None) -> str:
    """An address or other free text: only that something is there."""
    if not value:
        return ""
    return "***"


MASKS = {"nik": mask_nik, "phone": mask_phone, "address": mask_text}


def mask_field(field: str, value: object) -> object:
    masker = MASKS.get(field)
    if masker is None:
        return value
    return masker(None if value is None else str(value))
