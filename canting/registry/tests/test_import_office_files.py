"""Excel import of the spreadsheets offices really keep: a title above the table, headers merged over two rows,
columns the template does not know, formulas, and rows that change what is already registered.

The workbooks are built with openpyxl the way Excel users lay them out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from canting.core.models import User
from canting.core.testing import OTHER_VILLAGE
from canting.registry.importing import apply_import, workbook
from canting.registry.models import Enterprise, ImportBatch, Person
from canting.registry.tests.factories import EnterpriseFactory
from canting.registry.tests.test_import import (
    IKM_HEADER,
    ORANG_HEADER,
    SEKAR,
    SITI,
    SURYA,
    client_for,
    errors_of,
    refusal,
    registry_counts,
    stage,
    upload,
    xlsx,
)

pytestmark = pytest.mark.django_db

TITLE = "DATA IKM BATIK KOTA MOJOKERTO 2026"
Sheet = tuple[str, Sequence[Sequence[Any]], Sequence[str]]  # name, rows from row 1, merged ranges


def workbook_of(*sheets: Sheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows, merged in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in merged:
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def people(*rows: Sequence[Any]) -> Sheet:
    return ("Orang", [ORANG_HEADER, *rows], ())


def with_results(content: bytes, results: dict[str, str]) -> bytes:
    """The workbook as Excel saves it: each formula cell named in ``results`` (e.g. "L5") with its last result."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                for cell, result in results.items():
                    # openpyxl writes an empty result as <v/>, or as <v></v> when lxml is installed
                    pattern = rb'(<c r="' + cell.encode() + rb'"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)'
                    data = re.sub(pattern, rb"\1<v>" + result.encode() + rb"</v>", data)
            target.writestr(info.filename, data)
    return buffer.getvalue()


def two_row_ikm(men: str = "L", women: str = "P", rows: Sequence[Sequence[Any]] = ()) -> Sheet:
    """Sheet IKM as an office lays it out: a merged title, an empty row, a row number column, the worker counts
    under "Tenaga kerja" merged over L, P and their total, every other column name merged down over both rows."""
    names = IKM_HEADER[:10]
    header = ["No", *names, "Tenaga kerja", None, None, IKM_HEADER[12]]
    below = [None] * 11 + [men, women, "Jumlah", None]
    data = rows or (
        [1, *SEKAR[:10], 2, 5, "=L5+M5", SEKAR[12]],
        [2, *SURYA[:10], 1, 3, "=L6+M6", SURYA[12]],
    )
    down = [f"{letter}3:{letter}4" for letter in "ABCDEFGHIJKO"]
    return ("IKM", [[TITLE], [], header, below, *data], ["A1:O1", "L3:N3", *down])


# --- the header: title rows and two-row headers ------------------------------------------------------------------
def test_title_rows_above_the_column_names_are_skipped(staff: User) -> None:
    # given a title merged over the table and an empty row, above the column names of both sheets
    content = workbook_of(
        ("IKM", [[TITLE], [], IKM_HEADER, SEKAR, SURYA], ["A1:M1"]),
        ("Orang", [["DAFTAR PERAJIN"], ORANG_HEADER, [*SITI[:4], "12345", *SITI[5:]]], ()),
    )

    # when it is uploaded
    batch = stage(content, staff)

    # then the data is read from below the column names, and rows keep the numbers the sheet shows
    assert [row["row"] for row in batch.rows["IKM"]["rows"]] == [4, 5]
    assert batch.rows["IKM"]["rows"][0]["values"]["name"] == "Batik Sekar Jagad"
    assert batch.rows["IKM"]["ignored"] == []
    assert errors_of(batch) == [
        ("Orang", 3, "Telepon", "12345 is not an Indonesian phone number; write it as 08xx or +62 8xx.")
    ]


