"""Two holding reservations of one facility never overlap: the database refuses it, whatever runs at the same moment.

PostgreSQL: an exclusion constraint over the facility and the time range (btree_gist lets a GiST index compare
the facility id). SQLite has no exclusion constraints; triggers refuse an overlapping insert or update instead,
and SQLite runs one writing transaction at a time, so the check and the write cannot be interleaved.
"""

from django.db import migrations

from canting.core.migration_sql import by_vendor

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE facilities_reservation ADD CONSTRAINT facilities_reservation_no_overlap
       EXCLUDE USING gist (facility_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (holds)""",
]
POSTGRES_BACK = ["ALTER TABLE facilities_reservation DROP CONSTRAINT facilities_reservation_no_overlap"]

OVERLAP = """NEW.holds AND EXISTS (
    SELECT 1 FROM facilities_reservation r
    WHERE r.facility_id = NEW.facility_id AND r.holds AND r.id IS NOT NEW.id
      AND r.starts_at < NEW.ends_at AND NEW.starts_at < r.ends_at
)"""
SQLITE = [
    f"""CREATE TRIGGER facilities_reservation_no_overlap_insert BEFORE INSERT ON facilities_reservation
        WHEN {OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'facilities_reservation_no_overlap'); END""",
    f"""CREATE TRIGGER facilities_reservation_no_overlap_update
        BEFORE UPDATE OF facility_id, starts_at, ends_at, holds ON facilities_reservation
        WHEN {OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'facilities_reservation_no_overlap'); END""",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS facilities_reservation_no_overlap_insert",
    "DROP TRIGGER IF EXISTS facilities_reservation_no_overlap_update",
]


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]
    operations = [
        by_vendor({"postgresql": POSTGRES, "sqlite": SQLITE}, {"postgresql": POSTGRES_BACK, "sqlite": SQLITE_BACK})
    ]
