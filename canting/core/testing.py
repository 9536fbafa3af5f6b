"""Named test personas, shared by every app's tests (fixtures in the repository's conftest.py).

- ``staff``: Rina, an officer of Kota Mojokerto's office (working area 35.76);
- ``artisan`` and ``other_artisan``: owners of two different enterprises;
- ``assessor``: a trainer and assessor;
- ``visitor``: nobody signed in.
"""

from __future__ import annotations

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
