"""Erasing a person at their request (UU PDP) reaches every place their data lives; the download shows them all."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

from canting.core import audit
from canting.core.models import AuditEvent, User
from canting.registry import services
from canting.registry.importing import stage_import
from canting.registry.models import Application, Enterprise, ImportBatch, Person
from canting.registry.tests.factories import PersonFactory
from canting.registry.tests.test_import import SEKAR, xlsx

pytestmark = pytest.mark.django_db

NAME, NIK, PHONE, EMAIL = "Wulan Sari", "3576024101950003", "+6281311112222", "wulan@example.id"
BORN = datetime.date(1995, 1, 1)  # what the NIK says
WULAN = [NIK, NAME, "P", "01/01/1995", "0813-1111-2222", EMAIL, "Jl. Bhayangkara 1", "35.76.02.1001", "", ""]
OTHER = ["3576031208850002", "Budi Santoso", "L", "", "081234567891", "", "", "35.76.02.1001", "", ""]


def registered(staff: User) -> tuple[Person, User, Application]:
    """Wulan registers Batik Lintang through the public form's service, and staff approve it."""
    application = services.submit_application(
        enterprise_data={"name": "Batik Lintang", "address": "Jl. Bhayangkara 1", "village_id": "35.76.02.1001"}
        | {"technique_cap": True},
        person_data={"full_name": NAME, "nik": NIK, "gender": "P", "phone": PHONE},
        email=EMAIL,
    )
    login = services.approve_application(application, actor=staff)
    login.set_password(PASSWORD)
    login.save()
    return application.applicant, login, application


PASSWORD = "batik tulis mojokerto"


def signs_in(username: str) -> bool:
    return Client().post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302


def erase(person: Person, staff: User) -> Person:
    return services.erase_person(person, actor=staff, reason=f"Permintaan tertulis {NAME} tanggal 1 Desember")


def test_the_login_of_an_erased_person_is_switched_off_and_loses_name_and_email(staff: User) -> None:
    person, login, _application = registered(staff)
    Token.objects.create(user=login)
    assert signs_in(login.username)

    erase(person, staff)

    login.refresh_from_db()
    assert (login.username, login.first_name, login.last_name, login.email) == (f"dihapus-{login.pk}", "", "", "")
    assert not login.is_active and not login.has_usable_password()
    assert not Token.objects.filter(user=login).exists()
    assert not signs_in(login.username) and not signs_in("wulan")
    client = Client()
    client.force_login(login)
    assert client.get(reverse("registry:my-enterprise")).status_code == 302  # sent to sign in: not a user any more
    event = AuditEvent.objects.get(action="core.user.erased")
    assert (event.actor, event.object_repr, event.changes) == (
        staff,
        f"dihapus-{login.pk}",
        {"is_active": [True, False]},
    )


def test_a_login_of_someone_else_in_the_enterprise_stays(staff: User, artisan: User, enterprise: Enterprise) -> None:
    owner = enterprise.memberships.get(role="owner").person

    erase(owner, staff)

    artisan.refresh_from_db()
    assert artisan.is_active and artisan.username == "ani"


def test_the_registration_loses_the_email_and_the_reason_loses_the_name(staff: User) -> None:
    person, _login, application = registered(staff)
    Application.objects.filter(pk=application.pk).update(reason=f"Dihubungi {NAME} lewat {PHONE}.")

    erase(person, staff)

    application.refresh_from_db()
    assert (application.email, application.reason) == ("", "Dihubungi (dihapus) lewat (dihapus).")
    assert application.applicant_id == person.pk and application.status == "approved"


def test_audit_entries_elsewhere_lose_every_identifier(staff: User) -> None:
    person, login, application = registered(staff)
    services.update_enterprise(application.enterprise, actor=staff, changes={"contact_email": EMAIL})
    namesake_note = audit.record(
        actor=staff, action="registry.note", instance=application.enterprise, note=f"Telepon {NAME}: 0813 1111 2222"
    )

    erase(person, staff)

    texts = [f"{e.object_repr} {e.changes} {e.note}" for e in AuditEvent.objects.all()]
    for needle in (NAME, NIK, PHONE, EMAIL, "wulan", BORN.isoformat()):
        assert not [t for t in texts if needle.lower() in t.lower()], needle
    namesake_note.refresh_from_db()
    assert namesake_note.note == "Telepon (dihapus): (dihapus)"
    membership = AuditEvent.objects.get(action="registry.membership.added")
    assert membership.object_repr.startswith("(dihapus) (") and membership.object_repr.endswith(", Batik Lintang)")
    created = AuditEvent.objects.get(action="registry.person.created", object_id=str(person.pk))
    assert set(created.changes) == {"gender"}
    assert AuditEvent.objects.get(action="core.user.created").object_repr == f"dihapus-{login.pk}"


