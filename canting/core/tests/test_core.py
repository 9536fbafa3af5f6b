"""Areas, masks, roles and the audit trail's readable form."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from canting.core.areas import iter_areas
from canting.core.masking import mask_nik, mask_phone
from canting.core.models import Area, AuditEvent
from canting.core.permissions import PUBLIC, role_of


@pytest.mark.django_db
def test_kota_mojokerto_has_three_districts_and_eighteen_villages() -> None:
    city = Area.objects.get(code="35.76")
    assert city.name == "Kota Mojokerto"
    assert city.parent.name == "Jawa Timur"
    assert Area.objects.filter(parent=city).count() == 3
    assert Area.objects.filter(code__startswith="35.76.", level=4).count() == 18
    assert Area.objects.get(code="35.76.02.1001").path == "Gununggedangan, Magersari, Kota Mojokerto, Jawa Timur"


def test_area_data_covers_every_regency_of_jawa_timur() -> None:
    regencies = [code for code, _name, level in iter_areas("35") if level == 2]
    assert len(regencies) == 38  # 29 kabupaten and 9 kota


def test_unknown_area_code_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown area code"):
        list(iter_areas("99"))


def test_masks_keep_only_what_identifies_the_record() -> None:
    assert mask_nik("3576014101900001") == "3576********0001"
    assert mask_phone("+6281234567890") == "+62812*****890"
    assert mask_nik("") == "" and mask_phone(None) == ""


def test_an_inactive_login_counts_as_a_visitor(db: Any, staff: Any) -> None:
    staff.is_active = False
    assert role_of(staff) == PUBLIC
    assert role_of(None) == PUBLIC


@pytest.mark.django_db
def test_readable_changes_use_the_field_labels() -> None:
    event = AuditEvent(object_type="registry.enterprise", changes={"workers_men": [1, 4], "gone": [1, 2]})
    with translation.override("en"):
        assert event.readable_changes == [("workers, men", 1, 4), ("gone", 1, 2)]
    # a reverse relation, such as the lines an export order's service replaced, reads as the related model's plural
    lines = AuditEvent(object_type="trade.exportorder", changes={"lines": [["a"], ["b"]]})
    with translation.override("en"):
        assert lines.readable_changes == [("order lines", ["a"], ["b"])]


@pytest.mark.django_db
def test_login_is_throttled_after_five_failures_with_a_cool_off(staff: Any, settings: Any) -> None:
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": staff.username, "password": "wrong"})
    locked = client.post("/login/", {"username": staff.username, "password": "correct horse battery"})
    assert locked.status_code == 429
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username=staff.username).exists()
    assert settings.AXES_COOLOFF_TIME.total_seconds() > 0


@pytest.mark.django_db
def test_login_with_the_right_password_reaches_home(staff: Any) -> None:
    client = Client()
    response = client.post("/login/", {"username": staff.username, "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.get("/").context["counts"]["total"] == 0
