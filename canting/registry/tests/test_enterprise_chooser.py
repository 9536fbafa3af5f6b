"""Choosing one enterprise among tens of thousands: the pages write only the one chosen, a search box finds the
others by name or NIB (with or without JavaScript), and nobody finds or chooses an enterprise they may not see."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from canting.core.testing import staff_user
from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory
from canting.trade.models import Buyer

# Every staff page that offered each enterprise of the officer's area as an <option>.
PAGES = [
    "catalogue:motif-create",
    "catalogue:product-create",
    "certification:batch-list",
    "certification:certification-create",
    "certification:certification-list",
    "certification:inspection-list",
    "certification:label-checks",
    "certification:label-run-list",
    "certification:report-list",
    "facilities:booking-create",
    "facilities:booking-list",
    "trade:buyer-create",
    "trade:buyer-list",
    "trade:order-list",
]
OPTION = re.compile(r"<option\b")


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def options(client: Client) -> dict[str, tuple[int, int]]:
    """Per page: its <option> count and its size in bytes."""
    pages = {}
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        pages[name] = (len(OPTION.findall(html)), len(re.sub(r"Batik Uji \d+|\d{13}", "", html)))
    return pages


def test_pages_write_the_same_options_for_5_or_60_enterprises(staff: Any) -> None:
    client = client_for(staff)
    EnterpriseFactory.create_batch(5)
    few = options(client)
    EnterpriseFactory.create_batch(55)
    many = options(client)
    assert Enterprise.objects.count() == 60
    for name in PAGES:
        assert many[name][0] == few[name][0], name
        assert abs(many[name][1] - few[name][1]) < 200, name  # tokens and dates may differ; no enterprise list


def test_a_chosen_enterprise_is_the_only_one_written(staff: Any, enterprise: Any) -> None:
    EnterpriseFactory.create_batch(3)
    html = client_for(staff).get(reverse("trade:buyer-list"), {"enterprise": enterprise.pk}).content.decode()
    select = re.search(r'<select name="enterprise".*?</select>', html, re.S)
    assert select is not None
    assert re.findall(r'<option value="(\d*)"', select.group(0)) == ["", str(enterprise.pk)]
    assert 'name="enterprise_q"' in html


# --- the options endpoint -------------------------------------------------------------------------------------
def found(client: Client, text: str) -> list[str]:
    response = client.get(reverse("registry:enterprise-options"), {"q": text})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_staff_find_enterprises_by_part_of_the_name_or_the_nib(staff: Any, enterprise: Any) -> None:
    EnterpriseFactory(name="Batik Sekar Arum", nib="9876543210123")
    EnterpriseFactory(name="Batik Lain Sekali")
    client = client_for(staff)
    assert found(client, "sekar") == ["Batik Sekar Arum", "Batik Sekar Uji"]
    assert found(client, "65432101") == ["Batik Sekar Arum"]
    assert found(client, "Tidak Ada") == []
    assert found(client, "") == []


def test_the_endpoint_answers_at_most_twenty_and_says_there_are_more(staff: Any) -> None:
    EnterpriseFactory.create_batch(21)
    answer = client_for(staff).get(reverse("registry:enterprise-options"), {"q": "uji"}).json()
    assert len(answer["results"]) == 20
    assert answer["more"] is True


def test_nobody_finds_an_enterprise_they_may_not_see(
    enterprise: Any, artisan: Any, other_enterprise: Any, assessor: Any
) -> None:
    elsewhere = staff_user("sari", area="35.15.01")  # an officer of another regency
    assert found(client_for(elsewhere), "Batik") == []
    assert found(client_for(artisan), "Batik") == ["Batik Sekar Uji"]  # their own, never another's
    assert found(client_for(artisan), "Lain") == []
    assert client_for(assessor).get(reverse("registry:enterprise-options"), {"q": "Batik"}).status_code == 403
    visitor = Client().get(reverse("registry:enterprise-options"), {"q": "Batik"})
    assert visitor.status_code == 302 and "Sekar" not in visitor.content.decode()


# --- a form: the buyer of an enterprise -----------------------------------------------------------------------
BUYER = {"name": "Anna de Vries", "country": "NL", "email": "anna@example.nl"}


def test_staff_save_a_buyer_for_the_enterprise_chosen(staff: Any, enterprise: Any) -> None:
    response = client_for(staff).post(reverse("trade:buyer-create"), {**BUYER, "enterprise": enterprise.pk})
    assert response.status_code == 302
    assert Buyer.objects.get().enterprise == enterprise


def test_an_enterprise_of_another_area_is_refused_as_any_invalid_choice(staff: Any, enterprise: Any) -> None:
    elsewhere = staff_user("sari", area="35.15.01")
    response = client_for(elsewhere).post(reverse("trade:buyer-create"), {**BUYER, "enterprise": enterprise.pk})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["enterprise"][0].code == "invalid_choice"
    assert enterprise.name not in response.content.decode()
    assert not Buyer.objects.exists()


def test_without_javascript_a_typed_nib_chooses_its_enterprise(staff: Any, enterprise: Any) -> None:
    EnterpriseFactory(name="Batik Lain Lagi")
    response = client_for(staff).post(reverse("trade:buyer-create"), {**BUYER, "enterprise_q": enterprise.nib})
    assert response.status_code == 302
    assert Buyer.objects.get().enterprise == enterprise


def test_without_javascript_typing_narrows_the_choices_with_a_message(staff: Any, enterprise: Any) -> None:
    EnterpriseFactory(name="Batik Sekar Arum")
    EnterpriseFactory(name="Batik Lain Lagi")
    client = client_for(staff)
    client.cookies["django_language"] = "en"

    several = client.post(reverse("trade:buyer-create"), {**BUYER, "enterprise_q": "sekar"}).content.decode()
    assert "2 match “sekar”: choose one from the list." in several
    select = re.search(r'<select name="enterprise".*?</select>', several, re.S)
    assert select is not None and re.findall(r">(Batik [^<]+)</option>", select.group(0)) == [
        "Batik Sekar Arum",
        "Batik Sekar Uji",
    ]
    none = client.post(reverse("trade:buyer-create"), {**BUYER, "enterprise_q": "Tenun"}).content.decode()
    assert "Nothing matches “Tenun”: check the spelling, or type less of it." in none
    EnterpriseFactory.create_batch(21)
    lots = client.post(reverse("trade:buyer-create"), {**BUYER, "enterprise_q": "Batik"}).content.decode()
    assert "More than 20 match “Batik”: type more of the name or number." in lots
    assert not Buyer.objects.exists()


def test_the_message_is_in_indonesian_for_an_indonesian_reader(staff: Any, enterprise: Any) -> None:
    client = client_for(staff)
    client.cookies["django_language"] = "id"
    html = client.post(reverse("trade:buyer-create"), {**BUYER, "enterprise_q": "Tenun"}).content.decode()
    assert "Tidak ada yang cocok dengan “Tenun”" in html


def test_a_list_narrowed_by_typing_shows_that_enterprise(staff: Any, enterprise: Any) -> None:
    EnterpriseFactory(name="Batik Lain Lagi")
    response = client_for(staff).get(reverse("trade:buyer-list"), {"enterprise_q": "Sekar"})
    assert response.context["filter"].form.cleaned_data["enterprise"] == enterprise
    html = response.content.decode()
    assert f'<option value="{enterprise.pk}" selected>Batik Sekar Uji</option>' in html


def test_an_artisan_still_saves_buyers_for_their_own_enterprise(artisan: Any, enterprise: Any) -> None:
    client = client_for(artisan)
    assert 'name="enterprise' not in client.get(reverse("trade:buyer-create")).content.decode()
    assert client.post(reverse("trade:buyer-create"), BUYER).status_code == 302
    assert Buyer.objects.get().enterprise == enterprise