@pytest.mark.parametrize("men,women", [("L", "P"), ("Laki-laki", "Perempuan"), ("Pria", "Wanita")])
def test_a_merged_two_row_header_gives_the_worker_columns(staff: User, men: str, women: str) -> None:
    batch = stage(workbook_of(two_row_ikm(men, women), people()), staff)

    sheet = batch.rows["IKM"]
    assert batch.errors == []
    assert sheet["headers"]["workers_men"] == f"Tenaga kerja {men}"
    assert sheet["headers"]["workers_women"] == f"Tenaga kerja {women}"
    assert [(row["row"], row["values"]["workers_men"], row["values"]["workers_women"]) for row in sheet["rows"]] == [
        (5, 2, 5),
        (6, 1, 3),
    ]
    assert sheet["rows"][0]["values"]["nib"] == "9120001234567"  # a name merged down over both rows
    # the row number and the total are not in the template: left out, and said so
    assert sheet["ignored"] == [{"column": "A", "header": "No"}, {"column": "N", "header": "Tenaga kerja Jumlah"}]


def test_a_parent_over_template_names_leaves_them_recognised(staff: User) -> None:
    # given "Identitas usaha" merged over NIB and Nama usaha
    header = ["Identitas usaha", None, *IKM_HEADER[2:]]
    below = ["NIB", "Nama usaha", *[None] * 11]
    content = workbook_of(("IKM", [header, below, SEKAR], ["A1:B1", *(f"{c}1:{c}2" for c in "CDEFGHIJKLM")]), people())

    batch = stage(content, staff)

    assert batch.errors == []
    assert batch.rows["IKM"]["headers"]["nib"] == "NIB"
    assert batch.rows["IKM"]["rows"][0]["values"]["name"] == "Batik Sekar Jagad"


def test_columns_that_are_left_out_are_named_on_the_preview(staff: User) -> None:
    # given a column the template does not know, and data in a column with no name at all
    content = xlsx(ikm_header=[*IKM_HEADER, "Keterangan", ""], ikm=([*SEKAR, "binaan 2024", "catatan"], SURYA))

    batch = stage(content, staff)
    page = client_for(staff).get(batch.get_absolute_url())

    assert batch.errors == []
    assert batch.rows["IKM"]["ignored"] == [{"column": "N", "header": "Keterangan"}, {"column": "O", "header": ""}]
    assert page.context["ignored_columns"] == [("IKM", "Keterangan (column N), column O, which has no name")]
    assert (
        "Sheet IKM: these columns match no column of the template, so what they hold is not imported: Keterangan "
        "(column N), column O, which has no name." in page.content.decode()
    )


# --- an update shows what it overwrites --------------------------------------------------------------------------
def test_a_row_for_a_registered_nib_shows_old_and_new_values(staff: User) -> None:
    # given the file applied once
    apply_import(stage(xlsx(), staff), actor=staff)
    before = registry_counts()

    # when a file changing Sekar's village, techniques, women workers and investment, and Siti's phone is uploaded
    sekar = [*SEKAR[:7], "Miji", "tulis", 120, 2, 6, "Rp 2.000.000"]
    siti = [*SITI[:4], "0813-1111-2222", *SITI[5:]]
    batch = stage(xlsx(ikm=(sekar, SURYA), orang=(siti,)), staff)

    # then each row is marked as an update or unchanged, with what it overwrites
    ikm = batch.rows["IKM"]["rows"]
    assert [(row["action"], row["before"]) for row in ikm] == [
        (
            "update",
            {"village": "Gununggedangan", "techniques": "tulis, cap", "workers_women": 5, "investment": "1500000"},
        ),
        ("same", {}),
    ]
    assert [(row["action"], row["before"]) for row in batch.rows["Orang"]["rows"]] == [
        ("update", {"phone": "+6281234567890"})
    ]
    assert registry_counts() == before

    # and the preview shows the registered value beside the new one, for the changed cells only
    page = client_for(staff).get(batch.get_absolute_url())
    ikm_table, orang_table = page.context["sheets"]

    def changed(table: dict[str, Any], index: int) -> list[tuple[str, str, str]]:
        cells = zip(table["headers"], table["rows"][index]["cells"], strict=True)
        return [(header, cell["before"], cell["text"]) for header, cell in cells if cell["changed"]]

    assert changed(ikm_table, 0) == [
        ("Kelurahan", "Gununggedangan", "Miji"),
        ("Teknik", "tulis, cap", "tulis"),
        ("Pekerja perempuan", "5", "6"),
        ("Nilai investasi (Rp)", "Rp 1,500,000", "Rp 2.000.000"),
    ]
    assert changed(orang_table, 0) == [("Telepon", "+6281234567890", "0813-1111-2222")]
    assert changed(ikm_table, 1) == []
    html = page.content.decode()
    assert "2 rows change records that are already registered." in html
    assert 'Registered now: </span>Gununggedangan</del> <span aria-hidden="true">→</span>' in html


