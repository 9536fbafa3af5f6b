"""The workbook contract: the sheets IKM and Orang, their columns, and how each cell is read.

Headers are Indonesian because the template is what the city office fills in; the English names are accepted as
well. A reader turns one cell into a plain JSON value or raises ``ValidationError`` with a message for that cell.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lokal
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canting.registry.models import Technique
from canting.registry.validators import digits_only, normalise_phone

CellValue = str | float | int | bool | datetime.date | datetime.time | datetime.timedelta
Row = dict[str, Any]
RowError = dict[str, Any]  # {"sheet": "IKM", "row": 5, "column": "NIB", "message": "..."}


_NOT_WORD = re.compile(r"[^a-z0-9]")
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # two spaces in a row, or a tab, a line break, a non-breaking space...
_EXPONENT = re.compile(r"[\d.,]+E\+\d+", re.I)
_WHOLE = re.compile(r"\d{1,3}(\.\d{3})+|\d+")
_SPACED_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LIST_SEPARATOR = re.compile(r"[,;/]| dan ")


def words(text: str) -> str:
    """Header and choice matching ignores case, spaces, punctuation and the '*' that marks a required column."""
    return _NOT_WORD.sub("", text.lower())


def cell_text(value: CellValue) -> str:
    """A cell as the officer sees it: whole numbers without '.0', dates as dd/mm/yyyy, spaces tidied."""
    if type(value) is str:  # most cells: only the spaces to tidy (a province's file has a million of them)
        return (_SPACES.sub(" ", value) if _ODD_SPACE.search(value) else value).strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y" if value.time() == datetime.time(0) else "%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return (_SPACES.sub(" ", text) if _ODD_SPACE.search(text) else text).strip()


def _lowered(value: CellValue) -> str:
    return cell_text(value).lower()


def _identity(length: int) -> Callable[[CellValue], str]:
    """NIB, NIK and NPWP are digit strings. Excel keeps at most 15 significant digits of a number and drops a
    leading zero, so an identity number typed as a number is taken only when it still has all its digits."""

    def parse(value: CellValue) -> str:
        text = cell_text(value)
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if (numeric and (length > 15 or len(text) != length)) or _EXPONENT.fullmatch(text):
            raise ValidationError(
                _(
                    "Excel stored this number as a number and dropped digits (it keeps at most 15 and drops a "
                    "leading 0). Format the column as Text and type the number again."
                ),
                code="number_lost_digits",
            )
        return digits_only(text)

    return parse


def _choice(synonyms: dict[str, str], message: str | Promise) -> Callable[[CellValue], str]:
    known = {words(word): value for word, value in synonyms.items()}

    def parse(value: CellValue) -> str:
        found = known.get(words(cell_text(value)))
        if found is None:
            raise ValidationError(str(message) % {"value": cell_text(value)}, code="choice")
        return found

    return parse


def _whole(value: CellValue) -> int:
    """A count or a year: a whole number, thousands may be separated with dots ('1.500')."""
    text = cell_text(value)
    if _WHOLE.fullmatch(text):
        return int(text.replace(".", ""))
    raise ValidationError(_("Write a whole number that is 0 or more, e.g. 12."), code="whole_number")


def _rupiah(value: CellValue) -> int:
    """Amounts as Indonesians write them ('Rp 1.500.000', '1,5 juta') or as a number cell."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount: Any = value
    else:
        text = _SPACED_GROUP.sub("", cell_text(value))  # '1 500 000': lokal reads spaced groups wrongly
        parsed = None if "-" in text.rstrip("-").lstrip("Rp. ") else lokal.parse_rupiah(text)
        if parsed is None or parsed.approximate:
            raise ValidationError(
                _("%(value)s is not an exact amount in rupiah; write it like Rp 1.500.000.") % {"value": text},
                code="rupiah",
            )
        amount = parsed.amount
    if amount < 0 or amount != int(amount):
        raise ValidationError(_("Write a whole rupiah amount that is 0 or more."), code="rupiah")
    return int(amount)


