"""Named test personas, shared by every app's tests (fixtures in the repository's conftest.py).

- ``staff``: Rina, an officer of Kota Mojokerto's office (working area 35.76);
- ``artisan`` and ``other_artisan``: owners of two different enterprises;
- ``assessor``: a trainer and assessor;
- ``visitor``: nobody signed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from canting.core.models import Area, Role, User

CITY = "35.76"
VILLAGE = "35.76.02.1001"  # Gununggedangan, Magersari
OTHER_VILLAGE = "35.76.03.1002"  # Miji, Kranggan


def make_user(username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, first_name=username.title(), **extra)
    user.set_password("correct horse battery")
    user.save()
    return user


def staff_user(username: str = "rina", area: str | None = CITY) -> User:
    return make_user(username, Role.STAFF, area=Area.objects.get(code=area) if area else None)


# Browser tests (fixtures ``browser`` and ``restore_areas`` are in the repository's conftest.py).
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def shoot(page: Any, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/screenshots/, to be looked at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
