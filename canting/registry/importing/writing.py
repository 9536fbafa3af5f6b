"""Writing a checked plan to the registry in bulk, with the audit events the registry's services write one by one.

``create_enterprise``, ``update_person``, ``add_membership`` and the others take a record each, with a dozen
queries (checks, lock, insert, audit). An import of a whole province writes tens of thousands of records, already
checked by ``checks`` (under lock, inside the transaction that writes them), so here each chunk of rows costs a
fixed number of statements: one insert of its new records, one update of its changed ones, one insert of their
audit events. The events are the services' own: the same actions, the same old and new values, personal fields
masked. The database's unique constraints stay the last guard: a clash raises ``IntegrityError`` and rolls it all back.

Inserts are written here rather than by ``bulk_create``, which compiles every value of a statement through the
field's machinery: measured on a province's file, that took four times as long as the database's own work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import connection, connections, models, transaction
from django.db.models import BigAutoField, BooleanField, CharField, ForeignKey, IntegerField
from django.utils import timezone

from canting.core import audit, public_cache
from canting.core.models import AuditEvent, User
from canting.core.services import editable_fields
from canting.registry.importing.checks import Plan, Planned, chunks
from canting.registry.models import Enterprise, Membership, Person

M = TypeVar("M", bound=models.Model)
Progress = Callable[[int], None]  # told how many rows have been written so far


@contextmanager
def statement_parameters() -> Iterator[None]:
    """Let a bulk statement carry as many parameters as the database takes.

    Django 5.2 assumes SQLite's old limit of 999 bound parameters and splits a chunk's insert into dozens of
    statements; SQLite has allowed 32,766 since 3.32, and the connection says how many it takes.
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    features = connection.features
    features.max_query_params = limit  # an attribute of this connection's features, not of the class
    try:
        yield
    finally:
        del features.max_query_params


# Fields whose Python value is what the database takes (a foreign key by its id): no preparing needed.
PLAIN = (CharField, IntegerField, BooleanField, ForeignKey)
POSTGRES_PARAMETERS = 65_535  # the wire protocol counts a statement's parameters in 16 bits


def _inserted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, BigAutoField) and not f.primary_key]


