"""NIK, NIB, NPWP and phone numbers: what is accepted, what is refused, and what the refusal says."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from canting.registry.validators import (
    nik_facts,
    normalise_phone,
    validate_kbli,
    validate_nib,
    validate_nik,
    validate_npwp,
)


@pytest.mark.parametrize(
    ("nik", "gender", "birth"),
    [
        ("3576010101900001", "L", "1990-01-01"),  # a man born 1 January 1990 in Prajuritkulon
        ("3576024101900001", "P", "1990-01-01"),  # a woman: day + 40
        ("3576027112850002", "P", "1985-12-31"),
        ("3576022902000003", "L", "2000-02-29"),  # a leap day
    ],
)
def test_valid_nik_encodes_gender_and_birth_date(nik: str, gender: str, birth: str) -> None:
    validate_nik(nik)
    assert nik_facts(nik) == (gender, birth)


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("357601010190000", "nik_format"),  # 15 digits
        ("35760101019000012", "nik_format"),  # 17 digits
        ("35760101019O0001", "nik_format"),  # a letter O
        ("9976010101900001", "nik_area"),  # no province 99
        ("3599010101900001", "nik_area"),  # no regency 35.99 in Jawa Timur
        ("3576013201900001", "nik_birth_date"),  # day 32
        ("3576017201900001", "nik_birth_date"),  # day 72 (a woman's 32)
        ("3576010113900001", "nik_birth_date"),  # month 13
        ("3576013002900001", "nik_birth_date"),  # 30 February
        ("3576012902010001", "nik_birth_date"),  # 29 February 2001
        ("3576010101900000", "nik_serial"),
    ],
)
def test_invalid_nik_is_refused_with_its_reason(nik: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_nik(nik)
    assert caught.value.code == code


def test_nik_birth_date_message_shows_the_digits() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_nik("3576013201900001")
    assert "320190" in caught.value.messages[0]


@pytest.mark.parametrize("nib", ["9120012345678", "0000000000001"])
def test_thirteen_digit_nib_is_accepted(nib: str) -> None:
    validate_nib(nib)


@pytest.mark.parametrize(("nib", "count"), [("912001234567", 12), ("91200123456789", 14), ("91200-1234567", 12)])
def test_nib_of_another_length_is_refused_and_the_count_is_named(nib: str, count: int) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_nib(nib)
    assert caught.value.code == "nib_format"
    assert f"{count}" in caught.value.messages[0]


def test_npwp_takes_15_or_16_digits() -> None:
    validate_npwp("012345678901000")
    validate_npwp("0012345678901000")
    with pytest.raises(ValidationError):
        validate_npwp("01234567890100")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
    ],
)
def test_phone_numbers_are_stored_as_plus_62(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "0812-abc", "+1 202 555 0100"])
def test_a_non_indonesian_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_kbli_codes_are_five_digits() -> None:
    validate_kbli(["13134", "14111"])
    with pytest.raises(ValidationError):
        validate_kbli(["1313"])
    with pytest.raises(ValidationError):
        validate_kbli([])
