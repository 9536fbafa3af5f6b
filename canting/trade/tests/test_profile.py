"""The export profile: created on first save, changed later, audited; a bad REX number changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canting.core.models import AuditEvent
from canting.trade.models import ExportProfile
from canting.trade.services.profile import save_profile

pytestmark = pytest.mark.django_db


def test_the_first_save_creates_the_profile_and_a_later_one_changes_it(artisan: Any, enterprise: Any) -> None:
    profile = save_profile(
        actor=artisan,
        enterprise=enterprise,
        data={"customs_access": True, "customs_access_on": datetime.date(2025, 3, 1), "rex_number": "idrex 3578123"},
    )
    assert (profile.customs_access, profile.rex_number, profile.updated_by) == (True, "IDREX3578123", artisan)
    assert AuditEvent.objects.filter(action="trade.profile.created", object_id=str(profile.pk)).count() == 1
    save_profile(actor=artisan, enterprise=enterprise, data={"signatory": "Siti Aminah", "signatory_title": "Owner"})
    profile.refresh_from_db()
    assert (profile.signatory, profile.rex_number) == ("Siti Aminah", "IDREX3578123")
    event = AuditEvent.objects.get(action="trade.profile.changed", object_id=str(profile.pk))
    assert event.changes["signatory"] == ["", "Siti Aminah"]
    assert ExportProfile.objects.count() == 1


def test_a_bad_rex_number_is_refused_and_nothing_changes(artisan: Any, enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        save_profile(actor=artisan, enterprise=enterprise, data={"rex_number": "REX123"})
    assert "A REX number starts with ID" in str(refused.value)
    assert not ExportProfile.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="trade.profile").exists()


def test_a_rex_date_without_a_number_is_refused(artisan: Any, enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        save_profile(actor=artisan, enterprise=enterprise, data={"rex_registered_on": datetime.date(2025, 1, 1)})
    assert refused.value.message_dict == {
        "rex_registered_on": ["Give the REX registration date together with the REX number."]
    }
    assert not ExportProfile.objects.exists()


def test_another_enterprises_artisan_may_not_save(other_artisan: Any, enterprise: Any) -> None:
    with pytest.raises(ValidationError):
        save_profile(actor=other_artisan, enterprise=enterprise, data={"customs_access": True})
    assert not ExportProfile.objects.exists()


def test_the_profile_page_saves_and_goes_to_the_checklist(
    client: Any, staff: Any, enterprise: Any, settings: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff)
    url = reverse("trade:profile", args=[enterprise.pk])
    refused = client.post(url, {"rex_number": "XX1"})
    assert refused.status_code == 200
    assert "A REX number starts with ID" in refused.content.decode()
    assert not ExportProfile.objects.exists()
    response = client.post(url, {"customs_access": "on", "port_of_loading": "Tanjung Perak, Surabaya"})
    assert response.status_code == 302
    assert response.url == reverse("trade:readiness", args=[enterprise.pk])
    profile = ExportProfile.objects.get(enterprise=enterprise)
    assert (profile.customs_access, profile.port_of_loading, profile.updated_by) == (
        True,
        "Tanjung Perak, Surabaya",
        staff,
    )
