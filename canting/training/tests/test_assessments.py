"""Assessments: a result per participant and unit, the scheme earned only with every unit Kompeten, and completion."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from canting.core.models import AuditEvent, User
from canting.core.testing import make_user
from canting.training.models import Assessment, EnrolmentStatus
from canting.training.selectors import earned_scheme
from canting.training.services import assessments as services
from canting.training.services.attendance import mark
from canting.training.tests.factories import (
    CompetencySchemeFactory,
    CompetencyUnitFactory,
    EnrolmentFactory,
    SessionFactory,
)

DAY = datetime.date(2026, 12, 9)
AFTER = datetime.date(2026, 12, 10)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _english(client: Any, settings: Any) -> Any:
    """Pages and messages in English, the source language, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def scheme() -> Any:
    return CompetencySchemeFactory(units=[CompetencyUnitFactory() for _ in range(3)])


@pytest.fixture
def session(assessor: User, scheme: Any) -> Any:
    session = SessionFactory(scheme=scheme)
    session.trainers.add(assessor)
    return session


def assess_all(actor: User, enrolment: Any, units: list[Any], results: list[str]) -> None:
    for unit, result in zip(units, results, strict=False):
        services.assess(actor=actor, enrolment=enrolment, unit=unit, result=result, assessed_on=DAY)


