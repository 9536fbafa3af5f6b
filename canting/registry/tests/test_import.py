"""Excel import of enterprises and people: the template, the preview, applying all or nothing, hostile files.

Every refused action is followed by a check that nothing changed in the registry or its audit trail.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from canting.core.models import Area, AuditEvent, User
from canting.registry.importing import apply_import, discard_import, stage_import
from canting.registry.models import Enterprise, Facilitation, ImportBatch, Membership, Person
from canting.registry.tests.factories import EnterpriseFactory, PersonFactory

pytestmark = pytest.mark.django_db

IKM_HEADER = [
    "NIB", "Nama usaha", "Merek", "NPWP", "Bentuk usaha", "Tahun berdiri", "Alamat", "Kelurahan", "Teknik",
    "Kapasitas per bulan", "Pekerja laki-laki", "Pekerja perempuan", "Nilai investasi (Rp)",
]  # fmt: skip
ORANG_HEADER = [
    "NIK", "Nama lengkap", "Jenis kelamin", "Tanggal lahir", "Telepon", "Email", "Alamat", "Kelurahan",
    "NIB usaha", "Peran",
]  # fmt: skip
SEKAR = [
    "9120001234567", "Batik Sekar Jagad", "Sekar", "012345678901000", "perorangan", 2009, "Jl. Majapahit 12",
    "35.76.02.1001", "tulis, cap", 120, 2, 5, "Rp 1.500.000",
]  # fmt: skip
# The NIB typed as a number (13 digits survive), the village by name, amounts and counts as numbers and text.
SURYA = [
    9120001234568, "Batik Surya Majapahit", "", "", "CV", "2015", "Jl. Empunala 3", "Miji", "kombinasi", "",
    "1", "3", 25000000,
]  # fmt: skip
SITI = [
    "3576024105900001", "Siti Aminah", "P", "01/05/1990", "0812-3456-7890", "Siti@Example.id", "Jl. Gajah Mada 2",
    "Gununggedangan", "9120001234567", "pemilik",
]  # fmt: skip
# Birth date as an Excel date cell, the phone typed as a number (Excel dropped the 0), gender left to the NIK.
BUDI = [
    "3576031208850002", "Budi Santoso", "", datetime.date(1985, 8, 12), 81234567891, "", "", "", "9120001234568",
    "pekerja",
]  # fmt: skip


def xlsx(
    ikm: Sequence[Sequence[Any]] = (SEKAR, SURYA),
    orang: Sequence[Sequence[Any]] = (SITI, BUDI),
    *,
    ikm_header: Sequence[str] = IKM_HEADER,
    orang_header: Sequence[str] = ORANG_HEADER,
    sheets: Sequence[str] = ("IKM", "Orang"),
) -> bytes:
    """A workbook built the way an officer would fill in the template."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, header, rows in (("IKM", ikm_header, ikm), ("Orang", orang_header, orang)):
        if name not in sheets:
            continue
        sheet = workbook.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "ikm-mojokerto.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def registry_counts() -> dict[str, int]:
    return {
        "enterprises": Enterprise.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "facilitations": Facilitation.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def stage(content: bytes, user: User) -> ImportBatch:
    with translation.override("en"):
        return stage_import(upload(content), actor=user)


def refusal(content: bytes, user: User) -> list[str]:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        stage_import(upload(content), actor=user)
    return refused.value.messages


def errors_of(batch: ImportBatch) -> list[tuple[str, int, str, str]]:
    return [(e["sheet"], e["row"], e["column"], e["message"]) for e in batch.errors]


# --- the template ---------------------------------------------------------------------------------------------
def test_template_has_the_sheets_headers_and_text_columns(staff: User) -> None:
    response = client_for(staff).get(reverse("registry:import-template"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["IKM", "Orang", "Petunjuk"]
    assert [c.value for c in workbook["IKM"][1]] == IKM_HEADER
    assert [c.value for c in workbook["Orang"][1]] == ORANG_HEADER
    assert workbook["Orang"].column_dimensions["A"].number_format == "@"  # NIK keeps all 16 digits
    explained = {(row[0], row[1]) for row in workbook["Petunjuk"].iter_rows(values_only=True)}
    assert ("Orang", "NIK") in explained
    assert ("IKM", "Nilai investasi (Rp)") in explained


def test_the_empty_template_is_refused_as_having_no_rows(staff: User) -> None:
    template = client_for(staff).get(reverse("registry:import-template")).content

    assert refusal(template, staff) == ["The workbook has no rows to import below the column names."]


# --- a good file --------------------------------------------------------------------------------------------------
def test_a_good_file_is_previewed_without_writing_then_applied(staff: User) -> None:
    # given
    before = registry_counts()
    client = client_for(staff)

    # when the file is uploaded
    response = client.post(reverse("registry:import-upload"), {"file": upload(xlsx())})

    # then a preview is shown and nothing is written yet
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:import-preview", args=[batch.pk])
    assert batch.errors == []
    assert batch.summary["IKM"] == {"rows": 2, "new": 2, "update": 0, "same": 0}
    assert batch.summary["Orang"] == {"rows": 2, "new": 2, "update": 0, "same": 0}
    assert batch.summary["memberships"] == {"new": 2}
    assert registry_counts() == before
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["can_apply"] is True

    # when it is applied
    response = client.post(reverse("registry:import-preview", args=[batch.pk]), {"action": "apply"})

    # then everything is written, with the Indonesian formats understood
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert batch.rows == {}  # the staging copy of NIKs and phones is dropped once applied
    sekar = Enterprise.objects.get(nib="9120001234567")
    assert (sekar.name, sekar.brand, sekar.npwp, sekar.legal_form, sekar.year_founded) == (
        "Batik Sekar Jagad", "Sekar", "012345678901000", "perorangan", 2009,
    )  # fmt: skip
    assert (sekar.address, sekar.village_id, sekar.techniques) == (
        "Jl. Majapahit 12",
        "35.76.02.1001",
        ["tulis", "cap"],
    )
    assert (sekar.monthly_capacity, sekar.workers_men, sekar.workers_women) == (120, 2, 5)
    assert sekar.investment == Decimal(1500000)
    surya = Enterprise.objects.get(nib="9120001234568")
    assert (surya.name, surya.legal_form, surya.year_founded, surya.village_id) == (
        "Batik Surya Majapahit", "cv", 2015, "35.76.03.1002",
    )  # fmt: skip
    assert (surya.techniques, surya.monthly_capacity, surya.investment) == (["kombinasi"], 0, Decimal(25000000))
    siti = Person.objects.get(nik="3576024105900001")
    assert (siti.full_name, siti.gender, siti.birth_date) == ("Siti Aminah", "P", datetime.date(1990, 5, 1))
    assert (siti.phone, siti.email, siti.village_id) == ("+6281234567890", "siti@example.id", "35.76.02.1001")
    budi = Person.objects.get(nik="3576031208850002")
    assert (budi.gender, budi.birth_date, budi.phone) == ("L", datetime.date(1985, 8, 12), "+6281234567891")
    assert set(Membership.objects.values_list("person__full_name", "enterprise__name", "role")) == {
        ("Siti Aminah", "Batik Sekar Jagad", "owner"),
        ("Budi Santoso", "Batik Surya Majapahit", "worker"),
    }
    after = registry_counts()
    assert {k: after[k] - before[k] for k in after} == {
        "enterprises": 2, "people": 2, "memberships": 2, "facilitations": 0, "audit events": 7,
    }  # fmt: skip
    assert AuditEvent.objects.filter(action="registry.import.applied", actor=staff).count() == 1


def test_importing_the_same_file_again_updates_and_never_duplicates(staff: User) -> None:
    # given a file that was applied once
    content = xlsx()
    apply_import(stage(content, staff), actor=staff)
    before = registry_counts()

    # when the same file is uploaded again
    again = stage(content, staff)

    # then every row is recognised by its NIB or NIK as unchanged, and the officer is told it was applied before
    assert again.summary["IKM"] == {"rows": 2, "new": 0, "update": 0, "same": 2}
    assert again.summary["Orang"] == {"rows": 2, "new": 0, "update": 0, "same": 2}
    assert again.summary["memberships"] == {"new": 0}
    assert again.summary["applied_before"] is not None

    # when a corrected file is applied
    corrected = [*SEKAR[:11], 6, "Rp 2.000.000"]
    apply_import(stage(xlsx(ikm=(corrected, SURYA)), staff), actor=staff)

    # then the enterprise is updated in place and nothing is added
    after = registry_counts()
    assert {k: after[k] - before[k] for k in after} == {
        "enterprises": 0, "people": 0, "memberships": 0, "facilitations": 0, "audit events": 2,
    }  # fmt: skip
    sekar = Enterprise.objects.get(nib="9120001234567")
    assert (sekar.workers_women, sekar.investment) == (6, Decimal(2000000))
    assert AuditEvent.objects.filter(action="registry.enterprise.changed", object_id=str(sekar.pk)).get().changes == {
        "workers_women": [5, 6],
        "investment": ["1500000", "2000000"],
    }


def test_a_blank_cell_leaves_the_registered_value_alone(staff: User) -> None:
    apply_import(stage(xlsx(), staff), actor=staff)
    without_brand = [*SEKAR[:2], "", *SEKAR[3:]]

    batch = stage(xlsx(ikm=(without_brand,), orang=()), staff)

    assert batch.summary["IKM"]["same"] == 1
    assert Enterprise.objects.get(nib="9120001234567").brand == "Sekar"


# --- bad rows: nothing is written -------------------------------------------------------------------------------
def test_one_bad_row_among_good_ones_writes_nothing_and_names_row_and_column(staff: User) -> None:
    # given a file whose fourth IKM row has a short NIB
    bad = ["91200012", "Batik Tiga Negeri", "", "", "", "", "Jl. Benteng 1", "35.76.03.1001", "tulis", 1, 1, 1, 0]
    before = registry_counts()
    client = client_for(staff)

    # when it is uploaded and the officer tries to apply it
    client.post(reverse("registry:import-upload"), {"file": upload(xlsx(ikm=(SEKAR, SURYA, bad)))})
    batch = ImportBatch.objects.get()
    response = client.post(reverse("registry:import-preview", args=[batch.pk]), {"action": "apply"})

    # then the error names the sheet, the row as Excel numbers it and the column, and nothing was written
    assert errors_of(batch) == [("IKM", 4, "NIB", "NIB must be exactly 13 digits; 8 given.")]
    assert batch.summary["rows_with_errors"] == 1
    assert [str(m) for m in response.wsgi_request._messages] == [
        "An import with errors cannot be applied. Correct the file and upload it again."
    ]
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert registry_counts() == before
    page = client.get(reverse("registry:import-preview", args=[batch.pk]))
    assert page.context["can_apply"] is False
    assert "NIB must be exactly 13 digits; 8 given." in page.content.decode()


def test_every_cell_error_is_reported_with_its_column(staff: User) -> None:
    ikm = [[*SEKAR[:5], "dua ribu", *SEKAR[6:8], "sablon", -3, 2, 5, "kira-kira 2jtan"]]
    orang = [["3576024105900001", "Siti Aminah", "X", "31/02/1990", "12345", "", "", "", "9120001234567", "bos"]]

    batch = stage(xlsx(ikm=ikm, orang=orang), staff)

    assert errors_of(batch) == [
        ("IKM", 2, "Tahun berdiri", "Write a whole number that is 0 or more, e.g. 12."),
        ("IKM", 2, "Teknik", "sablon is not a technique; use tulis, cap, kombinasi or tiruan."),
        ("IKM", 2, "Kapasitas per bulan", "Write a whole number that is 0 or more, e.g. 12."),
        ("IKM", 2, "Nilai investasi (Rp)",
         "kira-kira 2jtan is not an exact amount in rupiah; write it like Rp 1.500.000."),
        ("Orang", 2, "Jenis kelamin", "X is not a gender; write L or P."),
        ("Orang", 2, "Tanggal lahir", "31/02/1990 is not a date; write it as dd/mm/yyyy, e.g. 17/08/1985."),
        ("Orang", 2, "Telepon", "12345 is not an Indonesian phone number; write it as 08xx or +62 8xx."),
        ("Orang", 2, "Peran", "bos is not a role; write pemilik, pengelola or pekerja."),
    ]  # fmt: skip


def test_a_row_with_a_bad_key_still_reports_its_other_errors(staff: User) -> None:
    short_nib = ["91200012", *SEKAR[1:7], "Tarik", *SEKAR[8:]]
    nik_as_number = [3576024105900001, *SITI[1:8], "9999999999999", ""]

    batch = stage(xlsx(ikm=(short_nib,), orang=(nik_as_number,)), staff)

    assert [(sheet, row, column) for sheet, row, column, _message in errors_of(batch)] == [
        ("IKM", 2, "NIB"),
        ("IKM", 2, "Kelurahan"),
        ("Orang", 2, "NIK"),
        ("Orang", 2, "NIB usaha"),
        ("Orang", 2, "Peran"),
    ]


def test_a_nik_typed_as_a_number_is_refused_because_excel_lost_digits(staff: User) -> None:
    before = registry_counts()
    as_number = [3576024105900001, *SITI[1:]]

    batch = stage(xlsx(orang=(as_number, BUDI)), staff)

    assert errors_of(batch) == [
        (
            "Orang", 2, "NIK",
            "Excel stored this number as a number and dropped digits (it keeps at most 15 and drops a leading 0). "
            "Format the column as Text and type the number again.",
        )
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        apply_import(batch, actor=staff)
    assert registry_counts() == before


def test_duplicates_inside_the_file_are_refused(staff: User) -> None:
    same_nib = [*SEKAR[:1], "Batik Lain Lagi", *SEKAR[2:]]
    same_name = ["9120001234569", *SEKAR[1:]]
    same_nik = ["3576024105900001", "Siti A.", *SITI[2:]]

    batch = stage(xlsx(ikm=(SEKAR, same_nib, same_name), orang=(SITI, same_nik)), staff)

    assert errors_of(batch) == [
        ("IKM", 3, "NIB", "NIB 9120001234567 is also on row 2."),
        ("IKM", 4, "Nama usaha", "Batik Sekar Jagad in this village is also on row 2."),
        ("Orang", 3, "NIK", "This NIK is also on row 2."),
    ]


def test_a_person_must_name_an_enterprise_in_the_file_or_the_registry(staff: User, enterprise: Enterprise) -> None:
    of_registered = [*SITI[:8], enterprise.nib, "pekerja"]
    of_nobody = [*BUDI[:8], "9999999999999", "pekerja"]

    batch = stage(xlsx(ikm=(), orang=(of_registered, of_nobody)), staff)

    assert errors_of(batch) == [
        ("Orang", 3, "NIB usaha", "No enterprise with NIB 9999999999999 is in this file or in your working area."),
    ]


def test_the_registry_rules_apply_to_imported_people(staff: User) -> None:
    PersonFactory(nik="3576020101800003", full_name="Pak Lama", village_id="35.76.02.1001")
    wrong_gender = [*SITI[:2], "L", *SITI[3:]]

    batch = stage(xlsx(ikm=(SEKAR,), orang=(wrong_gender,)), staff)

    assert errors_of(batch) == [("Orang", 2, "Jenis kelamin", "The NIK belongs to a woman.")]


# --- the officer's working area ---------------------------------------------------------------------------------
def test_a_village_outside_the_working_area_is_refused(staff: User) -> None:
    before = registry_counts()
    by_code = [*SEKAR[:7], "35.15.01.2004", *SEKAR[8:]]
    by_name = [*SURYA[:7], "Tarik", *SURYA[8:]]

    batch = stage(xlsx(ikm=(by_code, by_name), orang=()), staff)

    assert errors_of(batch) == [
        ("IKM", 2, "Kelurahan", "Tarik (35.15.01.2004) is outside your working area."),
        ("IKM", 3, "Kelurahan", "Tarik is outside your working area."),
    ]
    assert registry_counts() == before


def test_an_ambiguous_village_name_asks_for_the_code(staff: User) -> None:
    Area.objects.create(code="35.76.01.1099", name="Miji", level=4, parent_id="35.76.01")

    batch = stage(xlsx(ikm=(SURYA,), orang=()), staff)

    assert errors_of(batch) == [
        (
            "IKM", 2, "Kelurahan",
            "More than one village in your working area is named Miji; write its code instead, e.g. 35.76.01.1099.",
        )
    ]  # fmt: skip


def test_records_outside_the_working_area_are_not_silently_updated(staff: User) -> None:
    elsewhere = EnterpriseFactory(nib="9120001234567", name="Batik Tarik", village_id="35.15.01.2004")
    PersonFactory(nik="3576024105900001", village_id="35.15.01.2004")

    batch = stage(xlsx(ikm=(SEKAR,), orang=(SITI,)), staff)

    assert errors_of(batch) == [
        ("IKM", 2, "NIB", "NIB 9120001234567 belongs to an enterprise outside your working area."),
        ("Orang", 2, "NIK", "This NIK belongs to a person outside your working area."),
    ]
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Batik Tarik"


# --- hostile and malformed files --------------------------------------------------------------------------------
def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def far_cell() -> bytes:
    """A 5 KB workbook with one value in the last cell Excel allows: read naively, it asks for 550 GB."""
    workbook = Workbook()
    workbook.active.title = "IKM"
    workbook["IKM"].append(IKM_HEADER)
    workbook["IKM"]["XFD1048576"] = "x"
    workbook.create_sheet("Orang").append(ORANG_HEADER)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


NOT_XLSX = "This file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it as .xlsx."
DAMAGED = (
    "The workbook is damaged and cannot be read. Open it in Excel or LibreOffice, save it again as Excel workbook "
    "(.xlsx) and upload it again."
)
MALFORMED = {
    "a text file renamed": (b"NIB;Nama usaha\n9120001234567;Batik Sekar\n", NOT_XLSX),
    "an empty file": (b"", "The submitted file is empty."),
    "a zip that is not a workbook": (zip_of({"notes.txt": b"hello"}), NOT_XLSX),
    "a truncated workbook": (xlsx()[:1500], DAMAGED),
    "zip headers then garbage": (b"PK\x03\x04" + b"\x00garbage" * 50, DAMAGED),
    "a workbook with broken XML": (
        zip_of({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<workbook><sheets><sheet"}),
        DAMAGED,
    ),
    "an old .xls or encrypted file": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
        "This is an old Excel 97-2003 file (.xls) or a password-protected workbook. Save it as Excel workbook "
        "(.xlsx) without a password and upload it again.",
    ),
    "a missing sheet": (
        xlsx(sheets=("IKM",)),
        "The workbook has no sheet Orang. Use the template: its sheets are named IKM and Orang.",
    ),
    "a missing required column": (
        xlsx(ikm=[r[1:] for r in (SEKAR, SURYA)], ikm_header=IKM_HEADER[1:]),
        "Sheet IKM has no column NIB. Every column the template marks as required must be in the row of column names.",
    ),
    "a column given twice": (
        xlsx(ikm_header=[*IKM_HEADER, "Investment"], ikm=[[*SEKAR, 1]]),
        "Sheet IKM has the column Nilai investasi (Rp) twice (Nilai investasi (Rp) and Investment).",
    ),
    "a cell far outside the data": (
        far_cell(),
        "A sheet of this workbook has something written far below or to the right of the data. Delete the unused "
        "rows and columns, or split the file.",
    ),
}


@pytest.mark.parametrize("content,message", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_is_refused_with_a_message_and_changes_nothing(
    staff: User, enterprise: Enterprise, content: bytes, message: str
) -> None:
    # given
    before = registry_counts()

    # when
    response = client_for(staff).post(reverse("registry:import-upload"), {"file": upload(content, "ikm.xlsx")})

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert ImportBatch.objects.count() == 0
    assert registry_counts() == before


def test_too_many_rows_are_refused(staff: User, settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 1
    before = registry_counts()

    assert refusal(xlsx(), staff) == ["Sheet IKM has 2 rows; at most 1 can be imported at once. Split the file."]
    assert registry_counts() == before


def test_a_file_too_large_is_refused_before_it_is_read(staff: User, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    before = registry_counts()

    assert refusal(xlsx(), staff) == [
        f"The file is {len(xlsx()) / 1024:.1f}\xa0KB; at most 1.0\xa0KB can be imported at once."
    ]
    assert registry_counts() == before


def test_a_zip_bomb_is_refused_without_unpacking_it_all(staff: User, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 100 * 1024  # unpacked, at most ten times that
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (4 * 1024 * 1024))
    before = registry_counts()

    assert len(bomb.getvalue()) < 10 * 1024
    assert refusal(bomb.getvalue(), staff) == ["The workbook is too large once unpacked."]
    assert registry_counts() == before


# --- applying: once, all or nothing -----------------------------------------------------------------------------
def test_a_batch_is_applied_once(staff: User) -> None:
    batch = stage(xlsx(), staff)
    apply_import(batch, actor=staff)
    before = registry_counts()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        apply_import(batch, actor=staff)

    assert refused.value.messages == ["This import has already been applied; it cannot be applied again."]
    assert registry_counts() == before


def test_applying_checks_again_and_writes_nothing_when_the_registry_changed(staff: User) -> None:
    # given a clean preview, and meanwhile someone registers an enterprise of the same name in the same village
    batch = stage(xlsx(), staff)
    EnterpriseFactory(nib="9120009999999", name="Batik Surya Majapahit", village_id="35.76.03.1002")
    before = registry_counts()

    # when it is applied
    with translation.override("en"), pytest.raises(ValidationError):
        apply_import(batch, actor=staff)

    # then nothing at all is written (not even the first, still valid enterprise) and the preview shows why
    assert registry_counts() == before
    assert not Enterprise.objects.filter(nib="9120001234567").exists()
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert errors_of(batch) == [
        ("IKM", 3, "Nama usaha", "Batik Surya Majapahit is already registered in this village (NIB 9120009999999).")
    ]


def test_discarding_writes_nothing_to_the_registry(staff: User) -> None:
    batch = stage(xlsx(), staff)
    before = registry_counts()

    response = client_for(staff).post(reverse("registry:import-preview", args=[batch.pk]), {"action": "discard"})

    assert response["Location"] == reverse("registry:import-upload")
    batch.refresh_from_db()
    assert (batch.status, batch.rows) == ("discarded", {})
    after = registry_counts()
    assert {k: after[k] - before[k] for k in after} == {
        "enterprises": 0, "people": 0, "memberships": 0, "facilitations": 0, "audit events": 1,
    }  # fmt: skip
    with pytest.raises(ValidationError):
        apply_import(batch, actor=staff)


# --- who may import ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["artisan", "other_artisan", "assessor", "visitor"])
def test_only_staff_reach_the_import_pages(persona: str, personas: dict[str, Any], staff: User) -> None:
    batch = stage(xlsx(), staff)
    client = client_for(personas[persona])
    before = registry_counts()
    expected = 302 if persona == "visitor" else 403

    answers = [
        client.get(reverse("registry:import-upload")).status_code,
        client.post(reverse("registry:import-upload"), {"file": upload(xlsx())}).status_code,
        client.get(reverse("registry:import-template")).status_code,
        client.get(reverse("registry:import-preview", args=[batch.pk])).status_code,
        client.post(reverse("registry:import-preview", args=[batch.pk]), {"action": "apply"}).status_code,
        client.post(reverse("registry:import-preview", args=[batch.pk]), {"action": "discard"}).status_code,
    ]

    assert answers == [expected] * 6
    assert ImportBatch.objects.get().status == "preview"
    assert registry_counts() == before


def test_staff_open_only_their_own_imports(staff: User) -> None:
    from canting.core.testing import staff_user

    batch = stage(xlsx(), staff)
    colleague = client_for(staff_user("yusuf"))

    assert colleague.get(reverse("registry:import-preview", args=[batch.pk])).status_code == 404
    assert colleague.post(reverse("registry:import-preview", args=[batch.pk]), {"action": "apply"}).status_code == 404


def test_the_services_refuse_anyone_but_staff(artisan: User, staff: User) -> None:
    from django.core.exceptions import PermissionDenied

    batch = stage(xlsx(), staff)

    with pytest.raises(PermissionDenied):
        stage_import(upload(xlsx()), actor=artisan)
    with pytest.raises(PermissionDenied):
        apply_import(batch, actor=artisan)
    with pytest.raises(PermissionDenied):
        discard_import(batch, actor=artisan)


def test_stale_previews_are_discarded_and_their_rows_dropped(staff: User) -> None:
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = stage(xlsx(), staff)
    fresh = stage(xlsx(ikm=[SEKAR], orang=[SITI]), staff)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))

    call_command("discardimports", "--days", "7", stdout=io.StringIO())

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.rows) == ("discarded", {})
    assert fresh.status == "preview" and fresh.rows
    assert AuditEvent.objects.filter(action="registry.import.expired", object_id=str(old.pk), actor=None).count() == 1
    assert not Enterprise.objects.filter(nib="9120001234567").exists()
