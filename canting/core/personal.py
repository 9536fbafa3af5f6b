"""Where personal data lives (UU PDP): every model field that holds it, written down once.

Erasure and the personal-data download both read ``HOLDERS``, and a test walks every model's fields and fails for
a field that looks personal (a name, NIK, birth date, phone, e-mail, address) but is neither listed here nor in
``NOT_PERSONAL`` with the reason it is not. So a new personal field cannot be left out of either by accident.

Models are named by their label (``app.model``), so the ground floor imports no app.

``Traces`` finds one person's identifiers written anywhere in stored text (an audit entry's description, an import
preview's cells, an error message) and replaces them.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models

ERASED = "(dihapus)"  # what erased names and quoted identifiers read as afterwards, in every language


class Holds(StrEnum):
    """What one field holds."""

    NAME = "name"
    NIK = "nik"
    BIRTH_DATE = "birth_date"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    PLACE = "place"  # the village someone lives in (a link to an area)
    USERNAME = "username"
    TEXT = "text"  # free text or JSON that may quote any of the above


class Role(StrEnum):
    """How a model's records belong to a person, which decides how erasure finds them and what it does."""

    SUBJECT = "subject"  # the person's own record in the registry: every listed field is blanked
    LOGIN = "login"  # their login: deactivated, listed fields blanked, the user name made neutral
    REGISTRATION = "registration"  # their self-registration: listed fields blanked
    CONTACT = "contact"  # someone's contact details (a buyer's): blanked where they are the person's
    LOGIN_TRACE = "login_trace"  # sign-in records naming a login's user name
    TRAIL = "trail"  # history that describes records (the audit trail): identifiers in it are replaced
    STAGING = "staging"  # copies of uploaded rows waiting to be applied (the registry import's preview)


@dataclass(frozen=True)
class Holder:
    role: Role
    fields: Mapping[str, Holds]
    # Kept for the download as they are, though they are not erased: when a login was made and last used.
    also_exported: tuple[str, ...] = ()
    # For a contact: the whole record is the person's when one field is theirs (a buyer's contact). When False, only
    # the fields that are theirs are (an enterprise's published e-mail may be its owner's own).
    whole_record: bool = True


HOLDERS: dict[str, Holder] = {
    "registry.person": Holder(
        Role.SUBJECT,
        {
            "full_name": Holds.NAME,
            "nik": Holds.NIK,
            "birth_date": Holds.BIRTH_DATE,
            "phone": Holds.PHONE,
            "email": Holds.EMAIL,
            "address": Holds.ADDRESS,
            "village": Holds.PLACE,
        },
    ),
    "core.user": Holder(
        Role.LOGIN,
        {"username": Holds.USERNAME, "first_name": Holds.NAME, "last_name": Holds.NAME, "email": Holds.EMAIL},
        also_exported=("date_joined", "last_login"),
    ),
    "registry.application": Holder(Role.REGISTRATION, {"email": Holds.EMAIL, "reason": Holds.TEXT}),
    "exhibitions.lead": Holder(Role.CONTACT, {"name": Holds.NAME, "email": Holds.EMAIL, "phone": Holds.PHONE}),
    "registry.enterprise": Holder(
        Role.CONTACT, {"contact_phone": Holds.PHONE, "contact_email": Holds.EMAIL}, whole_record=False
    ),
    "trade.buyer": Holder(
        Role.CONTACT, {"name": Holds.NAME, "address": Holds.ADDRESS, "email": Holds.EMAIL, "phone": Holds.PHONE}
    ),
    "axes.accessattempt": Holder(
        Role.LOGIN_TRACE, {"username": Holds.USERNAME, "get_data": Holds.TEXT, "post_data": Holds.TEXT}
    ),
    "axes.accesslog": Holder(Role.LOGIN_TRACE, {"username": Holds.USERNAME}),
    "axes.accessfailurelog": Holder(Role.LOGIN_TRACE, {"username": Holds.USERNAME}),
    "core.auditevent": Holder(Role.TRAIL, {"object_repr": Holds.TEXT, "changes": Holds.TEXT, "note": Holds.TEXT}),
    "admin.logentry": Holder(Role.TRAIL, {"object_repr": Holds.TEXT, "change_message": Holds.TEXT}),
    "registry.importbatch": Holder(Role.STAGING, {"rows": Holds.TEXT, "errors": Holds.TEXT}),
}

# Fields whose names look personal but hold no one's personal data, each with the reason.
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("auth.permission", "name"): "a right's description",
    ("auth.group", "name"): "a group of rights",
    ("core.area", "name"): "a village, district, city or province",
    ("registry.centre", "name"): "a production centre",
    ("registry.centre", "address"): "a public building's address",
    ("registry.enterprise", "name"): "a business",
    ("registry.enterprise", "address"): "the business's premises, shown on the showcase",
    ("catalogue.motif", "name"): "a batik motif",
    ("catalogue.motif", "ip_holder_name"): "the body (the city, an institute) holding a motif's rights",
    ("catalogue.product", "name"): "a product",
    ("certification.parameter", "name"): "a test parameter of a standard",
    ("certification.laboratory", "name"): "a testing laboratory",
    ("certification.laboratory", "short_name"): "a testing laboratory",
    ("certification.testresult", "parameter_name"): "a test parameter, as the report named it",
    ("training.competencyscheme", "name"): "a competency scheme",
    ("turnover.classscheme", "name"): "a business-class scheme",
    ("turnover.criterion", "name"): "a readiness criterion",
    ("facilities.facility", "name"): "a room or a machine",
    ("exhibitions.exhibition", "name"): "an exhibition",
    ("exhibitions.exhibition", "address"): "an exhibition venue",
    ("trade.incoterm", "name"): "a trade term (FOB, CIF, ...)",
    ("axes.accessattempt", "ip_address"): "a network address, kept for the login throttle's cool-off only",
    ("axes.accesslog", "ip_address"): "a network address, kept for the login throttle's cool-off only",
    ("axes.accessfailurelog", "ip_address"): "a network address, kept for the login throttle's cool-off only",
    ("django_tasks_database.dbtaskresult", "queue_name"): "a task queue",
    ("django_tasks_database.dbtaskresult", "backend_name"): "a task backend",
}

