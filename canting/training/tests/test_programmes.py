"""Programmes and sessions: staff plan them, every signed-in role reads them; lists and details in few queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from canting.core.models import AuditEvent
from canting.training.models import EnrolmentStatus, Programme, TrainingSession
from canting.training.services import programmes
from canting.training.tests.factories import (
    CompetencyUnitFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_new_programme_is_in_the_staff_members_area_by_default(client: Any, staff: Any) -> None:
    client.force_login(staff)
    response = client.get(reverse("training:programme-create"))
    assert response.context["form"].initial["area"] == "35.76"
    response = client.post(
        reverse("training:programme-create"),
        {
            "title": "Pewarnaan alami",
            "kind": "technical",
            "year": 2026,
            "organiser": "Diskopukmperindag",
            "area": "35.76",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert (programme.title, programme.area_id) == ("Pewarnaan alami", "35.76")
    assert AuditEvent.objects.filter(action="training.programme.created").count() == 1


def test_only_staff_save_programmes(artisan: Any) -> None:
    with pytest.raises(ValidationError):
        programmes.save_programme(actor=artisan, data={"title": "X", "kind": "other", "year": 2026, "organiser": "Y"})
    assert not Programme.objects.exists()


def test_seats_cannot_drop_below_the_seated(staff: Any) -> None:
    session = SessionFactory(quota=2)
    EnrolmentFactory(session=session)
    EnrolmentFactory(session=session)
    with pytest.raises(ValidationError) as caught:
        programmes.save_session(actor=staff, programme=session.programme, data={"quota": 1}, session=session)
    assert caught.value.message_dict == {"quota": ["2 participants already hold a seat: the seats cannot be fewer."]}
    session.refresh_from_db()
    assert session.quota == 2


def test_a_session_with_units_and_trainers(staff: Any, assessor: Any) -> None:
    programme = ProgrammeFactory()
    unit = CompetencyUnitFactory()
    session = programmes.save_session(
        actor=staff,
        programme=programme,
        data={"starts_on": "2026-12-07", "ends_on": "2026-12-09", "venue": "Sentra", "city": "Mojokerto", "quota": 20},
        units=[unit],
        trainers=[assessor],
    )
    assert list(session.units.all()) == [unit]
    assert list(session.trainers.all()) == [assessor]
    with pytest.raises(ValidationError):
        programmes.save_session(
            actor=staff,
            programme=programme,
            data={"starts_on": "2026-12-09", "ends_on": "2026-12-07", "venue": "S", "city": "M", "quota": 20},
        )
    assert TrainingSession.objects.count() == 1


def test_programme_list_filters_and_exports(client: Any, artisan: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(12):
        session = SessionFactory(programme=ProgrammeFactory(year=2025 if n % 2 else 2026, kind="technical"))
        EnrolmentFactory(session=session)
    ProgrammeFactory(kind="export", year=2026)
    client.force_login(artisan)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("training:programme-list"), {"kind": "technical", "year": 2026})
    rows = response.context["object_list"]
    assert len(rows) == 6
    assert {(p.session_count, p.participant_count) for p in rows} == {(1, 1)}
    export = client.get(reverse("training:programme-list"), {"format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_session_detail_for_staff_lists_participants_by_status(
    client: Any, staff: Any, django_assert_max_num_queries: Any
) -> None:
    session = SessionFactory(quota=3)
    for _ in range(3):
        EnrolmentFactory(session=session)
    for _ in range(4):
        EnrolmentFactory(session=session, status=EnrolmentStatus.WAITLISTED)
    client.force_login(staff)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("training:session-detail", args=[session.pk]))
    counts = {value: len(rows) for value, _label, rows in response.context["by_status"]}
    assert counts == {"registered": 3, "waitlisted": 4}
    assert response.context["seated"] == 3
    assert response.context["seats_left"] == 0
    page = response.content.decode()
    assert reverse("training:session-attendance", args=[session.pk]) in page
    assert reverse("training:session-invite", args=[session.pk]) in page


def test_session_detail_for_an_artisan_hides_the_list_and_trainer_links(client: Any, artisan: Any) -> None:
    session = SessionFactory()
    EnrolmentFactory(session=session)
    client.force_login(artisan)
    response = client.get(reverse("training:session-detail", args=[session.pk]))
    assert "by_status" not in response.context
    assert response.context["mine"] == []
    assert reverse("training:session-attendance", args=[session.pk]) not in response.content.decode()


def test_the_trainer_sees_attendance_links(client: Any, assessor: Any) -> None:
    session = SessionFactory()
    session.trainers.add(assessor)
    client.force_login(assessor)
    response = client.get(reverse("training:session-detail", args=[session.pk]))
    assert response.context["is_trainer"] is True


def test_programme_detail_names_the_missing_impact_data(client: Any, staff: Any) -> None:
    session = SessionFactory()
    client.force_login(staff)
    response = client.get(reverse("training:programme-detail", args=[session.programme.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert list(response.context["sessions"]) == [session]
    assert 'id="impact"' in response.content.decode()
