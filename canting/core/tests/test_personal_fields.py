"""Every field that holds personal data is written down in canting.core.personal, which erasure and the personal-data
download both read: a model that gains a personal field fails here until it is listed (or said not to be)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from canting.core.personal import HOLDERS, NOT_PERSONAL, PERSONAL_NAME, Holds, Role, Traces, unlisted_personal_fields


def test_every_field_that_looks_personal_is_listed_as_personal_or_as_not() -> None:
    missing = unlisted_personal_fields()
    assert not missing, (
        "Fields that look personal but are not in canting.core.personal.HOLDERS (erasure and the personal-data "
        f"download handle those) nor in NOT_PERSONAL (with the reason): {missing}"
    )


def test_a_field_left_off_both_lists_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(HOLDERS, "trade.buyer")
    monkeypatch.delitem(NOT_PERSONAL, ("registry.enterprise", "name"))

    missing = unlisted_personal_fields()

    assert {"trade.buyer.name", "trade.buyer.email", "trade.buyer.phone", "trade.buyer.address"} <= set(missing)
    assert "registry.enterprise.name" in missing


def test_the_walk_would_catch_the_names_that_personal_fields_take() -> None:
    for name in ("nik", "full_name", "birth_date", "phone", "email", "address", "whatsapp", "first_name", "last_name"):
        assert PERSONAL_NAME.search(name), name
    for name in ("contact_person", "name", "owner_name", "mobile_phone", "home_address", "date_of_birth"):
        assert PERSONAL_NAME.search(name), name
    for name in ("status", "kind", "notes", "username", "number", "created_at"):
        assert not PERSONAL_NAME.search(name), name


def test_every_listed_field_exists_so_the_lists_cannot_go_stale() -> None:
    for label, holder in HOLDERS.items():
        model = apps.get_model(label)
        for name in [*holder.fields, *holder.also_exported]:
            model._meta.get_field(name)
    for label, name in NOT_PERSONAL:
        apps.get_model(label)._meta.get_field(name)


def test_the_registry_persons_every_personal_field_is_listed_for_the_subject() -> None:
    person = HOLDERS["registry.person"]
    assert person.role == Role.SUBJECT
    assert {"full_name", "nik", "birth_date", "phone", "email", "address"} <= set(person.fields)
    assert HOLDERS["core.user"].fields["email"] == Holds.EMAIL


def test_traces_find_identifiers_however_they_are_written() -> None:
    traces = Traces(
        names=["Siti Aminah"],
        niks=["3576024105900001"],
        phones=["+6281234567890"],
        emails=["siti@example.id"],
        birth_dates=[datetime.date(1990, 5, 1)],
    )
    text = "SITI  aminah, 3576 0241 0590 0001, 0812-3456-7890, +62 812 3456 7890, Siti@Example.id, 01/05/1990"

    assert traces.scrub(text, with_birth_date=True) == ", ".join(["(dihapus)"] * 6)
    assert traces.scrub(text).endswith("01/05/1990")  # a birth date alone is left where it is not theirs
    assert traces.scrub({"rows": [{"name": "Siti Aminah"}]}) == {"rows": [{"name": "(dihapus)"}]}
    assert traces.scrub("Siti Aminahwati, 35760241059000012, sitiaminah@example.id") == (
        "Siti Aminahwati, 35760241059000012, sitiaminah@example.id"
    )
