"""The registry's services: rules, duplicate detection, and the audit trail each write leaves."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from canting.core.models import AuditEvent, User
from canting.core.site import site_url
from canting.registry import services
from canting.registry.models import Application, Enterprise, EnterpriseStatus, Membership, Person
from canting.registry.tests.factories import ApplicationFactory, EnterpriseFactory, PersonFactory

pytestmark = pytest.mark.django_db

VILLAGE = "35.76.02.1001"


def enterprise_data(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Batik Sekar Arum",
        "nib": "9120012345678",
        "address": "Jl. Empu Nala 3",
        "village_id": VILLAGE,
        "technique_tulis": True,
        "workers_women": 3,
        **overrides,
    }


def test_create_enterprise_writes_it_and_one_audit_event(staff: User) -> None:
    enterprise = services.create_enterprise(actor=staff, data=enterprise_data())

    assert Enterprise.objects.get(pk=enterprise.pk).nib == "9120012345678"
    event = AuditEvent.objects.get(object_type="registry.enterprise", object_id=str(enterprise.pk))
    assert event.actor == staff
    assert event.action == "registry.enterprise.created"
    assert event.changes["nib"] == [None, "9120012345678"]


def test_a_second_enterprise_with_the_same_nib_is_refused(staff: User) -> None:
    first = services.create_enterprise(actor=staff, data=enterprise_data())
    events = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.create_enterprise(actor=staff, data=enterprise_data(name="Batik Lain"))

    assert "nib" in caught.value.message_dict
    assert first.name in caught.value.message_dict["nib"][0]
    assert Enterprise.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_the_same_name_in_the_same_village_is_refused_whatever_the_case(staff: User) -> None:
    services.create_enterprise(actor=staff, data=enterprise_data(nib=None))

    with pytest.raises(ValidationError) as caught:
        services.create_enterprise(actor=staff, data=enterprise_data(nib=None, name="BATIK SEKAR ARUM"))

    assert "name" in caught.value.message_dict
    assert Enterprise.objects.count() == 1


def test_the_same_name_in_another_village_is_allowed(staff: User) -> None:
    services.create_enterprise(actor=staff, data=enterprise_data(nib=None))
    services.create_enterprise(actor=staff, data=enterprise_data(nib=None, village_id="35.76.03.1002"))
    assert Enterprise.objects.count() == 2


def test_a_twelve_digit_nib_is_refused_naming_the_field(staff: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_enterprise(actor=staff, data=enterprise_data(nib="912001234567"))
    assert "nib" in caught.value.message_dict
    assert not Enterprise.objects.exists()


def test_update_enterprise_audits_only_what_changed(staff: User, enterprise: Enterprise) -> None:
    services.update_enterprise(enterprise, actor=staff, changes={"workers_men": 4, "name": enterprise.name})

    event = AuditEvent.objects.filter(action="registry.enterprise.changed").get()
    assert event.changes == {"workers_men": [1, 4]}


def test_an_update_that_changes_nothing_writes_no_event(staff: User, enterprise: Enterprise) -> None:
    before = AuditEvent.objects.count()
    services.update_enterprise(enterprise, actor=staff, changes={"name": enterprise.name})
    assert AuditEvent.objects.count() == before


def test_person_gender_and_birth_date_come_from_the_nik(staff: User, enterprise: Enterprise) -> None:
    person = services.create_person(
        actor=staff,
        data={"full_name": "Dewi Lestari", "nik": "3576024512880007", "gender": "", "phone": "+6281200000001"},
        enterprise=enterprise,
        role="worker",
    )

    assert (person.gender, person.birth_date) == ("P", datetime.date(1988, 12, 5))
    assert Membership.objects.filter(enterprise=enterprise, person=person, role="worker").exists()


def test_a_gender_that_contradicts_the_nik_is_refused(staff: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_person(actor=staff, data={"full_name": "Dewi", "nik": "3576024512880007", "gender": "L"})
    assert "gender" in caught.value.message_dict
    assert not Person.objects.filter(full_name="Dewi").exists()


def test_a_nik_with_an_impossible_birth_date_is_refused_naming_the_field(staff: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_person(actor=staff, data={"full_name": "Dewi", "nik": "3576023212880007", "gender": "P"})
    assert list(caught.value.message_dict) == ["nik"]


def test_a_nik_already_registered_is_refused_with_the_holder_named(staff: User) -> None:
    holder = PersonFactory(full_name="Sumiati")
    with pytest.raises(ValidationError) as caught:
        services.create_person(actor=staff, data={"full_name": "Someone", "nik": holder.nik, "gender": holder.gender})
    assert "Sumiati" in caught.value.message_dict["nik"][0]


def test_audit_masks_nik_phone_and_address(staff: User) -> None:
    person = services.create_person(
        actor=staff,
        data={
            "full_name": "Dewi Lestari",
            "nik": "3576024512880007",
            "phone": "+6281234567890",
            "address": "Jl. Kenanga 4",
        },
    )

    changes = AuditEvent.objects.get(object_type="registry.person", object_id=str(person.pk)).changes
    assert changes["nik"] == ["", "3576********0007"]
    assert changes["phone"] == ["", "+62812*****890"]
    assert changes["address"] == ["", "***"]
    assert changes["full_name"] == [None, "Dewi Lestari"]


def test_facilitation_granted_needs_its_date(staff: User, enterprise: Enterprise) -> None:
    with pytest.raises(ValidationError) as caught:
        services.record_facilitation(
            actor=staff, enterprise=enterprise, data={"kind": "batikmark", "status": "granted"}
        )
    assert "granted_on" in caught.value.message_dict


def test_facilitation_expiry_before_grant_is_refused(staff: User, enterprise: Enterprise) -> None:
    with pytest.raises(ValidationError):
        services.record_facilitation(
            actor=staff,
            enterprise=enterprise,
            data={
                "kind": "batikmark",
                "status": "granted",
                "granted_on": datetime.date(2024, 5, 1),
                "expires_on": datetime.date(2024, 4, 1),
            },
        )
    assert not enterprise.facilitations.exists()


# --- self-registration ----------------------------------------------------------------------------------------
def submit(**person: Any) -> Application:
    return services.submit_application(
        enterprise_data={
            "name": "Batik Lintang",
            "address": "Jl. Bhayangkara 1",
            "village_id": VILLAGE,
            "technique_cap": True,
        },
        person_data={
            "full_name": "Wulan Sari",
            "nik": "3576024101950003",
            "gender": "P",
            "phone": "+6281311112222",
            **person,
        },
        email="wulan@example.id",
    )


def test_a_registration_waits_as_an_applicant_outside_the_registry(staff: User) -> None:
    application = submit()

    assert application.enterprise.status == EnterpriseStatus.APPLICANT
    assert not Enterprise.objects.for_user(staff).registered().filter(pk=application.enterprise.pk).exists()
    assert Application.objects.for_user(staff).get() == application


def test_approval_makes_the_enterprise_active_and_emails_a_working_login(staff: User) -> None:
    application = submit()

    login = services.approve_application(application, actor=staff)

    application.refresh_from_db()
    assert application.status == "approved"
    assert application.enterprise.status == EnterpriseStatus.ACTIVE
    assert login.role == "artisan" and login.enterprise == application.enterprise
    assert len(mail.outbox) == 0  # sent only once the transaction commits


def test_approval_email_is_sent_after_commit_with_a_link_to_choose_the_password(
    staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    application = submit()

    with django_capture_on_commit_callbacks(execute=True):
        login = services.approve_application(application, actor=staff)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wulan@example.id"]
    assert site_url("/account/password/set/") in message.body
    assert login.username in message.body
    login.refresh_from_db()
    assert not login.has_usable_password()  # nothing was made up, so nothing could be sent
    assert not any(word in message.body.lower() for word in ("password:", "kata sandi:"))
    assert Application.objects.get(pk=application.pk).login == login


def test_the_emailed_link_lets_the_applicant_choose_a_password_once(
    staff: User, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        login = services.approve_application(submit(), actor=staff)
    link = re.search(re.escape(site_url()) + r"(/account/password/set/\S+/)", mail.outbox[0].body)
    assert link is not None
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    form_page = client.get(link[1], follow=True)
    assert form_page.status_code == 200 and "Choose your password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "batik tulis mojokerto", "new_password2": "batik tulis mojokerto"},
        follow=True,
    )

    assert done.redirect_chain[-1][0] == reverse("login")
    assert "Your password has been set." in done.content.decode()
    signed_in = Client().post(reverse("login"), {"username": login.username, "password": "batik tulis mojokerto"})
    assert signed_in.status_code == 302
    again = client.get(link[1], follow=True)
    assert "This link no longer works" in again.content.decode()
    assert AuditEvent.objects.filter(action="core.user.password_set", object_id=str(login.pk)).count() == 1


def test_the_approval_page_says_a_link_was_sent_and_shows_no_password(staff: User, client: Client) -> None:
    application = submit()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.post(reverse("registry:application-approve", args=[application.pk]), follow=True)

    login = User.objects.get(enterprise=application.enterprise)
    text = page.content.decode()
    assert f"wulan@example.id was sent a link to choose the password of {login.username}." in text
    assert "password:" not in text.lower()


def test_a_decided_registration_cannot_be_decided_again(staff: User) -> None:
    application = submit()
    services.reject_application(application, actor=staff, reason="NIB belum terbit, silakan urus di OSS dulu.")

    with pytest.raises(ValidationError) as caught:
        services.approve_application(application, actor=staff)

    assert caught.value.code == "already_decided"
    assert not User.objects.filter(enterprise=application.enterprise).exists()


def test_rejection_needs_a_reason(staff: User) -> None:
    application = submit()
    with pytest.raises(ValidationError):
        services.reject_application(application, actor=staff, reason="  ")
    application.refresh_from_db()
    assert application.status == "pending"


def test_registration_with_a_bad_nik_writes_nothing() -> None:
    with pytest.raises(ValidationError) as caught:
        submit(nik="3576023201950003")
    assert "nik" in caught.value.message_dict
    assert not Enterprise.objects.exists() and not Person.objects.exists() and not Application.objects.exists()


def test_registration_of_an_already_registered_nib_is_refused(staff: User) -> None:
    existing = EnterpriseFactory(nib="9120012345678")
    with pytest.raises(ValidationError) as caught:
        services.submit_application(
            enterprise_data={
                "name": "X",
                "nib": existing.nib,
                "address": "Jl. A",
                "village_id": VILLAGE,
                "technique_cap": True,
            },
            person_data={"full_name": "Wulan Sari", "nik": "3576024101950003", "gender": "P"},
            email="w@example.id",
        )
    assert "nib" in caught.value.message_dict
    assert ApplicationFactory._meta.model.objects.count() == 0


def test_personal_data_export_holds_everything_about_the_person(staff: User, enterprise: Enterprise) -> None:
    person = enterprise.memberships.get(role="owner").person
    data = services.personal_data(person)
    assert data["nik"] == person.nik
    assert data["roles"] == [{"enterprise": enterprise.name, "role": "owner", "since": data["roles"][0]["since"]}]


def test_erasure_removes_identity_keeps_roles_and_scrubs_the_trail(staff: User, enterprise: Enterprise) -> None:
    person = services.create_person(
        actor=staff,
        data={"full_name": "Dewi Lestari", "nik": "3576024512880007", "phone": "+6281234567890"},
        enterprise=enterprise,
        role="worker",
    )

    services.erase_person(person, actor=staff, reason="Permintaan tertulis 1 Des 2026")

    person.refresh_from_db()
    assert (person.full_name, person.nik, person.phone, person.birth_date) == ("(dihapus)", None, "", None)
    assert person.gender == "P"
    assert enterprise.memberships.filter(person=person, role="worker").exists()
    events = AuditEvent.objects.filter(object_type="registry.person", object_id=str(person.pk))
    assert not any("Dewi" in str(e.changes) or "Dewi" in e.object_repr for e in events)
    assert events.filter(action="registry.person.erased", note="Permintaan tertulis 1 Des 2026").count() == 1


def test_erasure_without_a_reason_changes_nothing(staff: User, enterprise: Enterprise) -> None:
    person = enterprise.memberships.get(role="owner").person
    name = person.full_name
    with pytest.raises(ValidationError):
        services.erase_person(person, actor=staff, reason="")
    person.refresh_from_db()
    assert person.full_name == name
