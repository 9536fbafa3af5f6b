"""Checking parsed rows against the registry, as the importing officer sees it, with the registry's own rules.

Rows are checked ``CHUNK`` at a time: what a chunk refers to (its enterprises and people by NIB and NIK, which of
them the officer may see, their villages, roles already held, enterprises of the same name in the same village) is
looked up in a fixed number of queries, and every rule then runs in memory. A file of 60,000 rows costs about as
many queries as 60 rows did one by one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from canting.core import audit
from canting.core.models import User
from canting.registry import services
from canting.registry.importing.columns import IKM, ORANG, SHEETS, Row, RowError, Sheet, row_error
from canting.registry.importing.villages import Villages
from canting.registry.models import Enterprise, Membership, Person, Technique

# Rows looked up and written together. A chunk's lookups stay far below the bound parameters a statement may carry
# (32,766 on SQLite since 3.32, 65,535 on PostgreSQL), and so does inserting a chunk's enterprises in one statement.
CHUNK = 1000
# Fields the registry's services compute when a row leaves them empty (from the NIK), audited when they change.
DERIVED = {IKM.name: (), ORANG.name: ("gender", "birth_date")}

# Looked up by the checker itself, a chunk at a time, so the registry's field rules need not query them row by row.
RELATIONS = ("village",)

Progress = Callable[[int], None]  # told how many rows have been checked so far
# Values remembered as valid per field: columns whose values all differ (names, NIB, NIK) stop being remembered.
REMEMBERED = 1000


def _key(value: Any) -> Any:
    """A value as a set holds it: a list (which only a JSON field holds) as a tuple."""
    return tuple(value) if isinstance(value, list) else value


def chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


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
    changed: dict[str, list[Any]] = field(default_factory=dict)  # field -> [old, new] as the audit trail has it


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
    held: set[tuple[str, str, str]] = field(default_factory=set)  # (NIK, NIB, role) already in the registry
    registered: dict[str, Enterprise] = field(default_factory=dict)  # NIB -> enterprise already in the registry
    new_memberships: int = 0
    errors: list[RowError] = field(default_factory=list)


class Checker:
    """Checks parsed rows for one staff user: their working area, what they may see, and the registry's rules.

    With ``recheck`` (applying a preview) the registered enterprises and people the rows change are locked until
    the transaction ends, so what was checked is what gets written; and the rows' own values, which the preview
    validated and which have not changed since, are not validated again: what the registry decides is (who may
    see what, duplicates, roles held, the NIK against the registered person).
    """

    def __init__(
        self, user: User, sheets: dict[str, Any], *, recheck: bool = False, progress: Progress | None = None
    ) -> None:
        self.user = user
        self.area = user.area_id or ""
        self.sheets = sheets
        self.recheck = recheck
        self.progress = progress
        self.plan = Plan()
        self.villages = Villages(self.area)
        # Per row, the columns that already carry an error: one message per cell is enough.
        self.refused: dict[tuple[str, int], set[str]] = {}
        self.seen_nib: dict[str, int] = {}
        self.seen_name: dict[tuple[str, str], int] = {}
        self.first_nik: dict[str, int] = {}
        self.checked = 0
        # Per model and field, values that passed the field rules: a value is valid or not whatever its row, and
        # most columns repeat a few values (a legal form, a year, a count), so each is validated once.
        self.valid: dict[type[models.Model], dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))

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

    def _unvalidated(self, instance: models.Model, fields: set[str]) -> set[str]:
        """The fields whose values have not passed the field rules in this file yet (relations are looked up)."""
        known = self.valid[type(instance)]
        return {name for name in fields if name in RELATIONS or _key(getattr(instance, name)) not in known[name]}

    def _validated(self, instance: models.Model, fields: set[str]) -> None:
        known = self.valid[type(instance)]
        for name in fields:
            if name not in RELATIONS and len(known[name]) < REMEMBERED:
                known[name].add(_key(getattr(instance, name)))

    def _done(self, rows: int) -> None:
        self.checked += rows
        if self.progress is not None:
            self.progress(self.checked)

    # --- lookups, one query each per chunk ----------------------------------------------------------------------
    def _lockable(self, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        # Only the rows themselves: their villages (joined for the preview) are not being changed.
        return queryset.select_for_update(of=("self",)) if self.recheck else queryset

    def _enterprises(self, nibs: set[str]) -> tuple[dict[str, Enterprise], set[str]]:
        """The registered enterprises with these NIBs, and the NIBs of those the officer may see."""
        if not nibs:
            return {}, set()
        found = self._lockable(Enterprise.objects.filter(nib__in=nibs).select_related("village"))
        known = {str(e.nib): e for e in found}
        if not known:
            return known, set()
        visible = Enterprise.objects.for_user(self.user).filter(nib__in=known).values_list("nib", flat=True)
        return known, set(visible)

    def _name_twins(self, enterprises: list[Enterprise]) -> dict[tuple[str, str], tuple[int, str, str | None]]:
        """(lower-case name, village) -> (pk, name, NIB) of the registered enterprise holding that pair, if any.

        Names are compared as the database lower-cases them, as ``services.check_enterprise_duplicates`` does.
        """
        wanted = {(e.name.lower(), e.village_id) for e in enterprises if e.name and e.village_id}
        if not wanted:
            return {}
        found = (
            Enterprise.objects.annotate(lname=Lower("name"))
            .filter(lname__in={name for name, _ in wanted}, village_id__in={village for _, village in wanted})
            .order_by("name", "id")
            .values_list("lname", "village_id", "pk", "name", "nib")
        )
        twins: dict[tuple[str, str], tuple[int, str, str | None]] = {}
        for lname, village, pk, name, nib in found:
            twins.setdefault((lname, village), (pk, name, nib))
        return twins

    def _people(self, niks: set[str]) -> tuple[dict[str, Person], set[str], set[tuple[str, str, str]]]:
        """The registered people with these NIKs, the NIKs the officer may see, and the roles they hold."""
        if not niks:
            return {}, set(), set()
        found = self._lockable(Person.objects.filter(nik__in=niks).select_related("village"))
        people = {str(p.nik): p for p in found}
        if not people:
            return people, set(), set()
        seen = set(Person.objects.for_user(self.user).filter(nik__in=people).values_list("nik", flat=True))
        held = Membership.objects.filter(person__nik__in=people).values_list("person__nik", "enterprise__nib", "role")
        return people, seen, {(str(nik), str(nib), role) for nik, nib, role in held}

    # --- one row --------------------------------------------------------------------------------------------------
    def build(self, spec: Sheet, row: Row, instance: models.Model, changes: dict[str, Any]) -> Planned | None:
        """Apply the row's values to ``instance`` and run the registry's field rules; None when the row is refused.

        The rules that need the registry (another record with the same NIB, NIK or name) are the caller's: it has
        looked them up for the whole chunk.
        """
        derived = [name for name in DERIVED[spec.name] if name not in changes]
        before = audit.snapshot(instance, [*changes, *derived]) if instance.pk else {}
        # What each filled column holds now, so the officer sees what an update overwrites.
        columns = [c for c in spec.columns if set(c.fields or (c.key,)) <= changes.keys()] if instance.pk else []
        registered = {c.key: (audit.snapshot(instance, c.fields or (c.key,)), _shown(instance, c.key)) for c in columns}
        for name, value in changes.items():
            setattr(instance, name, value)
        try:
            if spec is ORANG:
                services.fill_from_nik(instance)  # type: ignore[arg-type]
            if not self.recheck:
                # Only the fields the row sets: the others keep a default or what is registered.
                fields = self._unvalidated(instance, {*changes, *derived})
                if spec is IKM:
                    services.check_enterprise_fields(instance, only=fields, looked_up=RELATIONS)  # type: ignore[arg-type]
                else:
                    services.check_person_fields(instance, only=fields, looked_up=RELATIONS)  # type: ignore[arg-type]
                self._validated(instance, fields)
            if spec is ORANG:
                services.check_nik_facts(instance)  # type: ignore[arg-type]
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
        after = audit.snapshot(instance, [*changes, *derived])
        action = "update" if audit.diff({k: before[k] for k in changes}, {k: after[k] for k in changes}) else "same"
        return Planned(row["row"], instance, changes, action, overwritten, audit.diff(before, after))

    def changes(self, spec: Sheet, row: Row) -> dict[str, Any]:
        """Model field -> value for every filled cell; a blank cell leaves what is registered unchanged."""
        changes: dict[str, Any] = {}
        for key, value in row["values"].items():
            if key == "village":
                found = self.villages.get(value)
                if isinstance(found, str):
                    self.add(spec, row, key, found)
                else:
                    changes["village"] = found
            elif key == "techniques":
                changes |= {f"technique_{t.value}": t.value in value for t in Technique}
            elif key == "investment":
                changes[key] = Decimal(value)
            elif key == "birth_date":
                changes[key] = datetime.date.fromisoformat(value)
            elif key not in ("enterprise_nib", "role"):
                changes[key] = value
        return changes

    # --- the file -------------------------------------------------------------------------------------------------
    def check(self) -> Plan:
        rows = {spec.name: self.sheets[spec.name]["rows"] for spec in SHEETS}
        in_file = {r["values"].get("nib") for r in rows[IKM.name]} - {None}
        for chunk in chunks(rows[IKM.name]):
            self._check_enterprises(chunk)
            self._done(len(chunk))
        for chunk in chunks(rows[ORANG.name]):
            self._check_people(chunk, in_file)
            self._done(len(chunk))
        # All or nothing: a row that is neither planned nor refused must stop the import, never be skipped.
        planned = {(IKM.name, p.row) for p in self.plan.enterprises} | {(ORANG.name, p.row) for p in self.plan.people}
        accounted = planned | {(e["sheet"], e["row"]) for e in self.plan.errors}
        for spec in SHEETS:
            for row in rows[spec.name]:
                if (spec.name, row["row"]) not in accounted and not row.get("invalid"):
                    self.add(spec, row, "", _("This row could not be checked, so nothing will be written."))
        return self.plan

    def _check_enterprises(self, chunk: list[Row]) -> None:
        known, visible = self._enterprises({r["values"]["nib"] for r in chunk if "nib" in r["values"]})
        self.villages.find(r["values"]["village"] for r in chunk if "village" in r["values"])
        built: list[tuple[Row, Planned]] = []
        for row in chunk:
            nib = row["values"].get("nib")
            if nib in self.seen_nib:
                message = _("NIB %(nib)s is also on row %(row)d.") % {"nib": nib, "row": self.seen_nib[nib]}
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
            self.seen_nib[nib] = row["row"]
            planned = self.build(IKM, row, known.get(nib) or Enterprise(), changes)
            if planned is not None:
                built.append((row, planned))
        twins = self._name_twins([planned.instance for _, planned in built])  # type: ignore[misc]
        for row, planned in built:
            enterprise: Enterprise = planned.instance  # type: ignore[assignment]
            key = (enterprise.name.lower(), enterprise.village_id)
            twin = twins.get(key)
            if twin is not None and twin[0] != enterprise.pk:
                self.add_all(IKM, row, services.duplicate_name_error(twin[1], twin[2]))
                continue
            if key in self.seen_name:
                message = _("%(name)s in this village is also on row %(row)d.")
                self.add(IKM, row, "name", message % {"name": enterprise.name, "row": self.seen_name[key]})
                continue
            self.seen_name[key] = row["row"]
            self.plan.enterprises.append(planned)

    def _check_people(self, chunk: list[Row], in_file: set[str]) -> None:
        people, seen, held = self._people({r["values"]["nik"] for r in chunk if "nik" in r["values"]})
        elsewhere = {r["values"]["enterprise_nib"] for r in chunk if "enterprise_nib" in r["values"]} - in_file
        known, visible = self._enterprises(elsewhere)
        self.villages.find(r["values"]["village"] for r in chunk if "village" in r["values"])
        self.plan.held |= held
        for row in chunk:
            values = row["values"]
            nik, nib, role = values.get("nik"), values.get("enterprise_nib"), values.get("role")
            if nik in self.first_nik:
                self.add(ORANG, row, "nik", _("This NIK is also on row %(row)d.") % {"row": self.first_nik[nik]})
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
            self.first_nik[nik] = row["row"]
            planned = self.build(ORANG, row, people.get(nik) or Person(), changes)
            if planned is not None:
                self.plan.people.append(planned)
            if nib and role:
                self.plan.memberships.append((row["row"], nik, nib, role))
                self.plan.new_memberships += (nik, nib, role) not in held


def check_rows(sheets: dict[str, Any], user: User, *, recheck: bool = False, progress: Progress | None = None) -> Plan:
    """Every row checked against the registry as ``user`` sees it; ``plan.errors`` lists what is wrong.

    ``progress`` is told how many rows have been checked after each chunk; ``recheck`` is for applying (see Checker).
    """
    return Checker(user, sheets, recheck=recheck, progress=progress).check()