def test_an_assessment_is_replaced_not_doubled(assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    unit = scheme.units.first()

    services.assess(actor=assessor, enrolment=enrolment, unit=unit, result="BK", assessed_on=DAY, notes="cap miring")
    services.assess(actor=assessor, enrolment=enrolment, unit=unit, result="K", assessed_on=AFTER)

    assert list(Assessment.objects.values_list("unit", "result", "assessed_on", "assessor", "notes")) == [
        (unit.pk, "K", AFTER, assessor.pk, "")
    ]
    assert AuditEvent.objects.filter(action="training.assessment.recorded").count() == 2


@pytest.mark.parametrize(
    ("results", "earned"),
    [(["K", "K", "K"], True), (["K", "BK", "K"], False), (["K", "K"], False), ([], False)],
)
def test_the_scheme_is_earned_only_with_every_unit_kompeten(
    assessor: User, session: Any, scheme: Any, results: list[str], earned: bool
) -> None:
    enrolment = EnrolmentFactory(session=session)

    assess_all(assessor, enrolment, list(scheme.units.order_by("code")), results)

    assert earned_scheme(enrolment) is earned


def test_a_unit_outside_the_session_is_refused(assessor: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session)

    with pytest.raises(ValidationError) as error:
        services.assess(actor=assessor, enrolment=enrolment, unit=CompetencyUnitFactory(), result="K", assessed_on=DAY)

    assert error.value.message_dict == {"unit": ["This unit is not assessed in this session."]}
    assert not Assessment.objects.exists()


def test_only_staff_and_the_sessions_trainers_assess(artisan: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session)

    for actor in (artisan, make_user("joko", "assessor")):
        with pytest.raises(ValidationError, match="Only staff and the session's trainers may assess"):
            services.assess(actor=actor, enrolment=enrolment, unit=scheme.units.first(), result="K", assessed_on=DAY)

    assert not Assessment.objects.exists()


def test_evidence_that_is_not_a_photo_or_pdf_is_refused(assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    fake = SimpleUploadedFile("karya.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        services.assess(
            actor=assessor, enrolment=enrolment, unit=scheme.units.first(), result="K", assessed_on=DAY, evidence=fake
        )

    assert error.value.message_dict == {"evidence": ["The evidence must be a photo (JPEG, PNG, WebP) or a PDF."]}
    assert not Assessment.objects.exists()


def test_evidence_over_the_limit_is_refused(assessor: User, session: Any, scheme: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "EVIDENCE_MAX_BYTES", 32)
    enrolment = EnrolmentFactory(session=session)
    photo = SimpleUploadedFile("karya.png", PNG, content_type="image/png")

    with pytest.raises(ValidationError, match="larger than"):
        services.assess(
            actor=assessor, enrolment=enrolment, unit=scheme.units.first(), result="K", assessed_on=DAY, evidence=photo
        )

    assert not Assessment.objects.exists()


def test_completed_when_earned_and_the_session_is_over(assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session, status=EnrolmentStatus.ATTENDED)
    assess_all(assessor, enrolment, list(scheme.units.all()), ["K", "K", "K"])

    assert services.complete_if_earned(actor=assessor, enrolment=enrolment, today=DAY) is False
    assert services.complete_if_earned(actor=assessor, enrolment=enrolment, today=AFTER) is True

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_not_completed_with_one_belum_kompeten(assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session, status=EnrolmentStatus.ATTENDED)
    assess_all(assessor, enrolment, list(scheme.units.all()), ["K", "BK", "K"])

    assert services.complete_if_earned(actor=assessor, enrolment=enrolment, today=AFTER) is False
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ATTENDED


@pytest.mark.parametrize(("days_present", "completed"), [(3, True), (2, False)])
def test_an_attendance_only_session_completes_at_80_percent(assessor: User, days_present: int, completed: bool) -> None:
    session = SessionFactory()
    session.trainers.add(assessor)
    enrolment = EnrolmentFactory(session=session)
    for day in session.days[:days_present]:
        mark(actor=assessor, enrolment=enrolment, day=day, present=True)

    assert services.complete_if_earned(actor=assessor, enrolment=enrolment, today=AFTER) is completed


def test_the_grid_saves_one_participants_card(client: Any, assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    first, second, _third = scheme.units.order_by("code")
    client.force_login(assessor)

    response = client.post(
        reverse("training:session-assessments", args=[session.pk]),
        {
            "enrolment": enrolment.pk,
            f"u{first.pk}-result": "K",
            f"u{first.pk}-assessed_on": "2026-12-09",
            f"u{first.pk}-evidence": SimpleUploadedFile("karya.png", PNG, content_type="image/png"),
            f"u{second.pk}-result": "BK",
            f"u{second.pk}-assessed_on": "2026-12-09",
            f"u{second.pk}-notes": "Malam tembus",
        },
    )

    assert response.status_code == 302
    assert list(Assessment.objects.order_by("unit__code").values_list("unit", "result", "notes")) == [
        (first.pk, "K", ""),
        (second.pk, "BK", "Malam tembus"),
    ]
    assert Assessment.objects.get(unit=first).evidence.name.endswith(".png")


def test_a_refused_evidence_saves_nothing_of_the_card(client: Any, assessor: User, session: Any, scheme: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    first, second, _third = scheme.units.order_by("code")
    client.force_login(assessor)

    response = client.post(
        reverse("training:session-assessments", args=[session.pk]),
        {
            "enrolment": enrolment.pk,
            f"u{first.pk}-result": "K",
            f"u{second.pk}-result": "K",
            f"u{second.pk}-evidence": SimpleUploadedFile("karya.jpg", b"GIF89a....", content_type="image/jpeg"),
        },
    )

    assert response.status_code == 200
    assert "The evidence must be a photo (JPEG, PNG, WebP) or a PDF." in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_grid_shows_a_card_per_participant(
    client: Any, staff: User, session: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(4):
        EnrolmentFactory(session=session)
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:session-assessments", args=[session.pk]))

    assert response.content.decode().count('data-testid="assessment-card"') == 4


def test_the_evidence_on_file_opens_for_those_who_see_the_enrolment_only(
    client: Any, assessor: User, staff: User, artisan: User, other_artisan: User, enterprise: Any, session: Any
) -> None:
    # Given an assessment of a person of the artisan's enterprise, with a photo of the work
    person = enterprise.memberships.get(role="owner").person
    enrolment = EnrolmentFactory(session=session, person=person, enterprise=enterprise)
    unit = session.scheme.units.order_by("code").first()
    photo = SimpleUploadedFile("karya.png", PNG, content_type="image/png")
    services.assess(actor=assessor, enrolment=enrolment, unit=unit, result="K", assessed_on=DAY, evidence=photo)
    assessment = Assessment.objects.get()
    link = reverse("training:assessment-evidence", args=[assessment.pk])

    # The grid links the file through that address, not through the media folder
    client.force_login(assessor)
    grid = client.get(reverse("training:session-assessments", args=[session.pk])).content.decode()
    assert f'href="{link}">Evidence on file</a>' in grid
    assert assessment.evidence.url not in grid

    # The trainer, staff and the participant's own enterprise get the file; anyone else a 404
    for user in (assessor, staff, artisan):
        client.force_login(user)
        answer = client.get(link)
        assert answer.status_code == 200, user
        assert b"".join(answer.streaming_content) == PNG
        assert answer["Content-Disposition"].startswith("attachment;")
    for user in (other_artisan, make_user("joko", "assessor")):
        client.force_login(user)
        assert client.get(link).status_code == 404, user
    client.logout()
    assert client.get(link).status_code == 302  # to the sign-in page