# --- a refused apply says why, with the real counts --------------------------------------------------------------
def test_a_refused_apply_shows_its_reason_and_the_real_error_count(staff: User) -> None:
    # given a clean preview, and meanwhile an enterprise of the same name is registered in the same village
    client = client_for(staff)
    client.post(reverse("registry:import-upload"), {"file": upload(xlsx())})
    batch = ImportBatch.objects.get()
    EnterpriseFactory(nib="9120009999999", name="Batik Surya Majapahit", village_id=OTHER_VILLAGE)
    before = registry_counts()

    # when the officer applies it
    page = client.post(batch.get_absolute_url(), {"action": "apply"}, follow=True)

    # then nothing is written, and the message, the alert and the counts agree
    assert registry_counts() == before
    html = page.content.decode()
    assert [str(m) for m in get_messages(page.wsgi_request)] == [
        "The import was not applied: checked again against the registry, 1 row has an error. Nothing was written."
    ]
    assert "1 row has errors." in html
    assert "0 rows" not in html
    assert ("Errors", (1, "in 1 row")) in page.context["summary_cards"]
    batch.refresh_from_db()
    assert (batch.summary["errors"], batch.summary["rows_with_errors"]) == (1, 1)

    # when it is applied again, still with its error
    page = client.post(batch.get_absolute_url(), {"action": "apply"}, follow=True)

    # then the reason is the error already shown, with the same count
    assert [str(m) for m in get_messages(page.wsgi_request)] == [
        "An import with errors cannot be applied. Correct the file and upload it again."
    ]
    assert "1 row has errors." in page.content.decode()
    assert registry_counts() == before


# --- malformed sheets ----------------------------------------------------------------------------------------------
NO_HEADER = "Sheet IKM has no row with the column names of the template (such as NIB, Nama usaha) in its first 10 rows."
MALFORMED_SHEETS = {
    "an empty sheet": (
        workbook_of(("IKM", [], ()), people(SITI)),
        "Sheet IKM is empty. It must hold the column names of the template and a row for each record.",
    ),
    "a sheet with only a title": (workbook_of(("IKM", [[TITLE]], ["A1:M1"]), people(SITI)), NO_HEADER),
    "column names below the first ten rows": (
        workbook_of(("IKM", [[TITLE], *[["catatan"]] * 10, IKM_HEADER, SEKAR], ()), people(SITI)),
        NO_HEADER,
    ),
}


@pytest.mark.parametrize("content,message", MALFORMED_SHEETS.values(), ids=MALFORMED_SHEETS.keys())
def test_a_sheet_without_a_table_is_refused_and_changes_nothing(
    staff: User, enterprise: Enterprise, content: bytes, message: str
) -> None:
    before = registry_counts()

    response = client_for(staff).post(reverse("registry:import-upload"), {"file": upload(content)})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert ImportBatch.objects.count() == 0
    assert registry_counts() == before


UNSAVED = (
    "This cell holds a formula whose result is not saved in the file. Open the file in Excel or LibreOffice, save it "
    "and upload it again, or type the value instead of the formula."
)


