"""Facility pages: the list and detail, staff keeping facilities (with a checked photo), quotas and closed days."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from canting.core.models import AuditEvent
from canting.facilities.models import ClosedDay, Facility, Quota
from canting.facilities.tests.factories import FacilityFactory
from canting.registry.tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages are asserted in English, the source language
    client.force_login(user)
    return client


def png(width: int = 400, height: int = 300) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#8a5a2b").save(buffer, "PNG")
    return SimpleUploadedFile("ruang.png", buffer.getvalue(), content_type="image/png")


def facility_data(centre: Any, **extra: Any) -> dict[str, Any]:
    return {
        "centre": centre.pk, "name": "Ruang colet", "kind": "room", "description": "", "capacity": 10,
        "capacity_unit": "people", "opens_at": "08:00", "closes_at": "16:00", "closed_weekdays": ["6"],
        "min_minutes": 60, "max_minutes": 480, "max_days_ahead": 30, "needs_approval": "on", "fee_per_hour": 15000,
        "active": "on", **extra,
    }  # fmt: skip


def test_the_list_shows_the_rules_of_each_facility(artisan: Any, django_assert_max_num_queries: Any) -> None:
    centre = CentreFactory()
    FacilityFactory(centre=centre, name="IPAL", kind="ipal", opens_at=datetime.time(0), closes_at=datetime.time(0))
    for i in range(5):
        FacilityFactory(centre=centre, name=f"Ruang {i}", closed_weekdays=[5, 6], fee_per_hour=25000)
    client = signed_in(artisan)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("facilities:facility-list")).content.decode()
    assert html.count('data-testid="facility"') == 6
    assert "day and night" in html
    assert "Saturday, Sunday" in html
    assert html.count("IDR 25,000") == 10  # in its column, and under the hours on a phone


def test_staff_see_only_their_areas_facilities(staff: Any) -> None:
    FacilityFactory(name="Ruang Mojokerto")
    FacilityFactory(name="Ruang Sidoarjo", centre=CentreFactory(village_id="35.15.01.2001"))
    html = signed_in(staff).get(reverse("facilities:facility-list")).content.decode()
    assert "Ruang Mojokerto" in html and "Ruang Sidoarjo" not in html


def test_the_detail_says_the_rules_in_words_and_offers_to_book(artisan: Any) -> None:
    room = FacilityFactory(name="Ruang batik cap", min_minutes=60, max_minutes=240, max_days_ahead=14,
                           needs_approval=False, closed_weekdays=[6])  # fmt: skip
    Quota.objects.create(facility=room, hours_per_month=20)
    html = signed_in(artisan).get(reverse("facilities:facility-detail", args=[room.pk])).content.decode()
    assert "A booking lasts from 1 to 4 hours." in html
    assert "up to 14 days ahead" in html
    assert "confirmed as soon as it is made" in html
    assert "Closed on Sunday." in html
    assert "up to 20 hours a month" in html
    assert f"{reverse('facilities:booking-create')}?facility={room.pk}" in html
    assert reverse("facilities:facility-calendar", args=[room.pk]) in html


def test_staff_create_a_facility_with_a_photo_and_it_is_audited(staff: Any) -> None:
    centre = CentreFactory()
    response = signed_in(staff).post(reverse("facilities:facility-create"), facility_data(centre, photo=png()))
    room = Facility.objects.get(name="Ruang colet")
    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:facility-detail", args=[room.pk])
    assert room.closed_weekdays == [6]
    assert room.photo.name.startswith("catalogue/") and room.photo.name.endswith(".webp")
    assert AuditEvent.objects.filter(action="facilities.facility.created").count() == 1


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(staff: Any) -> None:
    centre = CentreFactory()
    fake = SimpleUploadedFile("ruang.jpg", b"not a picture at all" * 50, content_type="image/jpeg")
    response = signed_in(staff).post(reverse("facilities:facility-create"), facility_data(centre, photo=fake))
    assert response.status_code == 200
    assert "not a photo that can be read" in response.content.decode()
    assert not Facility.objects.exists()


def test_an_artisan_cannot_create_or_edit_facilities(artisan: Any) -> None:
    room = FacilityFactory(name="Ruang batik tulis")
    client = signed_in(artisan)
    assert client.post(reverse("facilities:facility-create"), facility_data(room.centre)).status_code == 403
    assert (
        client.post(reverse("facilities:facility-edit", args=[room.pk]), facility_data(room.centre)).status_code == 403
    )
    assert list(Facility.objects.values_list("name", flat=True)) == ["Ruang batik tulis"]


def test_staff_edit_the_rules(staff: Any) -> None:
    room = FacilityFactory(name="Ruang colet")
    data = facility_data(room.centre, closed_weekdays=["5", "6"], max_minutes=120)
    signed_in(staff).post(reverse("facilities:facility-edit", args=[room.pk]), data)
    room.refresh_from_db()
    assert (room.closed_weekdays, room.max_minutes) == ([5, 6], 120)
    assert AuditEvent.objects.filter(action="facilities.facility.changed").count() == 1


def test_shortest_longer_than_longest_is_refused(staff: Any) -> None:
    room = FacilityFactory(name="Ruang colet", min_minutes=60, max_minutes=480)
    data = facility_data(room.centre, min_minutes=600, max_minutes=120)
    response = signed_in(staff).post(reverse("facilities:facility-edit", args=[room.pk]), data)
    assert response.status_code == 200
    room.refresh_from_db()
    assert (room.min_minutes, room.max_minutes) == (60, 480)


def test_staff_set_change_and_remove_quotas(staff: Any, enterprise: Any) -> None:
    room = FacilityFactory()
    client = signed_in(staff)
    url = reverse("facilities:facility-quotas", args=[room.pk])
    client.post(url, {"enterprise": "", "hours_per_month": 20})
    client.post(url, {"enterprise": enterprise.pk, "hours_per_month": 40})
    client.post(url, {"enterprise": enterprise.pk, "hours_per_month": 30})  # changes the same quota
    assert sorted(Quota.objects.values_list("enterprise_id", "hours_per_month"), key=str) == sorted(
        [(None, 20), (enterprise.pk, 30)], key=str
    )
    html = client.get(url).content.decode()
    assert "Batik Sekar Uji" in html
    default = Quota.objects.get(enterprise__isnull=True)
    client.post(url, {"remove": default.pk})
    assert list(Quota.objects.values_list("enterprise_id", "hours_per_month")) == [(enterprise.pk, 30)]


def test_a_quota_above_a_month_of_hours_is_refused(staff: Any) -> None:
    room = FacilityFactory()
    response = signed_in(staff).post(
        reverse("facilities:facility-quotas", args=[room.pk]), {"enterprise": "", "hours_per_month": 800}
    )
    assert response.status_code == 200
    assert not Quota.objects.exists()


def test_staff_close_the_centre_or_one_facility_and_reopen(staff: Any) -> None:
    room = FacilityFactory()
    day = timezone.localdate() + datetime.timedelta(days=10)
    client = signed_in(staff)
    url = reverse("facilities:closed-days")
    client.post(url, {"centre": room.centre_id, "facility": "", "day": day.isoformat(), "reason": "Idul Fitri"})
    client.post(url, {"centre": room.centre_id, "facility": room.pk, "day": day.isoformat(), "reason": "Perawatan"})
    assert sorted(ClosedDay.objects.values_list("facility_id", "reason"), key=str) == sorted(
        [(None, "Idul Fitri"), (room.pk, "Perawatan")], key=str
    )
    again = client.post(url, {"centre": room.centre_id, "facility": "", "day": day.isoformat(), "reason": "Lagi"})
    assert "already closed" in again.content.decode()
    assert ClosedDay.objects.count() == 2
    html = client.get(url).content.decode()
    assert "Idul Fitri" in html and "the whole centre" in html
    client.post(url, {"remove": ClosedDay.objects.get(facility__isnull=True).pk})
    assert list(ClosedDay.objects.values_list("reason", flat=True)) == ["Perawatan"]


def test_a_facility_of_another_centre_cannot_be_closed_with_this_one(staff: Any) -> None:
    room = FacilityFactory()
    other_centre = CentreFactory()
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = signed_in(staff).post(
        reverse("facilities:closed-days"),
        {"centre": other_centre.pk, "facility": room.pk, "day": day.isoformat(), "reason": "Perawatan"},
    )
    assert "belongs to another centre" in response.content.decode()
    assert not ClosedDay.objects.exists()