def _date(value: CellValue) -> str:
    """A date cell, or text as dd/mm/yyyy (also with '-' or '.'); returned as an ISO date."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = cell_text(value)
    match = _DMY.fullmatch(text)
    iso = _ISO_DATE.fullmatch(text)
    try:
        if match:
            return datetime.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        if iso:
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ValidationError(
        _("%(value)s is not a date; write it as dd/mm/yyyy, e.g. 17/08/1985.") % {"value": text}, code="date"
    )


def _phone(value: CellValue) -> str:
    text = cell_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not text.startswith("62"):
        text = "0" + text  # typed as a number, Excel dropped the leading 0 of 08xx
    return normalise_phone(text)


def _techniques(value: CellValue) -> list[str]:
    names = {words(t.value): t.value for t in Technique} | {words(f"batik {t.value}"): t.value for t in Technique}
    found: list[str] = []
    for part in _LIST_SEPARATOR.split(cell_text(value)):
        if not part.strip():
            continue
        technique = names.get(words(part))
        if technique is None:
            raise ValidationError(
                _("%(value)s is not a technique; use tulis, cap, kombinasi or tiruan.") % {"value": part.strip()},
                code="technique",
            )
        if technique not in found:
            found.append(technique)
    if not found:
        raise ValidationError(_("Give at least one technique: tulis, cap, kombinasi or tiruan."), code="technique")
    return found


LEGAL_FORMS = {
    **{v: v for v in ("perorangan", "pt_perorangan", "cv", "pt", "koperasi", "other")},
    "ud": "perorangan", "usaha dagang": "perorangan", "individual": "perorangan", "sole proprietor": "perorangan",
    "pt perorangan": "pt_perorangan", "perseroan terbatas": "pt", "persekutuan komanditer": "cv",
    "cooperative": "koperasi", "lainnya": "other", "lain-lain": "other", "lain": "other",
}  # fmt: skip
GENDERS = {
    "l": "L", "lk": "L", "laki-laki": "L", "laki": "L", "pria": "L", "man": "L", "male": "L", "m": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "woman": "P", "female": "P", "f": "P",
}  # fmt: skip
ROLES = {
    "pemilik": "owner", "owner": "owner", "pengelola": "manager", "manajer": "manager", "manager": "manager",
    "pekerja": "worker", "karyawan": "worker", "perajin": "worker", "worker": "worker",
}  # fmt: skip
NOT_LEGAL_FORM = gettext_lazy("%(value)s is not a legal form; use perorangan, pt_perorangan, cv, pt, koperasi, other.")
NOT_GENDER = gettext_lazy("%(value)s is not a gender; write L or P.")
NOT_ROLE = gettext_lazy("%(value)s is not a role; write pemilik, pengelola or pekerja.")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header in the template, the other names it is known by, and how to read it."""

    key: str
    header: str
    parse: Callable[[CellValue], Any]
    required: bool = False
    aliases: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # model fields whose errors belong to this column (default: the key)
    guide: str = ""  # for the Petunjuk sheet, in Indonesian like the headers
    example: str = ""
    as_text: bool = False  # formatted as Text in the template, so Excel keeps every digit

    @property
    def names(self) -> set[str]:
        return {words(self.header), *(words(a) for a in self.aliases)}


@dataclass(frozen=True)
class Sheet:
    name: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def column_for_field(self, name: str) -> Column | None:
        return next((c for c in self.columns if name in (c.fields or (c.key,))), None)


def _under(groups: tuple[str, ...], names: tuple[str, ...]) -> tuple[str, ...]:
    """Names of sub-columns under a merged group header, as a two-row header reads them ("Tenaga kerja L")."""
    return tuple(f"{group} {name}" for group in groups for name in names)


