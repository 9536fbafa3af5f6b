"""A booth never holds two exhibitors on overlapping days: the database refuses it, whatever runs at the same moment.

PostgreSQL: an exclusion constraint over the booth and the days (both ends included; btree_gist lets a GiST index
compare the booth id). SQLite has no exclusion constraints; triggers refuse an overlapping insert or update instead,
and SQLite runs one writing transaction at a time, so the check and the write cannot be interleaved.
"""

from django.db import migrations

from canting.core.migration_sql import by_vendor

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE exhibitions_boothassignment ADD CONSTRAINT exhibitions_assignment_no_overlap
       EXCLUDE USING gist (booth_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&) WHERE (active)""",
]
POSTGRES_BACK = ["ALTER TABLE exhibitions_boothassignment DROP CONSTRAINT exhibitions_assignment_no_overlap"]

OVERLAP = """NEW.active AND EXISTS (
    SELECT 1 FROM exhibitions_boothassignment a
    WHERE a.booth_id = NEW.booth_id AND a.active AND a.id IS NOT NEW.id
      AND a.starts_on <= NEW.ends_on AND NEW.starts_on <= a.ends_on
)"""
SQLITE = [
    f"""CREATE TRIGGER exhibitions_assignment_no_overlap_insert BEFORE INSERT ON exhibitions_boothassignment
        WHEN {OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'exhibitions_assignment_no_overlap'); END""",
    f"""CREATE TRIGGER exhibitions_assignment_no_overlap_update
        BEFORE UPDATE OF booth_id, starts_on, ends_on, active ON exhibitions_boothassignment
        WHEN {OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'exhibitions_assignment_no_overlap'); END""",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS exhibitions_assignment_no_overlap_insert",
    "DROP TRIGGER IF EXISTS exhibitions_assignment_no_overlap_update",
]


class Migration(migrations.Migration):
    dependencies = [("exhibitions", "0001_initial")]
    operations = [
        by_vendor({"postgresql": POSTGRES, "sqlite": SQLITE}, {"postgresql": POSTGRES_BACK, "sqlite": SQLITE_BACK})
    ]
