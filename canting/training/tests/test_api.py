"""The training API: scoped reads, staff-only writes through the services, applying by POST."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from canting.training.models import Enrolment, EnrolmentStatus, TrainingSession
from canting.training.tests.factories import CertificateFactory, EnrolmentFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def owner_of(enterprise: Any) -> Any:
    return enterprise.memberships.get(role="owner").person


def test_an_artisan_applies_through_the_api_for_their_person_only(
    artisan: Any, enterprise: Any, other_enterprise: Any
) -> None:
    session = SessionFactory(quota=5)
    response = api(artisan).post(
        "/api/v1/enrolments/", {"session": session.pk, "person": owner_of(enterprise).pk}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == EnrolmentStatus.REGISTERED
    refused = api(artisan).post(
        "/api/v1/enrolments/", {"session": session.pk, "person": owner_of(other_enterprise).pk}, format="json"
    )
    assert refused.status_code == 400
    assert list(refused.json()) == ["person"]
    assert Enrolment.objects.count() == 1


@pytest.mark.on_day(2026, 12, 7)  # the factories' certificates are valid on that day
def test_enrolments_and_certificates_are_scoped(artisan: Any, other_artisan: Any, enterprise: Any) -> None:
    person = owner_of(enterprise)
    enrolment = EnrolmentFactory(person=person, enterprise=enterprise)
    certificate = CertificateFactory(person=person, enrolment=enrolment)
    assert [e["id"] for e in api(artisan).get("/api/v1/enrolments/").json()["results"]] == [enrolment.pk]
    assert api(other_artisan).get("/api/v1/enrolments/").json()["results"] == []
    assert api(other_artisan).get(f"/api/v1/training-certificates/{certificate.pk}/").status_code == 404
    data = api(artisan).get(f"/api/v1/training-certificates/{certificate.pk}/").json()
    assert (data["number"], data["state"]) == (certificate.number, "valid")


def test_sessions_are_read_by_all_and_written_by_staff(staff: Any, artisan: Any) -> None:
    programme = ProgrammeFactory()
    body = {
        "programme": programme.pk,
        "starts_on": "2026-12-07",
        "ends_on": "2026-12-08",
        "venue": "Sentra",
        "city": "Kota Mojokerto",
        "quota": 25,
    }
    assert api(artisan).post("/api/v1/training-sessions/", body, format="json").status_code == 403
    created = api(staff).post("/api/v1/training-sessions/", body, format="json")
    assert created.status_code == 201
    assert (created.json()["quota"], created.json()["seats_taken"]) == (25, 0)
    session = TrainingSession.objects.get()
    changed = api(staff).patch(f"/api/v1/training-sessions/{session.pk}/", {"quota": 30}, format="json")
    assert changed.json()["quota"] == 30
    assert api(artisan).get("/api/v1/programmes/").json()["count"] == 1