WORKERS = ("Pekerja", "Tenaga kerja", "Jumlah pekerja", "Jumlah tenaga kerja", "TK", "Karyawan", "Workers")
MEN = ("L", "Laki-laki", "Lk", "Pria", "Men", "Male")
WOMEN = ("P", "Perempuan", "Pr", "Wanita", "Women", "Female")
VILLAGE_GUIDE = (
    "Kode Kemendagri kelurahan/desa (mis. 35.76.02.1001) atau namanya. Nama hanya diterima bila tidak ada "
    "kelurahan lain dengan nama yang sama di wilayah kerja Anda; bila ada, tulis kodenya."
)
IKM = Sheet(
    "IKM",
    ("Enterprises", "Enterprise", "Usaha"),
    (
        Column("nib", "NIB", _identity(13), True, ("Nomor Induk Berusaha", "Business identity number"),
               guide="13 angka dari OSS. Kunci data: NIB yang sudah terdaftar memperbarui IKM itu.",
               example="9120001234567", as_text=True),
        Column("name", "Nama usaha", cell_text, True, ("Nama IKM", "Name", "Enterprise name", "Business name"),
               guide="Nama usaha seperti dikenal pembeli.", example="Batik Sekar Jagad"),
        Column("brand", "Merek", cell_text, aliases=("Brand",), guide="Merek dagang, bila ada.", example="Sekar"),
        Column("npwp", "NPWP", _identity(15), aliases=("Tax number",), guide="15 atau 16 angka.",
               example="012345678901000", as_text=True),
        Column("legal_form", "Bentuk usaha", _choice(LEGAL_FORMS, NOT_LEGAL_FORM), aliases=("Legal form",),
               guide="perorangan (UD), pt_perorangan, cv, pt, koperasi, atau other (lainnya).", example="perorangan"),
        Column("year_founded", "Tahun berdiri", _whole, aliases=("Year founded",), guide="Empat angka.",
               example="2009"),
        Column("address", "Alamat", cell_text, True, ("Address",), guide="Jalan dan nomor, RT/RW.",
               example="Jl. Majapahit 12"),
        Column("village", "Kelurahan", cell_text, True, ("Kelurahan/Desa", "Desa", "Village", "Village code"),
               guide=VILLAGE_GUIDE, example="35.76.02.1001"),
        Column("techniques", "Teknik", _techniques, True, ("Techniques", "Teknik batik"),
               fields=tuple(f"technique_{t.value}" for t in Technique),
               guide="Satu atau lebih, dipisah koma: tulis, cap, kombinasi, tiruan.", example="tulis, cap"),
        Column("monthly_capacity", "Kapasitas per bulan", _whole, aliases=("Monthly capacity",),
               guide="Lembar kain per bulan.", example="120"),
        Column("workers_men", "Pekerja laki-laki", _whole, aliases=("Workers, men", *_under(WORKERS, MEN)),
               example="2"),
        Column("workers_women", "Pekerja perempuan", _whole, aliases=("Workers, women", *_under(WORKERS, WOMEN)),
               example="5"),
        Column("investment", "Nilai investasi (Rp)", _rupiah, aliases=("Nilai investasi", "Investment (Rp)",
               "Investment"), guide="Rupiah, mis. Rp 1.500.000 atau 1500000.", example="Rp 25.000.000"),
    ),
)  # fmt: skip
ORANG = Sheet(
    "Orang",
    ("People", "Person", "Perajin"),
    (
        Column("nik", "NIK", _identity(16), True, ("No KTP", "Nomor KTP"),
               guide="16 angka dari KTP. Kunci data: NIK yang sudah terdaftar memperbarui orang itu. Kolom ini "
               "harus berformat Teks, karena Excel membuang angka terakhir dari bilangan 16 digit.",
               example="3576024105900001", as_text=True),
        Column("full_name", "Nama lengkap", cell_text, True, ("Nama", "Full name", "Name"), example="Siti Aminah"),
        Column("gender", "Jenis kelamin", _choice(GENDERS, NOT_GENDER),
               aliases=("L/P", "Gender"), guide="L atau P. Boleh kosong: diambil dari NIK.", example="P"),
        Column("birth_date", "Tanggal lahir", _date, aliases=("Tgl lahir", "Birth date", "Date of birth"),
               guide="dd/mm/yyyy. Boleh kosong: diambil dari NIK.", example="01/05/1990"),
        Column("phone", "Telepon", _phone, aliases=("No HP", "HP", "WhatsApp", "Phone"),
               guide="08xx atau +62 8xx.", example="0812-3456-7890", as_text=True),
        Column("email", "Email", _lowered, aliases=("E-mail", "Surel"), example="siti@example.id"),
        Column("address", "Alamat", cell_text, aliases=("Address",), example="Jl. Gajah Mada 2"),
        Column("village", "Kelurahan", cell_text, aliases=("Kelurahan/Desa", "Desa", "Village", "Village code"),
               guide=VILLAGE_GUIDE + " Wajib bila NIB usaha kosong.", example="Gununggedangan"),
        Column("enterprise_nib", "NIB usaha", _identity(13), aliases=("NIB IKM", "Enterprise NIB", "NIB"),
               guide="NIB IKM tempat orang ini bekerja: dari lembar IKM atau yang sudah terdaftar.",
               example="9120001234567", as_text=True),
        Column("role", "Peran", _choice(ROLES, NOT_ROLE),
               aliases=("Role", "Jabatan"), guide="pemilik, pengelola atau pekerja. Wajib bila NIB usaha diisi.",
               example="pemilik"),
    ),
)  # fmt: skip
SHEETS = (IKM, ORANG)


def row_error(sheet: Sheet, row: int, column: str, message: str) -> RowError:
    return {"sheet": sheet.name, "row": row, "column": column, "message": str(message)}
