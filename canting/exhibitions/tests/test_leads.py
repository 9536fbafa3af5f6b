"""Buyer leads: an exhibitor sees and follows up only their own booth's leads; staff see the whole exhibition's."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.core.models import AuditEvent
from canting.exhibitions.models import Lead, LeadState
from canting.exhibitions.services import leads as services
from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory


@pytest.fixture
def fair(enterprise: Any, other_enterprise: Any) -> dict[str, Any]:
    exhibition = ExhibitionFactory(name="Pameran Sunrise Mall")
    ours = ExhibitorFactory(exhibition=exhibition, enterprise=enterprise)
    theirs = ExhibitorFactory(exhibition=exhibition, enterprise=other_enterprise)
    kain = ProductFactory(enterprise=enterprise, name_ind="Kain Surya Majapahit", price=Decimal(350_000))
    other_kain = ProductFactory(enterprise=other_enterprise, name_ind="Kain Lain")
    return {"exhibition": exhibition, "ours": ours, "theirs": theirs, "kain": kain, "other_kain": other_kain}


def lead(fair: Any, exhibitor: Any, name: str, country: str = "JP", state: str = LeadState.NEW) -> Lead:
    return Lead.objects.create(
        exhibition=fair["exhibition"],
        exhibitor=exhibitor,
        name=name,
        country=country,
        email="b@example.com",
        state=state,
    )


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages are asserted in English, the source language
    return client


BUYER = {"name": "Kenji Sato", "company": "Sato Trading", "country": "JP", "email": "kenji@example.jp", "phone": ""}


def test_an_artisan_captures_a_lead_for_their_own_booth(artisan: Any, fair: Any) -> None:
    answer = client_for(artisan).post(
        reverse("exhibitions:lead-create", args=[fair["exhibition"].pk]), {**BUYER, "products": [fair["kain"].pk]}
    )

    captured = Lead.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("exhibitions:lead-detail", args=[captured.pk])
    assert (captured.exhibitor, captured.name, captured.country.code, captured.state) == (
        fair["ours"], "Kenji Sato", "JP", LeadState.NEW,
    )  # fmt: skip
    assert list(captured.products.all()) == [fair["kain"]]
    assert AuditEvent.objects.filter(action="exhibitions.lead.captured", object_id=str(captured.pk)).count() == 1


def test_a_lead_naming_another_enterprises_product_or_booth_is_refused(artisan: Any, fair: Any) -> None:
    with pytest.raises(ValidationError) as product:
        services.capture_lead(artisan, fair["exhibition"], fair["ours"], BUYER, [fair["other_kain"]])
    with pytest.raises(ValidationError) as booth:
        services.capture_lead(artisan, fair["exhibition"], fair["theirs"], BUYER)
    with pytest.raises(ValidationError) as whole:
        services.capture_lead(artisan, fair["exhibition"], None, BUYER)

    assert product.value.error_dict["products"][0].code == "not_own_product"
    assert booth.value.code == "outside_area"
    assert whole.value.error_dict["exhibitor"][0].code == "no_booth"
    assert not Lead.objects.exists()


def test_a_lead_without_email_or_phone_is_refused(artisan: Any, fair: Any) -> None:
    answer = client_for(artisan).post(
        reverse("exhibitions:lead-create", args=[fair["exhibition"].pk]), {**BUYER, "email": "", "phone": ""}
    )
    assert answer.status_code == 200
    assert "Give an e-mail address or a phone number" in answer.content.decode()
    assert not Lead.objects.exists()


def test_staff_capture_a_lead_for_the_whole_exhibition(staff: Any, fair: Any) -> None:
    captured = services.capture_lead(staff, fair["exhibition"], None, BUYER, [fair["kain"], fair["other_kain"]])
    assert captured.exhibitor is None
    assert set(captured.products.all()) == {fair["kain"], fair["other_kain"]}


def test_the_list_shows_an_artisan_only_their_booths_leads_and_staff_all(
    staff: Any, artisan: Any, other_artisan: Any, fair: Any, django_assert_max_num_queries: Any
) -> None:
    lead(fair, fair["ours"], "Kenji Sato")
    lead(fair, fair["theirs"], "Anna Müller", country="DE")
    lead(fair, None, "Wayan Buyer", country="ID")
    url = reverse("exhibitions:lead-list", args=[fair["exhibition"].pk])

    client = client_for(artisan)
    with django_assert_max_num_queries(10):
        mine = client.get(url).content.decode()
    everyone = client_for(staff).get(url).content.decode()
    german = client_for(staff).get(url, {"country": "DE"}).content.decode()

    assert "Kenji Sato" in mine and "Anna Müller" not in mine and "Wayan Buyer" not in mine
    assert all(name in everyone for name in ("Kenji Sato", "Anna Müller", "Wayan Buyer"))
    assert "Anna Müller" in german and "Kenji Sato" not in german
    assert client_for(other_artisan).get(url).content.decode().count('data-testid="lead"') == 1  # only their own


def test_another_exhibitors_lead_answers_404_and_is_refused_by_the_service(artisan: Any, fair: Any) -> None:
    theirs = lead(fair, fair["theirs"], "Anna Müller", country="DE")
    client = client_for(artisan)

    assert client.get(reverse("exhibitions:lead-detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("exhibitions:lead-detail", args=[theirs.pk]), {"state": "won"}).status_code == 404
    with pytest.raises(ValidationError):
        services.follow_up(artisan, theirs, LeadState.WON, "mine now")
    theirs.refresh_from_db()
    assert (theirs.state, theirs.notes) == (LeadState.NEW, "")


def test_follow_up_moves_forward_and_is_audited(artisan: Any, fair: Any) -> None:
    own = lead(fair, fair["ours"], "Kenji Sato")
    url = reverse("exhibitions:lead-detail", args=[own.pk])
    client = client_for(artisan)

    assert client.post(url, {"state": "contacted", "notes": "Sent the price list."}).status_code == 302
    assert client.post(url, {"state": "won", "notes": "Ordered 20 pieces."}).status_code == 302
    own.refresh_from_db()
    assert (own.state, own.notes) == (LeadState.WON, "Ordered 20 pieces.")
    assert AuditEvent.objects.filter(action="exhibitions.lead.followed_up", object_id=str(own.pk)).count() == 2

    with pytest.raises(ValidationError) as backwards:
        services.follow_up(artisan, own, LeadState.NEGOTIATING, "")
    assert backwards.value.error_dict["state"][0].code == "bad_transition"
    own.refresh_from_db()
    assert own.state == LeadState.WON


def test_the_list_exports_the_filtered_leads_to_xlsx(staff: Any, fair: Any) -> None:
    lead(fair, fair["ours"], "Kenji Sato")
    lead(fair, fair["theirs"], "Anna Müller", country="DE", state=LeadState.CONTACTED)

    answer = client_for(staff).get(
        reverse("exhibitions:lead-list", args=[fair["exhibition"].pk]), {"state": "contacted", "format": "xlsx"}
    )

    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1:4] == ("Anna Müller", None, "Germany") or rows[1][1:4] == ("Anna Müller", "", "Germany")
    assert rows[1][6] == "Batik Lain"


def test_the_country_select_lists_indonesia_first(artisan: Any, fair: Any) -> None:
    html = client_for(artisan).get(reverse("exhibitions:lead-create", args=[fair["exhibition"].pk])).content.decode()
    select = html[html.index('name="country"') :]
    assert select.index('value="ID"') < select.index('value="AF"')
