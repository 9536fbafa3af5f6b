"""Exhibitions and booths: staff plan them for their region, artisans read them to apply."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from canting.core.models import Area, AuditEvent
from canting.core.testing import staff_user
from canting.exhibitions.models import Booth, Exhibition
from canting.exhibitions.services import exhibitions as services
from canting.exhibitions.services import exhibitors
from canting.exhibitions.tests.factories import BoothFactory, ExhibitionFactory, ExhibitorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


FORM = {
    "name_ind": "Pameran Batik Sunrise Mall",
    "name_en": "Sunrise Mall Batik Fair",
    "kind": "local",
    "organised_by_city": "on",
    "organiser": "Diskopukmperindag Kota Mojokerto",
    "description_ind": "Pameran batik kota.",
    "venue": "Sunrise Mall",
    "area": "35.76",
    "starts_on": "2030-10-06",
    "ends_on": "2030-10-10",
    "budget": "45000000",
    "application_deadline": "2030-09-20",
    "public": "on",
}


def test_staff_plan_an_exhibition_in_both_languages(client: Any, staff: Any) -> None:
    client.force_login(staff)

    response = client.post(reverse("exhibitions:exhibition-create"), FORM)

    exhibition = Exhibition.objects.get()
    assert response.url == reverse("exhibitions:exhibition-detail", args=[exhibition.pk])
    assert (exhibition.name_ind, exhibition.name_en, exhibition.budget) == (  # type: ignore[attr-defined]
        "Pameran Batik Sunrise Mall", "Sunrise Mall Batik Fair", Decimal(45_000_000),
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="exhibitions.exhibition.created", object_id=str(exhibition.pk)).exists()

    client.post(reverse("exhibitions:exhibition-edit", args=[exhibition.pk]), {**FORM, "venue": "GOR Seni"})
    exhibition.refresh_from_db()
    assert exhibition.venue == "GOR Seni"
    event = AuditEvent.objects.get(action="exhibitions.exhibition.changed")
    assert event.changes == {"venue": ["Sunrise Mall", "GOR Seni"]}


def test_an_exhibition_cannot_end_before_it_starts(client: Any, staff: Any) -> None:
    client.force_login(staff)

    response = client.post(reverse("exhibitions:exhibition-create"), {**FORM, "ends_on": "2030-10-01"})

    assert "An exhibition cannot end before it starts." in response.content.decode()
    assert not Exhibition.objects.exists()


def test_staff_of_another_region_neither_see_nor_change_it() -> None:
    exhibition = ExhibitionFactory(area_id="35.76")
    sidoarjo = staff_user("sari", area="35.15")

    assert not Exhibition.objects.for_user(sidoarjo).exists()
    with pytest.raises(ValidationError):
        services.save_exhibition(actor=sidoarjo, data={"venue": "X"}, exhibition=exhibition)
    with pytest.raises(ValidationError) as refused:
        services.save_exhibition(actor=sidoarjo, data={**FORM, "area": Area.objects.get(code="35.76")})
    assert refused.value.message_dict == {"area": ["Choose a region of your own office."]}
    exhibition.refresh_from_db()
    assert exhibition.venue == "Sunrise Mall"


def test_booths_are_added_and_one_given_out_is_never_removed(client: Any, staff: Any) -> None:
    exhibition = ExhibitionFactory()
    client.force_login(staff)
    url = reverse("exhibitions:booths", args=[exhibition.pk])

    client.post(url, {"code": "A1", "width_m": "3", "depth_m": "2.5", "position": "dekat pintu", "price": "500000"})
    duplicate = client.post(url, {"code": "A1", "width_m": "3", "depth_m": "3", "price": "0"})

    booth = Booth.objects.get(exhibition=exhibition)
    assert (booth.code, booth.depth_m, booth.price) == ("A1", Decimal("2.5"), Decimal(500_000))
    assert "This exhibition already has a booth with this code." in duplicate.content.decode()

    exhibitors.assign_booth(staff, ExhibitorFactory(exhibition=exhibition), booth)
    refused = client.post(url, {"remove": booth.pk}, follow=True)
    assert "Booth A1 has been given to an exhibitor and cannot be removed." in refused.content.decode()
    assert Booth.objects.filter(pk=booth.pk).exists()

    free = BoothFactory(exhibition=exhibition, code="A2")
    client.post(url, {"remove": free.pk})
    assert list(Booth.objects.values_list("code", flat=True)) == ["A1"]


def test_the_list_for_staff_and_for_artisans(
    client: Any, staff: Any, artisan: Any, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    ExhibitionFactory(name="Pameran Lama", budget=Decimal(1_000_000))
    open_call = ExhibitionFactory(
        name="Pameran Baru",
        starts_on=today + datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=22),
        application_deadline=today + datetime.timedelta(days=5),
    )
    ExhibitionFactory(name="Pameran Sidoarjo", area_id="35.15")
    for _n in range(5):
        BoothFactory(exhibition=open_call)

    client.force_login(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("exhibitions:exhibition-list")).content.decode()
    assert "Pameran Lama" in page and "Pameran Baru" in page and "Pameran Sidoarjo" not in page
    assert "IDR 1,000,000" in page

    upcoming = client.get(reverse("exhibitions:exhibition-list"), {"when": "upcoming"}).content.decode()
    assert "Pameran Baru" in upcoming and "Pameran Lama" not in upcoming

    export = client.get(reverse("exhibitions:exhibition-list"), {"format": "xlsx", "year": "2023"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Pameran Lama"]

    client.force_login(artisan)
    page = client.get(reverse("exhibitions:exhibition-list")).content.decode()
    assert "Pameran Sidoarjo" in page  # artisans read every call
    assert page.count('data-testid="apply"') == 1
    assert "IDR 1,000,000" not in page


def test_the_detail_page_shows_the_budget_to_staff_only(client: Any, staff: Any, artisan: Any) -> None:
    exhibition = ExhibitionFactory(budget=Decimal(45_000_000))

    client.force_login(staff)
    assert (
        "IDR 45,000,000" in client.get(reverse("exhibitions:exhibition-detail", args=[exhibition.pk])).content.decode()
    )
    client.force_login(artisan)
    page = client.get(reverse("exhibitions:exhibition-detail", args=[exhibition.pk])).content.decode()
    assert "45,000,000" not in page
    assert "Applications for this exhibition have closed." in page


def test_staff_reach_the_report_from_the_exhibition_page(client: Any, staff: Any, artisan: Any) -> None:
    exhibition = ExhibitionFactory()
    report = reverse("exhibitions:report", args=[exhibition.pk])

    client.force_login(staff)
    staff_page = client.get(reverse("exhibitions:exhibition-detail", args=[exhibition.pk])).content.decode()
    client.force_login(artisan)
    artisan_page = client.get(reverse("exhibitions:exhibition-detail", args=[exhibition.pk])).content.decode()

    assert f'href="{report}"' in staff_page
    assert report not in artisan_page
    client.force_login(staff)
    assert client.get(report).status_code == 200