PERSONAL_NAME = re.compile(
    r"(^|_)(nik|name|full_name|first_name|last_name|birth|birth_date|phone|email|e_mail|address|whatsapp|wa)($|_)"
    r"|^contact_|birth|phone|email|whatsapp"
)
# Translated copies of a field (name_ind, name_en from modeltranslation) follow the field they translate.
TRANSLATED = re.compile(r"_(ind|en)$")


def holder(label: str) -> Holder | None:
    return HOLDERS.get(label)


def model_of(label: str) -> type[models.Model] | None:
    """The model for a label, or None when its app is not installed in this deployment."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def holders(role: Role) -> Iterable[tuple[type[models.Model], Holder]]:
    for label, entry in HOLDERS.items():
        model = model_of(label)
        if entry.role == role and model is not None:
            yield model, entry


def unlisted_personal_fields() -> list[str]:
    """``app.model.field`` for each field that looks personal and is neither in HOLDERS nor in NOT_PERSONAL."""
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        listed = set(HOLDERS[label].fields) if label in HOLDERS else set()
        for item in model._meta.concrete_fields:
            name = TRANSLATED.sub("", item.name) if getattr(item, "translated_field", None) else item.name
            if PERSONAL_NAME.search(name) and name not in listed and (label, name) not in NOT_PERSONAL:
                found.append(f"{label}.{item.name}")
    return found


# --- finding one person's identifiers in text --------------------------------------------------------------------
def _spaced(digits: str) -> str:
    """A digit string as people write it: with spaces, dots, dashes or brackets between the digits."""
    return r"[\s.\-()]*".join(re.escape(d) for d in digits)


@dataclass
class Traces:
    """How one person's name, NIK, phone, e-mail and user name, and separately their birth date, can be written."""

    names: list[str] = field(default_factory=list)
    niks: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # as stored: +62 and the digits
    emails: list[str] = field(default_factory=list)
    usernames: list[str] = field(default_factory=list)
    birth_dates: list[datetime.date] = field(default_factory=list)

    def _identifiers(self) -> list[str]:
        patterns = []
        for name in self.names:
            words = name.split()
            if words and name != ERASED:
                patterns.append(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
        for nik in self.niks:
            if nik:
                patterns.append(r"(?<!\d)" + _spaced(nik) + r"(?!\d)")
        for phone in self.phones:
            national = re.sub(r"^\+?62|^0", "", re.sub(r"\D", "", phone))
            if len(national) >= 7:
                patterns.append(r"(?<![\d+])(?:\+?62|0)[\s.\-()]*" + _spaced(national) + r"(?!\d)")
        for email in self.emails:
            if email:
                patterns.append(r"(?<![\w.+-])" + re.escape(email) + r"(?![\w-])")
        for username in self.usernames:
            if username:
                patterns.append(r"(?<![\w.@+-])" + re.escape(username) + r"(?![\w@-])")
        return patterns

    def _dates(self) -> list[str]:
        patterns = []
        for born in self.birth_dates:
            day, month = f"0?{born.day}", f"0?{born.month}"
            patterns.append(rf"(?<!\d){born.isoformat()}(?!\d)")
            patterns.append(rf"(?<!\d){day}[-/. ]{month}[-/. ]{born.year}(?!\d)")
        return patterns

    def pattern(self, *, with_birth_date: bool) -> re.Pattern[str] | None:
        parts = self._identifiers() + (self._dates() if with_birth_date else [])
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def found_in(self, value: Any, *, with_birth_date: bool = False) -> bool:
        pattern = self.pattern(with_birth_date=with_birth_date)
        return pattern is not None and _found(pattern, value)

    def scrub(self, value: Any, *, with_birth_date: bool = False) -> Any:
        """``value`` (text, or JSON: lists and dicts of text) with every identifier replaced by ERASED."""
        pattern = self.pattern(with_birth_date=with_birth_date)
        return value if pattern is None else _scrub(pattern, value)

    def hints(self, *, typed: bool = False) -> list[str]:
        """Plain substrings at least one of which a text holding an identifier contains, also inside JSON as the
        database stores it: for narrowing a search in the database before ``found_in`` decides.

        ``typed``: the text was typed as people type numbers (0813-1111-2222), not stored in one form as the
        registry's own values are, so only the last digits are looked for.
        """
        tail = 4 if typed else 7
        found: list[str] = []
        for name in self.names:
            if name and name != ERASED:
                found += [name, json.dumps(name)[1:-1]]
        for phone in self.phones:
            national = re.sub(r"^\+?62|^0", "", re.sub(r"\D", "", phone))
            if national:
                found += [national[-tail:]]
        found += [nik[-tail:] for nik in self.niks if nik]
        found += [email for email in self.emails if email]
        found += [username for username in self.usernames if username]
        return list(dict.fromkeys(found))


def _found(pattern: re.Pattern[str], value: Any) -> bool:
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, dict):
        return any(_found(pattern, item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_found(pattern, item) for item in value)
    return False


def _scrub(pattern: re.Pattern[str], value: Any) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, dict):
        return {key: _scrub(pattern, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(pattern, item) for item in value]
    return value
