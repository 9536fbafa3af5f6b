"""GIN indexes for full-text search on PostgreSQL; nothing on other databases.

The indexes are on the very expression ``canting.catalogue.selectors`` filters on,
``SearchVector(*fields, config="simple")``, so the planner answers ``@@`` from the index instead of computing
``to_tsvector`` over every row. They are built here by Django from the same ``SearchVector``, so the SQL matches
the query's. The field lists are frozen copies of ``PRODUCT_TEXT`` and ``MOTIF_TEXT`` in the selectors: change
them together (with a new migration), or the query silently stops using the index (``test_search`` notices).

``fastupdate`` is off: each insert or edit updates the index at once instead of queueing in GIN's pending list.
With the pending list, a bulk load (the benchmark's 10,000 pieces, an import) leaves thousands of entries that
every search scans linearly until the next vacuum, and the planner, seeing them, went back to computing
``to_tsvector`` over every row (0.44 s instead of a few ms). The catalogue has few writes, so slower writes cost
little (filling 10,000 pieces took 11.0 s instead of 9.8 s, within noise).

They are not declared in the models' ``Meta``: SQLite cannot build them, and the migration state would then hold
PostgreSQL-only indexes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "Product": ("catalogue_product_search_gin", ("name_ind", "name_en", "description_ind", "description_en")),
    "Motif": (
        "catalogue_motif_search_gin",
        ("name_ind", "name_en", "story_ind", "story_en", "meaning_ind", "meaning_en"),
    ),
}


def _indexes(apps):
    for model_name, (index_name, fields) in INDEXES.items():
        model = apps.get_model("catalogue", model_name)
        yield model, GinIndex(SearchVector(*fields, config="simple"), name=index_name, fastupdate=False)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
