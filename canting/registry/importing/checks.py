"""Checking parsed rows against the registry, as the importing officer sees it, with the registry's own rules."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.models import Area, AreaLevel, User
from canting.registry import services
from canting.registry.importing.columns import IKM, ORANG, SHEETS, Row, RowError, Sheet, row_error
from canting.registry.models import Enterprise, Membership, Person, Technique


def errors_from(
    spec: Sheet, row: int, headers: dict[str, str], exc: ValidationError, skip: Iterable[str] = ()
) -> list[RowError]:
    """A registry refusal as row errors, each under the column (as the file names it) of the field it is about.

    Columns in ``skip`` already carry an error for their cell; a second message about them would only confuse.
    """
    errors: list[RowError] = []
    items = exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
    for name, messages in items:
        column = spec.column_for_field(name)
        if column is not None and column.key in skip:
            continue
        header = headers.get(column.key, column.header) if column is not None else ""
        errors.extend(row_error(spec, row, header, message) for message in messages)
    return errors


@dataclass
class Planned:
    """What one row will do: create ``instance`` or change it, or leave it as it is."""

    row: int
    instance: models.Model
    changes: dict[str, Any]
    action: str  # "new", "update" or "same"
    before: dict[str, Any] = field(default_factory=dict)  # column key -> registered value it changes, as shown


def _shown(instance: models.Model, key: str) -> Any:
    """A registered value as the preview shows it beside the one in the file (JSON-safe, in the file's terms)."""
    if key == "techniques":
        return ", ".join(t.value for t in Technique if getattr(instance, f"technique_{t.value}"))
    if key == "village":
        village = getattr(instance, "village", None)
        return village.name if village is not None else ""
    value = getattr(instance, key)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return str(value)
    return "" if value is None else value


@dataclass
class Plan:
    enterprises: list[Planned] = field(default_factory=list)
    people: list[Planned] = field(default_factory=list)
    memberships: list[tuple[int, str, str, str]] = field(default_factory=list)  # row, NIK, NIB, role
    registered: dict[str, Enterprise] = field(default_factory=dict)  # NIB -> enterprise already in the registry
    new_memberships: int = 0
    errors: list[RowError] = field(default_factory=list)


class Checker:
    """Checks parsed rows for one staff user: their working area, what they may see, and the registry's rules."""

    def __init__(self, user: User, sheets: dict[str, Any]) -> None:
        self.user = user
        self.area = user.area_id or ""
        self.sheets = sheets
        self.plan = Plan()
        self.villages: dict[str, Area | str] = {}
        # Per row, the columns that already carry an error: one message per cell is enough.
        self.refused: dict[tuple[str, int], set[str]] = {}

    def _refused(self, spec: Sheet, row: Row) -> set[str]:
        return self.refused.setdefault((spec.name, row["row"]), set(row.get("invalid", ())))

    def add(self, spec: Sheet, row: Row, key: str, message: str) -> None:
        self.add_all(spec, row, ValidationError({key: message}))

    def add_all(self, spec: Sheet, row: Row, exc: ValidationError) -> None:
        refused = self._refused(spec, row)
        headers = self.sheets[spec.name]["headers"]
        self.plan.errors += errors_from(spec, row["row"], headers, exc, skip=refused)
        for name in exc.message_dict if hasattr(exc, "error_dict") else ():
            column = spec.column_for_field(name)
            refused.add(column.key if column is not None else name)

    def village(self, text: str) -> Area:
        """A Kemendagri village code, or a village name that is unique in the officer's working area."""
        if text not in self.villages:
            self.villages[text] = self._find_village(text)
        found = self.villages[text]
        if isinstance(found, str):
            raise ValidationError(found, code="village")
        return found

    def _find_village(self, text: str) -> Area | str:
        code = text
        if re.fullmatch(r"\d{10}", text):
            code = f"{text[:2]}.{text[2:4]}.{text[4:6]}.{text[6:]}"
        villages = Area.objects.filter(level=AreaLevel.VILLAGE)
        if re.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}", code):
            area = villages.filter(code=code).first()
            if area is None:
                return _("There is no village with the code %(code)s.") % {"code": code}
        else:
            name = re.sub(r"^(kelurahan|kel\.|desa)\s+", "", text, flags=re.I)
            matches = list(villages.filter(name__iexact=name, code__startswith=self.area)[:2])
            if len(matches) > 1:
                return _(
                    "More than one village in your working area is named %(name)s; write its code instead, "
                    "e.g. %(code)s."
                ) % {"name": name, "code": matches[0].code}
            if not matches:
                if villages.filter(name__iexact=name).exists():
                    return _("%(name)s is outside your working area.") % {"name": name}
                return _("There is no village named %(name)s in your working area.") % {"name": name}
            area = matches[0]
        if not area.code.startswith(self.area):
            return _("%(name)s (%(code)s) is outside your working area.") % {"name": area.name, "code": area.code}
        return area

    def build(self, spec: Sheet, row: Row, instance: models.Model, changes: dict[str, Any]) -> Planned | None:
        """Apply the row's values to ``instance`` and run the registry's rules; None when the row is refused."""
        check = services.check_enterprise_rules if spec is IKM else services.check_person_rules
        before = audit.snapshot(instance, changes) if instance.pk else {}
        # What each filled column holds now, so the officer sees what an update overwrites.
        columns = [c for c in spec.columns if set(c.fields or (c.key,)) <= changes.keys()] if instance.pk else []
        registered = {c.key: (audit.snapshot(instance, c.fields or (c.key,)), _shown(instance, c.key)) for c in columns}
        for name, value in changes.items():
            setattr(instance, name, value)
        try:
            check(instance)  # type: ignore[arg-type]
        except ValidationError as exc:
            self.add_all(spec, row, exc)
            return None
        if instance.pk is None:
            return Planned(row["row"], instance, changes, "new")
        overwritten = {
            c.key: registered[c.key][1]
            for c in columns
            if audit.snapshot(instance, c.fields or (c.key,)) != registered[c.key][0]
        }
        action = "update" if audit.diff(before, audit.snapshot(instance, changes)) else "same"
        return Planned(row["row"], instance, changes, action, overwritten)

    def changes(self, spec: Sheet, row: Row) -> dict[str, Any]:
        """Model field -> value for every filled cell; a blank cell leaves what is registered unchanged."""
        changes: dict[str, Any] = {}
        for key, value in row["values"].items():
            if key == "village":
                try:
                    changes["village"] = self.village(value)
                except ValidationError as exc:
                    self.add(spec, row, key, exc.messages[0])
            elif key == "techniques":
                changes |= {f"technique_{t.value}": t.value in value for t in Technique}
            elif key == "investment":
                changes[key] = Decimal(value)
            elif key == "birth_date":
                changes[key] = datetime.date.fromisoformat(value)
            elif key not in ("enterprise_nib", "role"):
                changes[key] = value
        return changes

    def check(self) -> Plan:
        rows = {spec.name: self.sheets[spec.name]["rows"] for spec in SHEETS}
        nibs = {r["values"].get("nib") for r in rows["IKM"]} | {
            r["values"].get("enterprise_nib") for r in rows["Orang"]
        }
        known = {str(e.nib): e for e in Enterprise.objects.filter(nib__in=nibs - {None}).select_related("village")}
        visible = set(Enterprise.objects.for_user(self.user).filter(nib__in=known).values_list("nib", flat=True))
        self._check_enterprises(rows["IKM"], known, visible)
        self._check_people(rows["Orang"], known, visible)
        # All or nothing: a row that is neither planned nor refused must stop the import, never be skipped.
        planned = {(IKM.name, p.row) for p in self.plan.enterprises} | {(ORANG.name, p.row) for p in self.plan.people}
        reported = {(e["sheet"], e["row"]) for e in self.plan.errors}
        for spec in SHEETS:
            for row in rows[spec.name]:
                if (spec.name, row["row"]) not in planned | reported and not row.get("invalid"):
                    self.add(spec, row, "", _("This row could not be checked, so nothing will be written."))
        return self.plan

    def _check_enterprises(self, rows: list[Row], known: dict[str, Enterprise], visible: set[str]) -> None:
        seen_nib: dict[str, int] = {}
        seen_name: dict[tuple[str, str], int] = {}
        for row in rows:
            nib = row["values"].get("nib")
            if nib in seen_nib:
                message = _("NIB %(nib)s is also on row %(row)d.") % {"nib": nib, "row": seen_nib[nib]}
                self.add(IKM, row, "nib", message)
                continue
            if nib in known and nib not in visible:
                # Updating it would change a record the officer cannot even open.
                message = _("NIB %(nib)s belongs to an enterprise outside your working area.") % {"nib": nib}
                self.add(IKM, row, "nib", message)
                continue
            changes = self.changes(IKM, row)
            if nib is None:
                continue  # without its key the row cannot be told apart from what is registered
            seen_nib[nib] = row["row"]
            planned = self.build(IKM, row, known.get(nib) or Enterprise(), changes)
            if planned is None:
                continue
            enterprise: Enterprise = planned.instance  # type: ignore[assignment]
            twin = (enterprise.name.lower(), enterprise.village_id)
            if twin in seen_name:
                message = _("%(name)s in this village is also on row %(row)d.")
                self.add(IKM, row, "name", message % {"name": enterprise.name, "row": seen_name[twin]})
                continue
            seen_name[twin] = row["row"]
            self.plan.enterprises.append(planned)

    def _check_people(self, rows: list[Row], known: dict[str, Enterprise], visible: set[str]) -> None:
        niks = {r["values"].get("nik") for r in rows} - {None}
        people = {p.nik: p for p in Person.objects.filter(nik__in=niks).select_related("village")}
        seen = set(Person.objects.for_user(self.user).filter(nik__in=people).values_list("nik", flat=True))
        in_file = {r["values"].get("nib") for r in self.sheets["IKM"]["rows"]}
        held = set(
            Membership.objects.filter(person__nik__in=niks).values_list("person__nik", "enterprise__nib", "role")
        )
        first: dict[str, int] = {}
        for row in rows:
            values = row["values"]
            nik, nib, role = values.get("nik"), values.get("enterprise_nib"), values.get("role")
            if nik in first:
                self.add(ORANG, row, "nik", _("This NIK is also on row %(row)d.") % {"row": first[nik]})
                continue
            if nik in people and nik not in seen:
                self.add(ORANG, row, "nik", _("This NIK belongs to a person outside your working area."))
                continue
            if nib and nib not in in_file and nib not in visible:
                message = _("No enterprise with NIB %(nib)s is in this file or in your working area.")
                self.add(ORANG, row, "enterprise_nib", message % {"nib": nib})
            elif nib and nib not in in_file:
                self.plan.registered[nib] = known[nib]
            if bool(nib) != bool(role):
                message = _("Give both the NIB of the enterprise and the role in it, or neither.")
                self.add(ORANG, row, "role" if nib else "enterprise_nib", message)
            if not nib and "village" not in values and self.area and nik not in people:
                # Staff see people by their village or their enterprise; with neither, the new record would vanish.
                message = _("Give the village or the enterprise's NIB, or this person would not be visible to you.")
                self.add(ORANG, row, "village", message)
            changes = self.changes(ORANG, row)
            if nik is None:
                continue
            first[nik] = row["row"]
            planned = self.build(ORANG, row, people.get(nik) or Person(), changes)
            if planned is not None:
                self.plan.people.append(planned)
            if nib and role:
                self.plan.memberships.append((row["row"], nik, nib, role))
                self.plan.new_memberships += (nik, nib, role) not in held


def check_rows(sheets: dict[str, Any], user: User) -> Plan:
    """Every row checked against the registry as ``user`` sees it; ``plan.errors`` lists what is wrong."""
    return Checker(user, sheets).check()
