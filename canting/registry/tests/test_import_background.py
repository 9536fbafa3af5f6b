"""Imports of a whole province: checking and applying as background tasks with a progress bar, a fixed number of
queries per chunk of rows, and all or nothing however many rows a file holds.

The suite's task backend runs a task as it is queued; the tests that follow a task through its states queue it on
the dummy backend instead (it keeps tasks without running them) and run it by hand, as a worker would.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from canting.core.models import AuditEvent, User
from canting.registry import tasks
from canting.registry.importing import apply_import, background, checks, progress, writing
from canting.registry.models import Enterprise, ImportBatch, Membership, Person
from canting.registry.tests.factories import EnterpriseFactory, nik_for
from canting.registry.tests.test_import import (
    SEKAR,
    SITI,
    client_for,
    errors_of,
    registry_counts,
    stage,
    upload,
    xlsx,
)
from canting.registry.validators import nik_facts

pytestmark = pytest.mark.django_db

VILLAGES = ("35.76.01.1003", "35.76.02.1001", "35.76.03.1002")


def rows(count: int, first: int = 0) -> tuple[list[list[Any]], list[list[Any]]]:
    """``count`` enterprises, each with its owner, in the template's layout (every column filled)."""
    ikm, orang = [], []
    for n in range(first, first + count):
        nib = f"{9300000000000 + n}"
        ikm.append([
            nib, f"Batik Uji {n}", "Uji", f"{100000000000000 + n}", "perorangan", 1990 + n % 30, f"Jl. Uji {n}",
            VILLAGES[n % 3], "tulis, cap", n % 200, n % 5, n % 7 + 1, f"Rp {n % 50 + 1}.000.000",
        ])  # fmt: skip
        orang.append([
            nik_for(n + 1), f"Perajin Uji {n}", "P", "", f"0812{n:08d}", f"perajin{n}@example.id", f"Jl. Uji {n}",
            VILLAGES[n % 3], nib, "pemilik",
        ])  # fmt: skip
    return ikm, orang


def province_file(count: int, first: int = 0) -> bytes:
    ikm, orang = rows(count, first)
    return xlsx(ikm=ikm, orang=orang)


