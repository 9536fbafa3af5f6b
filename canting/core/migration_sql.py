"""SQL that differs by database, for migrations: the guarantees Django cannot declare on every backend."""

from __future__ import annotations

from typing import Any

from django.db import migrations

Statements = dict[str, list[str]]


def by_vendor(forwards: Statements, backwards: Statements) -> migrations.RunPython:
    """A migration operation running ``forwards[vendor]`` (and, reversed, ``backwards[vendor]``) on the database
    in use; a vendor not named runs nothing."""

    def run(statements: Statements) -> Any:
        def apply(apps: Any, schema_editor: Any) -> None:
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))
