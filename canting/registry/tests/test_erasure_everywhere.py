"""Acceptance: after a person's data is erased at their request, no table and no log line holds it any more.

Wulan registers her enterprise on the public form, staff approve it, she chooses her password from the e-mailed link
and signs in (once mistyping it, with her e-mail as user name), staff work on her records, a spreadsheet with her
row waits as an import preview, and a buyer's contact carries her phone. Then staff erase her data. Every text
column of every table (read through the ORM) and everything logged is searched for her NIK, name, birth date,
phone and e-mail; her login no longer works.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse

from canting.core.models import User
from canting.core.site import site_url
from canting.registry import services
from canting.registry.importing import stage_import
from canting.registry.models import Application, Person
from canting.registry.tests.test_import import SEKAR, xlsx

pytestmark = pytest.mark.django_db

NAME, NIK, PHONE, EMAIL = "Wulan Sari", "3576024101950003", "+6281311112222", "wulan@example.id"
NEEDLES = {
    "NIK": NIK,
    "name": NAME,
    "birth date (ISO)": "1995-01-01",
    "birth date (dd-mm-yyyy)": "01-01-1995",
    "birth date (dd/mm/yyyy)": "01/01/1995",
    "phone (+62)": PHONE,
    "phone (08)": "081311112222",
    "phone (as typed)": "0813-1111-2222",
    "e-mail": EMAIL,
}
PASSWORD = "batik tulis mojokerto"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.EmailField)


def register_on_the_public_form() -> Application:
    form = {
        "ent-name": "Batik Lintang",
        "ent-legal_form": "perorangan",
        "ent-address": "Jl. Bhayangkara 1",
        "ent-province": "35",
        "ent-regency": "35.76",
        "ent-district": "35.76.02",
        "ent-village": "35.76.02.1001",
        "ent-technique_cap": "on",
        "ent-workers_men": "0",
        "ent-workers_women": "2",
        "owner-full_name": NAME,
        "owner-nik": NIK,
        "owner-gender": "P",
        "owner-phone": "0813-1111-2222",
        "owner-email": EMAIL,
    }
    response = Client().post(reverse("registry:register"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Application.objects.get(enterprise__name="Batik Lintang")


def sign_in(username: str, password: str) -> bool:
    return Client().post(reverse("login"), {"username": username, "password": password}).status_code == 302


def found_in_the_database() -> list[str]:
    """``model.field #pk: needle`` for every text value in the database that holds one of the needles."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *(f.attname for f in fields)):
            for field, value in zip(fields, row[1:], strict=True):
                if value is None:
                    continue
                text = json.dumps(value, ensure_ascii=False) if isinstance(field, models.JSONField) else str(value)
                found += [
                    f"{model._meta.label}.{field.name} #{row[0]}: {label}"
                    for label, needle in NEEDLES.items()
                    if needle.lower() in text.lower()
                ]
    return found


def test_after_erasure_no_table_and_no_log_holds_the_person(
    staff: User, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    from canting.trade.tests.factories import BuyerFactory

    caplog.set_level(logging.DEBUG)
    office = Client()
    office.force_login(staff)
    office.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # Given Wulan registered, was approved, chose her password and signed in.
    application = register_on_the_public_form()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(reverse("registry:application-approve", args=[application.pk]))
    person = Person.objects.get(nik=NIK)
    link = re.search(re.escape(site_url()) + r"(/account/password/set/\S+/)", mail.outbox[-1].body)
    assert link is not None
    wulan = Client()
    form_page = wulan.get(link[1], follow=True)
    wulan.post(form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    login = User.objects.get(registration=application)
    assert not sign_in(EMAIL, "wrong password")  # the login throttle keeps what was typed
    assert sign_in(login.username, PASSWORD)

    # And staff worked on her records, an import preview holds her row, a buyer's contact carries her phone.
    office.post(reverse("registry:person-edit", args=[person.pk]), {"full_name": NAME, "address": "Jl. Empu Nala 9"})
    services.update_enterprise(application.enterprise, actor=staff, changes={"contact_email": EMAIL})
    office.get(reverse("registry:person-data", args=[person.pk]))
    wulan_row = [NIK, NAME, "P", "01-01-1995", "0813-1111-2222", EMAIL, "Jl. Bhayangkara 1", "35.76.02.1001", "", ""]
    stage_import(SimpleUploadedFile("orang.xlsx", xlsx(ikm=[SEKAR], orang=[wulan_row])), actor=staff)
    BuyerFactory(enterprise=application.enterprise, name="W. Sari", phone="0813-1111-2222")
    assert len(found_in_the_database()) > 10

    # When staff erase her data at her request.
    response = office.post(reverse("registry:person-erase", args=[person.pk]), {"reason": f"Surat {NAME}, 1/12"})
    assert response.status_code == 302

    # Then nothing in the database or in the log holds it.
    assert found_in_the_database() == []
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert [label for label, needle in NEEDLES.items() if needle.lower() in logged.lower()] == []
    # And her login no longer works, by password or by an open session.
    assert not sign_in(login.username, PASSWORD) and not sign_in("wulan", PASSWORD)
    wulan.force_login(User.objects.get(pk=login.pk))
    assert wulan.get(reverse("registry:my-enterprise")).status_code == 302
    assert wulan.get(reverse("registry:my-enterprise"), follow=True).redirect_chain[-1][0].startswith(reverse("login"))