def test_formulas_are_read_by_their_saved_result_and_never_silently_blank(staff: User) -> None:
    # given formulas as Excel saves them (with their result), one never calculated, and an Excel error value
    rows = (
        [1, *SEKAR[:10], "=1+1", 5, "=L5+M5", SEKAR[12]],
        [2, *SURYA[:10], "=2*2", "#DIV/0!", "=L6+M6", SURYA[12]],
    )
    orang = [*SITI[:4], "=A3", *SITI[5:]]
    content = with_results(workbook_of(two_row_ikm(rows=rows), people(orang)), {"L5": "2", "N5": "7", "N6": "4"})

    # when it is uploaded
    batch = stage(content, staff)

    # then the saved result is the value; a formula without one, or an error value, is an error on its cell
    first, second = batch.rows["IKM"]["rows"]
    assert (first["values"]["workers_men"], first["values"]["workers_women"]) == (2, 5)
    assert (second["cells"]["workers_men"], second["cells"]["workers_women"]) == ("=2*2", "#DIV/0!")
    assert errors_of(batch) == [
        ("IKM", 6, "Tenaga kerja L", UNSAVED),
        (
            "IKM",
            6,
            "Tenaga kerja P",
            "This cell shows the Excel error #DIV/0! instead of a value. Correct the formula or type the value.",
        ),
        ("Orang", 2, "Telepon", UNSAVED),  # found on its own sheet, not on the first one
    ]
    # the total column is left out, formulas and all, and said so
    assert {"column": "N", "header": "Tenaga kerja Jumlah"} in batch.rows["IKM"]["ignored"]


def test_a_workbook_of_uncalculated_formulas_is_refused(staff: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_UNREADABLE", 2)
    rows = ([1, *SEKAR[:10], "=1", "=2", "=3", SEKAR[12]],)
    before = registry_counts()

    assert refusal(workbook_of(two_row_ikm(rows=rows), people()), staff) == [
        "Too many cells of this workbook hold a formula without a saved result or show an Excel error (such as "
        "#REF!). Open it in Excel or LibreOffice, correct them, save it and upload it again."
    ]
    assert registry_counts() == before


def test_the_row_limit_counts_data_rows_below_the_header(staff: User, settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 2
    header = [[TITLE], [], IKM_HEADER]

    assert stage(workbook_of(("IKM", [*header, SEKAR, SURYA], ()), people()), staff).summary["IKM"]["rows"] == 2
    third = [*SURYA[:1], "Batik Tiga", *SURYA[2:]]
    third[0] = 9120001234569
    assert refusal(workbook_of(("IKM", [*header, SEKAR, SURYA, third], ()), people()), staff) == [
        "Sheet IKM has 3 rows; at most 2 can be imported at once. Split the file."
    ]


# --- the officer's flow, on the Indonesian pages -------------------------------------------------------------------
def test_an_officer_imports_an_office_file_on_the_indonesian_pages(staff: User) -> None:
    # given an officer working in Indonesian, and the office's file: a title, a merged two-row header
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    content = with_results(workbook_of(two_row_ikm(), people(SITI)), {"N5": "7", "N6": "4"})

    # when it is uploaded
    response = client.post(reverse("registry:import-upload"), {"file": upload(content, "data-ikm-2026.xlsx")})

    # then the preview is in Indonesian and ready to apply, nothing written yet
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert preview.context["LANGUAGE_CODE"] == "id"
    assert preview.context["can_apply"] is True
    assert not Enterprise.objects.exists()

    # when it is applied
    response = client.post(batch.get_absolute_url(), {"action": "apply"})

    # then the enterprises are registered with their worker counts, and the owner with her role
    assert response.status_code == 302
    assert sorted(Enterprise.objects.values_list("nib", "name", "workers_men", "workers_women")) == [
        ("9120001234567", "Batik Sekar Jagad", 2, 5),
        ("9120001234568", "Batik Surya Majapahit", 1, 3),
    ]
    assert Person.objects.get().memberships.get().enterprise.nib == "9120001234567"
    batch.refresh_from_db()
    assert batch.status == "applied"
