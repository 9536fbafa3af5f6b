"""Competency units and schemes: staff keep them; a scheme has at least one unit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canting.training.models import CompetencyScheme, CompetencyUnit
from canting.training.services import programmes
from canting.training.tests.factories import CompetencyUnitFactory

pytestmark = pytest.mark.django_db


def test_staff_record_a_unit_and_a_scheme_of_it(client: Any, staff: Any) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("training:unit-create"),
        {"code": "C.14BTK01.015.1", "title": "Mengecap kain", "standard": "SKKNI 104/2018", "active": "on"},
    )
    assert response.status_code == 302
    unit = CompetencyUnit.objects.get()
    response = client.post(
        reverse("training:scheme-create"),
        {"name": "Skema Batik Cap", "issuer": "LSP BBKB", "validity_months": 36, "units": [unit.pk]},
    )
    assert response.status_code == 302
    assert list(CompetencyScheme.objects.get().units.all()) == [unit]


def test_a_scheme_without_units_is_refused(client: Any, staff: Any) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("training:scheme-create"), {"name": "Kosong", "issuer": "LSP BBKB", "validity_months": 36}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["units"]
    assert not CompetencyScheme.objects.exists()


def test_only_staff_keep_units(artisan: Any) -> None:
    with pytest.raises(ValidationError):
        programmes.save_unit(actor=artisan, data={"code": "X", "title": "Y"})
    with pytest.raises(ValidationError):
        programmes.save_scheme(actor=artisan, data={"name": "X", "issuer": "Y"}, units=[CompetencyUnitFactory()])
    assert not CompetencyScheme.objects.exists()
    assert CompetencyUnit.objects.count() == 1