@pytest.fixture
def worker(settings: Any) -> Iterator[None]:
    """Tasks wait in a queue (the dummy backend) until the test runs them, as a worker process would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield


def status_of(client: Any, batch: ImportBatch) -> dict[str, Any]:
    response = client.get(reverse("registry:import-status", args=[batch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


# --- a fixed number of queries per chunk ---------------------------------------------------------------------------
def queries_to_import(staff: User, count: int, first: int) -> tuple[int, int]:
    """(queries to check, queries to apply) a file of ``count`` new enterprises and their owners."""
    content = province_file(count, first)
    with CaptureQueriesContext(connection) as checking:
        batch = stage(content, staff)
    assert (batch.errors, batch.summary["IKM"]["new"], batch.summary["Orang"]["new"]) == ([], count, count)
    with CaptureQueriesContext(connection) as applying:
        applied = apply_import(batch, actor=staff)
    assert applied.status == "applied"
    return len(checking.captured_queries), len(applying.captured_queries)


def test_checking_and_applying_take_as_many_queries_for_200_rows_as_for_20(staff: User) -> None:
    # given files of 20 and of 200 enterprises with their owners (one chunk each)
    # when each is checked and applied
    small = queries_to_import(staff, 20, first=0)
    large = queries_to_import(staff, 200, first=1000)

    # then the queries do not grow with the rows
    assert small == large
    assert large[1] < 30, large


def test_queries_grow_with_chunks_not_with_rows(staff: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHUNK", 10)

    one = queries_to_import(staff, 10, first=0)
    three = queries_to_import(staff, 30, first=1000)

    # each further chunk costs the same fixed number of statements
    per_chunk = ((three[0] - one[0]) // 2, (three[1] - one[1]) // 2)
    assert three == (one[0] + 2 * per_chunk[0], one[1] + 2 * per_chunk[1])
    assert per_chunk[0] <= 6 and per_chunk[1] <= 12, per_chunk


def test_a_large_file_is_written_with_the_services_audit_events(staff: User) -> None:
    # given a file of 60 enterprises with their owners
    before = AuditEvent.objects.count()
    batch = stage(province_file(60), staff)

    # when it is applied
    apply_import(batch, actor=staff)

    # then every record is written, each with the event its service writes, personal fields masked
    assert (Enterprise.objects.count(), Person.objects.count(), Membership.objects.count()) == (60, 60, 60)
    assert AuditEvent.objects.count() - before == 60 * 3 + 1
    enterprise = Enterprise.objects.get(nib="9300000000007")
    created = AuditEvent.objects.get(action="registry.enterprise.created", object_id=str(enterprise.pk))
    assert (created.actor, created.object_type, created.object_repr) == (staff, "registry.enterprise", "Batik Uji 7")
    assert created.changes["nib"] == [None, "9300000000007"]
    assert created.changes["investment"] == [None, "8000000"]
    assert created.changes["village"] == [None, "35.76.02.1001"]
    assert "centre" not in created.changes  # as services.create: only fields that have a value
    person = Person.objects.get(full_name="Perajin Uji 7")
    assert (person.gender, person.birth_date.isoformat()) == ("P", nik_facts(person.nik)[1])  # taken from the NIK
    event = AuditEvent.objects.get(action="registry.person.created", object_id=str(person.pk))
    assert event.changes["nik"][1] != person.nik and event.changes["nik"][1].endswith(person.nik[-4:])
    assert event.changes["phone"][1] != person.phone
    membership = Membership.objects.get(person=person)
    added = AuditEvent.objects.get(action="registry.membership.added", object_id=str(membership.pk))
    assert added.changes == {"enterprise": [None, enterprise.pk], "person": [None, person.pk], "role": [None, "owner"]}
    assert added.object_repr == str(membership)
    assert person.created_at is not None and enterprise.updated_at is not None


# --- all or nothing, however many rows -----------------------------------------------------------------------------
def test_one_bad_row_among_many_writes_nothing(staff: User, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a file of 250 good rows a sheet with one bad row in a later chunk
    monkeypatch.setattr(checks, "CHUNK", 50)
    ikm, orang = rows(250)
    ikm[203][3] = "12345"  # NPWP too short, on the sheet's row 205
    before = registry_counts()

    # when it is checked and the officer tries to apply it
    batch = stage(xlsx(ikm=ikm, orang=orang), staff)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        apply_import(batch, actor=staff)

    # then the error names its sheet, row and column, and nothing at all was written
    assert errors_of(batch) == [("IKM", 205, "NPWP", "NPWP must be 15 or 16 digits; 5 given.")]
    assert refused.value.messages == ["An import with errors cannot be applied. Correct the file and upload it again."]
    assert registry_counts() == before


def test_a_row_the_registry_refuses_when_applying_stops_every_chunk(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a clean preview of 120 rows a sheet, and meanwhile a colleague registers row 118's name in its village
    monkeypatch.setattr(checks, "CHUNK", 50)
    batch = stage(province_file(120), staff)
    EnterpriseFactory(nib="9120009999999", name="Batik Uji 116", village_id=VILLAGES[116 % 3])
    before = registry_counts()

    # when it is applied
    with translation.override("en"), pytest.raises(ValidationError):
        apply_import(batch, actor=staff)

    # then the first chunks are not written either, and the preview shows why
    assert registry_counts() == before
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert errors_of(batch) == [
        ("IKM", 118, "Nama usaha", "Batik Uji 116 is already registered in this village (NIB 9120009999999).")
    ]


def test_a_clash_while_writing_a_later_chunk_rolls_back_the_chunks_before(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a clean preview of 120 rows a sheet, written 50 at a time, and a database that refuses the third insert
    monkeypatch.setattr(checks, "CHUNK", 50)
    batch = stage(province_file(120), staff)
    before = registry_counts()
    insert = writing.insert
    calls = []

    def clashing(model: Any, objects: list[Any], **options: Any) -> None:
        calls.append(model)
        if len(calls) == 5:  # enterprises, events, enterprises, events, then the third chunk
            raise IntegrityError("duplicate key value violates unique constraint")
        insert(model, objects, **options)

    monkeypatch.setattr(writing, "insert", clashing)

    # when it is applied
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        apply_import(batch, actor=staff)

    # then the two chunks already written are gone again, and the preview can be applied later
    assert refused.value.messages == [
        "While the import was being applied, someone else registered an enterprise or a person it holds. Nothing "
        "was written; open the import again to check it and apply it."
    ]
    assert registry_counts() == before
    batch.refresh_from_db()
    assert (batch.status, batch.errors) == ("preview", [])
    monkeypatch.setattr(writing, "insert", insert)
    apply_import(batch, actor=staff)
    assert Enterprise.objects.count() - before["enterprises"] == 120


# --- in the background, with a progress bar ------------------------------------------------------------------------
def test_the_progress_status_follows_a_check_and_an_apply_run_by_a_worker(staff: User, worker: None) -> None:
    client = client_for(staff)
    before = registry_counts()

    # when the file is uploaded, the check waits for a worker and its page shows a progress bar
    response = client.post(reverse("registry:import-upload"), {"file": upload(province_file(30))})
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    assert batch.status == "checking" and bytes(batch.source).startswith(b"PK")
    page = client.get(batch.get_absolute_url())
    assert page.context["working"] is True
    status_url = reverse("registry:import-status", args=[batch.pk])
    assert f'data-progress-url="{status_url}"' in page.content.decode()
    assert status_of(client, batch) == {
        "status": "checking",
        "finished": False,
        "percent": 0,
        "label": "Waiting for its turn…",
        "url": batch.get_absolute_url(),
    }

    # when the worker has checked half the rows
    progress.report(batch.pk, "checking", 30, 60)

    # then the status says so, as the officer's language writes numbers
    assert status_of(client, batch)["percent"] == 50
    assert status_of(client, batch)["label"] == "Checking rows: 30 of 60"

    # when the worker has checked it all
    outcome = tasks.check_import.call(batch.pk, "en")

    # then the status says it is done, the page shows the preview, and the file itself is dropped
    assert outcome == {"status": "preview", "messages": [], "errors": 0}
    assert status_of(client, batch) == {
        "status": "preview",
        "finished": True,
        "percent": 100,
        "label": "Preview",
        "url": batch.get_absolute_url(),
    }
    batch.refresh_from_db()
    assert (batch.source, batch.summary["IKM"]["new"], batch.summary["Orang"]["new"]) == (None, 30, 30)
    assert client.get(batch.get_absolute_url()).context["can_apply"] is True

    # when the officer applies it, the apply waits for a worker
    response = client.post(batch.get_absolute_url(), {"action": "apply"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The import is being applied. This page shows how far it has got."
    ]
    assert status_of(client, batch)["status"] == "applying"
    assert registry_counts() == before
    writing_half = progress.Progress("writing", 30, 60)
    assert (writing_half.percent, writing_half.label) == (75, "Writing to the registry: 30 of 60 rows")

    # and it can be neither applied twice nor discarded meanwhile
    for action in ("apply", "discard"):
        response = client.post(batch.get_absolute_url(), {"action": action}, follow=True)
        assert [str(m) for m in response.context["messages"]] == [
            "This import is being applied; wait until it has finished."
        ]

    # when the worker has applied it
    assert tasks.apply_import.call(batch.pk, staff.pk, "en") == {"status": "applied", "messages": []}

    # then everything is written and the status is finished
    assert status_of(client, batch)["status"] == "applied"
    after = registry_counts()
    assert (after["enterprises"] - before["enterprises"], after["people"] - before["people"]) == (30, 30)


def test_a_refused_file_checked_by_a_worker_says_why_on_its_page(staff: User, worker: None) -> None:
    client = client_for(staff)
    client.post(reverse("registry:import-upload"), {"file": upload(xlsx(sheets=("IKM",)))})
    batch = ImportBatch.objects.get()

    outcome = tasks.check_import.call(batch.pk, "en")

    message = "The workbook has no sheet Orang. Use the template: its sheets are named IKM and Orang."
    assert outcome == {"status": "refused", "messages": [message]}
    batch.refresh_from_db()
    assert (batch.status, batch.source, batch.rows) == ("refused", None, {})
    page = client.get(batch.get_absolute_url())
    assert message in page.content.decode()
    assert status_of(client, batch)["finished"] is True
    with pytest.raises(ValidationError):
        apply_import(batch, actor=staff)


def test_a_check_that_breaks_leaves_a_refused_batch_with_a_message(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(background, "check_file", broken)

    response = client_for(staff).post(reverse("registry:import-upload"), {"file": upload(xlsx())})

    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    assert (batch.status, batch.source) == ("refused", None)
    assert batch.summary["refused"] == [
        "Canting could not check this file because of an internal error. Upload it again later."
    ]


def test_the_status_is_for_the_uploader_only(staff: User, personas: dict[str, Any]) -> None:
    from canting.core.testing import staff_user

    batch = stage(xlsx(ikm=[SEKAR], orang=[SITI]), staff)
    url = reverse("registry:import-status", args=[batch.pk])

    assert client_for(staff_user("yusuf")).get(url).status_code == 404
    assert client_for(personas["artisan"]).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


# --- the preview of a large file, a page at a time -----------------------------------------------------------------
def test_a_large_preview_is_shown_a_page_of_rows_at_a_time(staff: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from canting.registry.views import imports

    monkeypatch.setattr(imports, "ROWS_PER_PAGE", 10)
    ikm, orang = rows(25)
    ikm[22][1] = ""  # the name is required: sheet row 24 has an error
    batch = stage(xlsx(ikm=ikm, orang=orang), staff)
    client = client_for(staff)

    first = client.get(batch.get_absolute_url())
    ikm_table, orang_table = first.context["sheets"]
    assert [row["number"] for row in ikm_table["rows"]] == list(range(2, 12))
    assert (ikm_table["total"], ikm_table["pages"]["next"]) == (25, "?page_IKM=2")
    # the error's row is on another page: its link opens the page of rows with errors that holds it
    assert [error["link"] for error in first.context["errors"]] == ["?show=errors&page_IKM=1#IKM-24"]

    third = client.get(batch.get_absolute_url(), {"page_IKM": 3, "page_Orang": 2})
    ikm_table, orang_table = third.context["sheets"]
    assert [row["number"] for row in ikm_table["rows"]] == list(range(22, 27))
    assert [row["number"] for row in orang_table["rows"]] == list(range(12, 22))
    assert [error["link"] for error in third.context["errors"]] == ["#IKM-24"]
    assert "Rows 21\N{EN DASH}25 of 25" in third.content.decode()

    errors_only = client.get(batch.get_absolute_url(), {"show": "errors"})
    assert [row["number"] for row in errors_only.context["sheets"][0]["rows"]] == [24]


# --- housekeeping ---------------------------------------------------------------------------------------------------
def test_an_upload_never_checked_is_discarded_with_its_file(staff: User, worker: None) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    client_for(staff).post(reverse("registry:import-upload"), {"file": upload(xlsx())})
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))

    call_command("discardimports", "--days", "7", stdout=io.StringIO())

    batch.refresh_from_db()
    assert (batch.status, batch.source, batch.rows) == ("discarded", None, {})
    assert tasks.check_import.call(batch.pk, "en") == {"status": "gone", "messages": []}