def insert(model: type[M], objects: list[M], *, returning: bool = True) -> None:
    """INSERT ``objects`` as ``bulk_create`` does (``auto_now`` stamps, values prepared by their fields, ids set),
    in as few statements as the database allows; the records of one call share one time stamp.

    PostgreSQL takes them through COPY, with ids drawn from the table's sequence first: five times as fast as an
    INSERT of the same rows, whose 24,000 parameters psycopg quotes into the statement one by one.
    """
    if not objects:
        return
    fields = _inserted_fields(model)
    values = _values(fields, objects)
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, str(model._meta.pk.column)  # type: ignore[union-attr]
    columns = ", ".join(quote(str(f.column)) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ids: list[Any] = []
            if returning:
                sequence = "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"
                cursor.execute(sequence, [table, pk, len(objects)])
                ids = [row[0] for row in cursor.fetchall()]
                columns = f"{quote(pk)}, {columns}"
            # Only the model's own table and column names are written into the statement; the values are data.
            with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
                for number, row in enumerate(values):
                    copy.write_row([ids[number], *row] if returning else row)
            if returning:
                _saved(objects, ids)
            return
        limit = connection.features.max_query_params or POSTGRES_PARAMETERS
        per_statement = max(1, limit // len(fields))
        placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
        # As above: only the model's own table and column names are written into the SQL.
        head = f"INSERT INTO {quote(table)} ({columns}) VALUES "  # noqa: S608
        tail = f" RETURNING {quote(pk)}" if returning else ""
        for start in range(0, len(objects), per_statement):
            rows = values[start : start + per_statement]
            cursor.execute(head + ", ".join([placeholders] * len(rows)) + tail, [v for row in rows for v in row])
            if returning:
                _saved(objects[start : start + per_statement], [row[0] for row in cursor.fetchall()])


def _values(fields: list[models.Field[Any, Any]], objects: list[M]) -> list[list[Any]]:
    """Each record's values as the database takes them, prepared by their fields as ``bulk_create`` would; the
    ``auto_now`` stamps are set to one moment."""
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objects:
        for name in stamped:
            setattr(obj, name, now)
    prepared_now = {
        name: next(f for f in fields if f.attname == name).get_db_prep_save(now, connection) for name in stamped
    }
    how = [
        (f.attname, prepared_now.get(f.attname), None if isinstance(f, PLAIN) else f.get_db_prep_save) for f in fields
    ]
    database = connections[connection.alias]  # the connection itself, not the proxy that looks it up each time
    rows = []
    for obj in objects:
        row = []
        for name, stamp, prepare in how:
            if stamp is not None:
                row.append(stamp)
            elif prepare is None:
                row.append(getattr(obj, name))
            else:
                row.append(prepare(getattr(obj, name), database))
        rows.append(row)
    return rows


def _saved(objects: list[M], ids: list[Any]) -> None:
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias


def _created(instance: models.Model, action: str, actor: User | None, fields: list[str]) -> AuditEvent:
    """The event ``canting.core.services.create`` writes: every field with a value, from nothing."""
    changes = audit.diff({}, audit.snapshot(instance, fields))
    return audit.event(actor=actor, action=action, instance=instance, changes=changes)


def _update(model: type[M], items: list[Planned]) -> None:
    """Save the changed fields of each record (``Planned.changed``): one UPDATE run for every record, sent at once
    (``bulk_update`` builds a CASE of every record for every field, which took longer than the rest of an apply)."""
    if not items:
        return
    names = {name for item in items for name in item.changed}
    fields = [model._meta.get_field(name) for name in sorted(names)]
    fields.append(model._meta.get_field("updated_at"))  # stamped by _values, as auto_now would
    records: list[M] = [item.instance for item in items]  # type: ignore[misc]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)  # type: ignore[union-attr]
    pk = str(model._meta.pk.column)  # type: ignore[union-attr]
    # Only the model's own table and column names are written into the SQL; every value is a parameter.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk)} = %s"  # noqa: S608
    rows = [[*values, record.pk] for values, record in zip(_values(fields, records), records, strict=True)]  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _write(model: type[M], items: list[Planned], actor: User | None, created: str, changed: str) -> None:
    """One chunk's records: insert the new ones, update the changed ones, and audit each in the file's order."""
    insert(model, [item.instance for item in items if item.action == "new"])  # type: ignore[misc]
    _update(model, [item for item in items if item.action != "new" and item.changed])
    fields = editable_fields(model())
    events = [
        _created(item.instance, created, actor, fields)
        if item.action == "new"
        else audit.event(actor=actor, action=changed, instance=item.instance, changes=item.changed)
        for item in items
        if item.action == "new" or item.changed
    ]
    insert(AuditEvent, events, returning=False)


def write_plan(plan: Plan, actor: User, progress: Progress | None = None) -> None:
    """Write every planned row: enterprises, then people, then their roles in enterprises."""
    done = 0

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        if progress is not None:
            progress(done)

    by_nib: dict[str, Enterprise] = dict(plan.registered)
    for chunk in chunks(plan.enterprises):
        _write(Enterprise, chunk, actor, "registry.enterprise.created", "registry.enterprise.changed")
        by_nib.update((item.instance.nib, item.instance) for item in chunk)  # type: ignore[attr-defined]
        advance(len(chunk))
    if any(item.action != "new" and item.changed for item in plan.enterprises):
        # Names, contacts and status show on the public showcase, whose pages are cached (as update_enterprise).
        transaction.on_commit(public_cache.bump_version)
    by_nik: dict[str, Person] = {}
    for chunk in chunks(plan.people):
        _write(Person, chunk, actor, "registry.person.created", "registry.person.changed")
        by_nik.update((item.instance.nik, item.instance) for item in chunk)  # type: ignore[attr-defined]
        advance(len(chunk))
    fields = editable_fields(Membership())
    for chunk in chunks([m for m in plan.memberships if m[1:] not in plan.held]):
        memberships = [
            Membership(enterprise=by_nib[nib], person=by_nik[nik], role=role) for _row, nik, nib, role in chunk
        ]
        insert(Membership, memberships)
        insert(
            AuditEvent, [_created(m, "registry.membership.added", actor, fields) for m in memberships], returning=False
        )