def test_the_history_on_the_persons_page_shows_no_birth_date_after_erasure(staff: User) -> None:
    person, _login, _application = registered(staff)
    services.update_person(person, actor=staff, changes={"address": "Jl. Empu Nala 9"})
    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = client.get(person.get_absolute_url()).content.decode()
    assert "1995" in before

    erase(person, staff)

    after = client.get(person.get_absolute_url()).content.decode()
    assert "1995" not in after and "Birth date</strong>" not in after
    assert NAME not in after and "Empu Nala" not in after


def test_import_previews_lose_the_rows_with_the_person_and_cannot_be_applied(staff: User) -> None:
    person, _login, _application = registered(staff)
    upload = SimpleUploadedFile("orang.xlsx", xlsx(ikm=[SEKAR], orang=[OTHER, WULAN]))
    batch = stage_import(upload, actor=staff)
    assert batch.errors == [] and batch.rows["Orang"]["rows"][1]["action"] == "update"  # her NIK is registered
    # A message on another row that names her (as a duplicate NIK's message does).
    naming = {"sheet": "Orang", "row": 2, "column": "NIK", "message": f"This NIK is already registered to {NAME}."}
    ImportBatch.objects.filter(pk=batch.pk).update(errors=[naming])

    with translation.override("en"):
        erase(person, staff)

    batch.refresh_from_db()
    people = batch.rows["Orang"]["rows"]
    assert [row["values"]["nik"] for row in people] == ["3576031208850002"]
    assert [(e["row"], e["message"]) for e in batch.errors] == [
        (2, "This NIK is already registered to (dihapus)."),
        (3, "This row was removed: the person's data was erased at their request. Upload the file again."),
    ]
    assert NIK not in str(batch.rows) + str(batch.errors) and NAME not in str(batch.errors)


def test_contacts_elsewhere_with_the_persons_phone_or_email_are_blanked(staff: User, enterprise: Enterprise) -> None:
    from canting.trade.tests.factories import BuyerFactory

    person, _login, _application = registered(staff)
    theirs = BuyerFactory(enterprise=enterprise, name="W. Sari", email=EMAIL.upper(), phone="0813 1111 2222")
    namesake = BuyerFactory(enterprise=enterprise, name=NAME, email="other@example.com")
    assert services.personal_data(person)["contacts"] == [
        {
            "record": "trade.buyer",
            "id": theirs.pk,
            "name": "W. Sari",
            "address": theirs.address,
            "email": EMAIL.upper(),
            "phone": "0813 1111 2222",
        }
    ]

    erase(person, staff)

    theirs.refresh_from_db()
    namesake.refresh_from_db()
    assert (theirs.name, theirs.address, theirs.email, theirs.phone) == ("(dihapus)", "", "", "")
    assert (namesake.name, namesake.email) == (NAME, "other@example.com")  # a name alone is not enough


def test_the_download_holds_the_login_and_the_registration(staff: User) -> None:
    person, login, application = registered(staff)
    assert signs_in(login.username)
    login.refresh_from_db()

    data = services.personal_data(person)

    assert (data["full_name"], data["nik"], data["birth_date"], data["phone"], data["email"]) == (
        NAME,
        NIK,
        "1995-01-01",
        PHONE,
        EMAIL,
    )
    assert data["logins"] == [
        {
            "username": login.username,
            "first_name": NAME,
            "last_name": "",
            "email": EMAIL,
            "date_joined": login.date_joined.isoformat(),
            "last_login": login.last_login.isoformat() if login.last_login else None,
        }
    ]
    assert data["logins"][0]["last_login"] is not None
    assert data["registrations"][0]["email"] == EMAIL
    assert data["registrations"][0]["enterprise"] == application.enterprise.name


def test_the_download_page_gives_the_login_as_well(staff: User) -> None:
    person, login, _application = registered(staff)
    client = Client()
    client.force_login(staff)

    data = client.get(reverse("registry:person-data", args=[person.pk])).json()

    assert [item["username"] for item in data["logins"]] == [login.username]


def test_registration_approval_and_erasure_log_no_identifiers(
    staff: User, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        person, _login, _application = registered(staff)
    client = Client()
    client.force_login(staff)
    client.post(reverse("registry:person-erase", args=[person.pk]), {"reason": f"Surat dari {NAME}"})

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert Person.objects.get(pk=person.pk).full_name == "(dihapus)"
    for needle in (NAME, NIK, PHONE, EMAIL):
        assert needle not in logged


def test_erasing_twice_is_refused_and_changes_nothing(staff: User) -> None:
    person, _login, _application = registered(staff)
    erase(person, staff)
    count = AuditEvent.objects.count()

    with pytest.raises(Exception) as caught:
        erase(person, staff)

    assert getattr(caught.value, "code", None) == "already_erased"
    assert AuditEvent.objects.count() == count


def test_a_person_with_no_login_is_erased_without_touching_logins(staff: User) -> None:
    person = PersonFactory(email="")
    users = list(User.objects.values_list("pk", "username", "is_active"))

    erase(person, staff)

    assert list(User.objects.values_list("pk", "username", "is_active")) == users
    assert ImportBatch.objects.count() == 0
