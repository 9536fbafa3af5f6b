"""The public calendar: upcoming public exhibitions in the reader's language, with nothing private."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory
from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def soon(days: int = 20, **extra: Any) -> Any:
    today = timezone.localdate()
    return ExhibitionFactory(
        starts_on=today + datetime.timedelta(days=days), ends_on=today + datetime.timedelta(days=days + 4), **extra
    )


def test_the_calendar_in_english_and_indonesian(client: Any) -> None:
    soon(name="Pameran Batik Sunrise", name_ind="Pameran Batik Sunrise", name_en="Sunrise Batik Fair")
    soon(name="Gelar Batik", name_ind="Gelar Batik", name_en="")
    soon(name="Rapat Internal", name_ind="Rapat Internal", public=False)
    ExhibitionFactory(name="Pameran 2023", name_ind="Pameran 2023")  # long past

    with translation.override("en"):
        english = client.get(reverse("events:calendar")).content.decode()
    with translation.override("id"):
        url = reverse("events:calendar")
        indonesian = client.get(url).content.decode()

    assert url == "/id/pameran/" or url.startswith("/id/")
    assert "Sunrise Batik Fair" in english and "Gelar Batik" in english  # no English name: the Indonesian one
    assert "Pameran Batik Sunrise" in indonesian
    for page in (english, indonesian):
        assert "Rapat Internal" not in page and "Pameran 2023" not in page


def test_the_public_page_names_selected_makers_only_and_no_budget(client: Any) -> None:
    exhibition = soon(budget=Decimal(45_000_000), call_text="Dibuka untuk IKM batik.")
    exhibition.application_deadline = timezone.localdate() + datetime.timedelta(days=3)
    exhibition.save()
    chosen = ExhibitorFactory(
        exhibition=exhibition, enterprise=EnterpriseFactory(name="Batik Terpilih", contact_phone="081234567890")
    )
    ExhibitorFactory(exhibition=exhibition, status="applied", enterprise=EnterpriseFactory(name="Batik Menunggu"))

    with translation.override("en"):
        page = client.get(reverse("events:detail", args=[exhibition.pk])).content.decode()

    assert "Batik Terpilih" in page and reverse("showcase:enterprise", args=[chosen.enterprise_id]) in page
    assert "Batik Menunggu" not in page
    assert "45" + ",000,000" not in page and "45.000.000" not in page
    assert "Sign in to apply" in page and "/login/?next=" in page and "Dibuka untuk IKM batik." in page
    assert "081234567890" not in page  # no contact details on the calendar


def test_a_private_exhibition_is_not_found(client: Any) -> None:
    exhibition = soon(public=False)
    with translation.override("en"):
        assert client.get(reverse("events:detail", args=[exhibition.pk])).status_code == 404
