"""Passwords are stored with Argon2id at OWASP's minimum, and older Argon2 hashes move to it at the next sign-in."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, identify_hasher, make_password
from django.test import Client

from canting.core.hashers import Argon2idHasher
from canting.core.testing import make_user

PASSWORD = "batik tulis sogan 1911"
pytestmark = pytest.mark.usefixtures("production_hashers")


def test_a_new_password_is_stored_with_argon2id_at_owasps_minimum() -> None:
    stored = make_password(PASSWORD)

    assert stored.startswith("argon2$argon2id$")
    assert "m=19456,t=2,p=1" in stored
    assert isinstance(identify_hasher(stored), Argon2idHasher)
    assert check_password(PASSWORD, stored)
    assert not check_password("batik tulis sogan 1912", stored)


@pytest.mark.django_db
def test_a_hash_with_djangos_default_settings_still_signs_in_and_is_stored_again(client: Client) -> None:
    # Given a login whose password was stored with Django's own Argon2 settings (100 MiB, eight lanes)
    user: Any = make_user("sekar", "staff")
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password

    # When its owner signs in
    answer = client.post("/login/", {"username": "sekar", "password": PASSWORD})

    # Then the sign-in works and the password is stored again with the current settings
    assert answer.status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password
    assert check_password(PASSWORD, user.password)
