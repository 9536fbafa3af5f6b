"""What a check of an export order reports: a finding says what is wrong, why, and what to do."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str  # a stable key, e.g. "sea_only"
    level: str  # ERROR or WARNING
    message: str  # what is wrong and why, in the user's language
    fix: str = ""  # what to do about it
    url: str = ""  # where to do it


def edit_url(pk: int, name: str = "trade:order-edit") -> str:
    return reverse(name, args=[pk])
