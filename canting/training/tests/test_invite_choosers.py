"""Inviting among tens of thousands: the session page writes only the people and enterprises chosen, a search box
finds the others by name, NIK or NIB (with or without JavaScript), and nobody finds or invites whom they may not
see."""

from __future__ import annotations

import re
from typing import Any

import factory
import pytest
from django.test import Client
from django.urls import reverse

from canting.core.testing import staff_user
from canting.registry.tests.factories import MembershipFactory, PersonFactory
from canting.training.models import Enrolment
from canting.training.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db
OPTION = re.compile(r"<option\b")


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def session() -> Any:
    return SessionFactory(quota=40)


def page(client: Client, session: Any) -> str:
    response = client.get(reverse("training:session-detail", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_session_page_writes_the_same_options_for_5_or_60_people_and_enterprises(staff: Any, session: Any) -> None:
    client = client_for(staff)
    MembershipFactory.create_batch(5)
    few = page(client, session)
    MembershipFactory.create_batch(55)
    many = page(client, session)
    assert len(OPTION.findall(many)) == len(OPTION.findall(few))
    assert "Siti Uji" not in many
    assert 'name="people_q"' in many and 'name="enterprises_q"' in many and 'name="person_q"' in many


def test_staff_find_people_by_part_of_the_name_or_the_nik(staff: Any) -> None:
    aminah = PersonFactory(full_name="Siti Aminah Wulandari")
    PersonFactory.create_batch(3)
    options = reverse("registry:person-options")
    by_name = client_for(staff).get(options, {"q": "aminah wulan"}).json()
    by_nik = client_for(staff).get(options, {"q": aminah.nik[-8:]}).json()
    assert (
        by_name
        == by_nik
        == {"results": [{"id": aminah.pk, "text": f"{aminah.full_name} ({aminah.village.name})"}], "more": False}
    )
    assert len(client_for(staff).get(options, {"q": "siti uji"}).json()["results"]) == 3


def test_nobody_finds_a_person_they_may_not_see(artisan: Any, enterprise: Any, assessor: Any) -> None:
    mine = enterprise.memberships.get().person
    PersonFactory(full_name=f"{mine.full_name} Lain")
    options = reverse("registry:person-options")
    found = client_for(artisan).get(options, {"q": mine.full_name}).json()["results"]
    assert [row["id"] for row in found] == [mine.pk]
    elsewhere = staff_user("eko", area="35.76.03")
    assert client_for(elsewhere).get(options, {"q": mine.full_name}).json()["results"] == []
    assert client_for(assessor).get(options, {"q": "Siti"}).status_code == 403
    assert Client().get(options, {"q": "Siti"}).status_code == 302


def test_staff_invite_two_people_and_an_enterprises_owners_chosen_from_the_lists(staff: Any, session: Any) -> None:
    first, second = PersonFactory.create_batch(2)
    owner = MembershipFactory().person
    invite = reverse("training:session-invite", args=[session.pk])
    response = client_for(staff).post(
        invite, {"people": [first.pk, second.pk], "enterprises": [owner.memberships.get().enterprise_id]}
    )
    assert response.status_code == 302
    assert set(Enrolment.objects.values_list("person_id", flat=True)) == {first.pk, second.pk, owner.pk}


def test_without_javascript_a_typed_nik_adds_its_person_to_those_chosen(staff: Any, session: Any) -> None:
    chosen, typed = PersonFactory.create_batch(2)
    invite = reverse("training:session-invite", args=[session.pk])
    response = client_for(staff).post(invite, {"people": [chosen.pk], "people_q": typed.nik})
    assert response.status_code == 302
    assert set(Enrolment.objects.values_list("person_id", flat=True)) == {chosen.pk, typed.pk}


def test_without_javascript_a_name_matching_several_offers_them_and_invites_nobody(staff: Any, session: Any) -> None:
    chosen = PersonFactory(full_name="Rukmini")
    PersonFactory.create_batch(3, full_name=factory_name("Sri Lestari"))
    invite = reverse("training:session-invite", args=[session.pk])
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    response = client.post(invite, {"people": [chosen.pk], "people_q": "sri lestari"})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()
    html = response.content.decode()
    assert "3 match “sri lestari”: choose one from the list." in html
    select = re.search(r'<select name="people".*?</select>', html, re.S)
    assert select is not None
    assert len(OPTION.findall(select.group(0))) == 4  # the one chosen stays chosen, beside the three found
    assert re.search(rf'<option value="{chosen.pk}"[^>]*selected', select.group(0))


def factory_name(stem: str) -> Any:
    return factory.Sequence(lambda n: f"{stem} {n}")


def test_a_person_of_another_area_is_refused_as_any_invalid_choice(session: Any) -> None:
    stranger = PersonFactory()
    elsewhere = staff_user("eko", area="35.76.03")
    invite = reverse("training:session-invite", args=[session.pk])
    response = client_for(elsewhere).post(invite, {"people": [stranger.pk]})
    assert response.status_code in {200, 404}
    assert not Enrolment.objects.exists()


def test_staff_apply_on_someones_behalf_by_typing_the_name(staff: Any, session: Any) -> None:
    person = PersonFactory(full_name="Wahyuningsih Pratiwi")
    session.open_for_applications = True
    session.save()
    apply = reverse("training:session-apply", args=[session.pk])
    client_for(staff).post(apply, {"person_q": "wahyuningsih"})
    assert list(Enrolment.objects.values_list("person_id", flat=True)) == [person.pk]


def test_an_artisan_still_applies_from_the_list_of_their_own_people(
    artisan: Any, enterprise: Any, session: Any
) -> None:
    session.open_for_applications = True
    session.save()
    html = page(client_for(artisan), session)
    mine = enterprise.memberships.get().person
    assert f'<option value="{mine.pk}">{mine.full_name}</option>' in html
    assert 'name="person_q"' not in html
