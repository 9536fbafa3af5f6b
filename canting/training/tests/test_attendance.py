"""Attendance: one tap per participant per day, the door's QR codes, the printed sheet and the rates."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pikepdf
import pytest
import zxingcpp
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from canting.core.documents import render_png
from canting.core.models import AuditEvent, User
from canting.core.testing import make_user
from canting.registry.tests.factories import EnterpriseFactory, PersonFactory
from canting.training.models import Attendance, AttendanceMethod, EnrolmentStatus
from canting.training.selectors import attendance_rate, session_attendance_rate, with_attendance_rate
from canting.training.services.attendance import mark
from canting.training.tests.factories import EnrolmentFactory, SessionFactory
from canting.training.views.attendance import DOCUMENTS, door_codes_data

FIRST = datetime.date(2026, 12, 7)
SECOND = datetime.date(2026, 12, 8)
THIRD = datetime.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def _english(client: Any, settings: Any) -> Any:
    """Pages and messages in English, the source language, whatever the translations say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def session(assessor: User) -> Any:
    session = SessionFactory()
    session.trainers.add(assessor)
    return session


def test_a_trainer_marks_a_participant_present_once_per_day(assessor: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session)

    mark(actor=assessor, enrolment=enrolment, day=FIRST, present=True)
    again = mark(actor=assessor, enrolment=enrolment, day=FIRST, present=False)

    assert list(Attendance.objects.values_list("enrolment", "day", "present", "method", "recorded_by")) == [
        (enrolment.pk, FIRST, False, "tap", assessor.pk)
    ]
    assert again.present is False
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ATTENDED
    assert list(
        AuditEvent.objects.filter(object_id=str(enrolment.pk)).order_by("pk").values_list("action", flat=True)
    ) == ["training.attendance.marked", "training.enrolment.attended", "training.attendance.marked"]


def test_absent_does_not_make_a_registered_participant_attended(assessor: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session)

    mark(actor=assessor, enrolment=enrolment, day=SECOND, present=False)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REGISTERED


@pytest.mark.parametrize("day", [FIRST - datetime.timedelta(days=1), THIRD + datetime.timedelta(days=1)])
def test_a_day_outside_the_session_is_refused(assessor: User, session: Any, day: datetime.date) -> None:
    enrolment = EnrolmentFactory(session=session)

    with pytest.raises(Exception, match="The session runs from"):
        mark(actor=assessor, enrolment=enrolment, day=day, present=True)

    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [EnrolmentStatus.WAITLISTED, EnrolmentStatus.INVITED, EnrolmentStatus.CANCELLED])
def test_only_seated_participants_are_marked(assessor: User, session: Any, status: str) -> None:
    enrolment = EnrolmentFactory(session=session, status=status)

    with pytest.raises(Exception, match="has no seat"):
        mark(actor=assessor, enrolment=enrolment, day=FIRST, present=True)

    assert not Attendance.objects.exists()


def test_another_sessions_assessor_and_an_artisan_may_not_mark(artisan: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    stranger = make_user("joko", "assessor")

    for actor in (stranger, artisan):
        with pytest.raises(Exception, match="Only staff and the session's trainers"):
            mark(actor=actor, enrolment=enrolment, day=FIRST, present=True)

    assert not Attendance.objects.exists()


def test_one_tap_with_htmx_returns_the_row_and_the_count(client: Any, assessor: User, session: Any) -> None:
    first = EnrolmentFactory(session=session, person=PersonFactory(full_name="Ani"))
    EnrolmentFactory(session=session, person=PersonFactory(full_name="Budi"))
    client.force_login(assessor)

    response = client.post(
        reverse("training:attendance-mark", args=[session.pk]),
        {"enrolment": first.pk, "day": "2026-12-08", "present": "1"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="list-group-item p-0" id="row-{first.pk}"')
    assert 'data-state="present"' in html
    assert 'id="present-count" hx-swap-oob="true"' in html
    assert "<strong>1</strong> of 2" in html
    assert Attendance.objects.get().day == SECOND


def test_without_javascript_the_tap_redirects_back_to_the_day(client: Any, staff: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session)
    client.force_login(staff)

    response = client.post(
        reverse("training:attendance-mark", args=[session.pk]),
        {"enrolment": enrolment.pk, "day": "2026-12-09", "present": "1"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("training:session-attendance", args=[session.pk]) + "?day=2026-12-09"
    assert Attendance.objects.get().present is True


def test_the_page_lists_seated_participants_of_the_chosen_day(
    client: Any, assessor: User, session: Any, django_assert_max_num_queries: Any
) -> None:
    for name in ("Citra", "Ani", "Budi"):
        enrolment = EnrolmentFactory(session=session, person=PersonFactory(full_name=name))
        if name != "Budi":
            mark(actor=assessor, enrolment=enrolment, day=SECOND, present=name == "Ani")
    EnrolmentFactory(session=session, status=EnrolmentStatus.WAITLISTED, person=PersonFactory(full_name="Dewi"))
    client.force_login(assessor)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:session-attendance", args=[session.pk]), {"day": "2026-12-08"})

    rows = response.context["rows"]
    assert [(r.person.full_name, r.mark.present if r.mark else None) for r in rows] == [
        ("Ani", True),
        ("Budi", None),
        ("Citra", False),
    ]
    assert response.context["present"] == 1
    assert "<strong>1</strong> of 3" in response.content.decode()


def test_the_day_defaults_to_the_first_outside_the_session(client: Any, staff: User) -> None:
    first = timezone.localdate() + datetime.timedelta(days=30)  # today is not a session day either
    session = SessionFactory(starts_on=first, ends_on=first + datetime.timedelta(days=2))
    client.force_login(staff)

    outside = first + datetime.timedelta(days=10)
    response = client.get(reverse("training:session-attendance", args=[session.pk]), {"day": outside.isoformat()})

    assert response.context["day"] == first


def test_another_assessor_gets_404(client: Any, session: Any) -> None:
    client.force_login(make_user("joko", "assessor"))

    assert client.get(reverse("training:session-attendance", args=[session.pk])).status_code == 404


def test_the_door_code_marks_present_today_by_qr(client: Any, assessor: User) -> None:
    today = timezone.localdate()
    session = SessionFactory(starts_on=today, ends_on=today + datetime.timedelta(days=1))
    session.trainers.add(assessor)
    enrolment = EnrolmentFactory(session=session)
    client.force_login(assessor)
    url = reverse("training:door-checkin", args=[enrolment.door_code])

    page = client.get(url)
    assert "Mark present for" in page.content.decode()
    assert not Attendance.objects.exists()
    client.post(url)

    attendance = Attendance.objects.get()
    assert (attendance.day, attendance.present, attendance.method) == (today, True, AttendanceMethod.QR)
    assert 'data-testid="present"' in client.get(url).content.decode()


def test_the_door_page_says_when_today_is_not_a_session_day(client: Any, assessor: User) -> None:
    later = timezone.localdate() + datetime.timedelta(days=30)
    session = SessionFactory(starts_on=later, ends_on=later + datetime.timedelta(days=2))
    session.trainers.add(assessor)
    enrolment = EnrolmentFactory(session=session)
    client.force_login(assessor)
    url = reverse("training:door-checkin", args=[enrolment.door_code])

    assert 'data-testid="outside"' in client.get(url).content.decode()
    response = client.post(url)

    assert "The session runs from" in response.content.decode()
    assert not Attendance.objects.exists()


def test_rates_per_person_and_per_session(assessor: User, session: Any) -> None:
    ani, budi = EnrolmentFactory(session=session), EnrolmentFactory(session=session)
    EnrolmentFactory(session=session, status=EnrolmentStatus.CANCELLED)
    for day in (FIRST, SECOND, THIRD):
        mark(actor=assessor, enrolment=ani, day=day, present=True)
    mark(actor=assessor, enrolment=budi, day=FIRST, present=True)
    mark(actor=assessor, enrolment=budi, day=SECOND, present=False)

    rates = dict(with_attendance_rate(session, session.enrolments.all()).values_list("pk", "attendance_rate"))

    assert rates[ani.pk] == 1.0
    assert rates[budi.pk] == pytest.approx(1 / 3)
    assert attendance_rate(budi) == pytest.approx(1 / 3)
    assert session_attendance_rate(session) == pytest.approx(4 / 6)


def test_the_attendance_sheet_is_a_landscape_pdf(client: Any, assessor: User, session: Any) -> None:
    enrolment = EnrolmentFactory(session=session, enterprise=EnterpriseFactory())
    mark(actor=assessor, enrolment=enrolment, day=FIRST, present=True)
    client.force_login(assessor)

    response = client.get(reverse("training:attendance-sheet", args=[session.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(response.content)) as document:
        width, height = (float(value) for value in document.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape


@override_settings(CANTING_SITE_URL="https://canting.example.id")
def test_every_door_qr_decodes_to_its_checkin_url(session: Any) -> None:
    enrolments = [EnrolmentFactory(session=session) for _ in range(14)]

    pages = render_png(DOCUMENTS / "door_codes.typ", door_codes_data(session), ppi=150)
    found = [r.text for page in pages for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(page)))]

    assert len(pages) == 2
    assert len(found) == 14
    assert sorted(found) == sorted(
        "https://canting.example.id" + reverse("training:door-checkin", args=[e.door_code]) for e in enrolments
    )


def test_twelve_door_codes_fill_the_first_page_under_its_heading(session: Any) -> None:
    for _ in range(12):
        EnrolmentFactory(session=session)

    pages = render_png(DOCUMENTS / "door_codes.typ", door_codes_data(session), ppi=50)

    assert len(pages) == 1


def test_thirteen_door_codes_take_a_second_page(session: Any) -> None:
    for _ in range(13):
        EnrolmentFactory(session=session)

    pages = render_png(DOCUMENTS / "door_codes.typ", door_codes_data(session), ppi=50)

    assert len(pages) == 2


def test_door_codes_of_a_session_with_no_one_enrolled_are_refused_with_a_reason(
    client: Any, assessor: User, session: Any
) -> None:
    client.force_login(assessor)

    response = client.get(reverse("training:door-codes", args=[session.pk]), follow=True)

    assert response.redirect_chain == [(reverse("training:session-attendance", args=[session.pk]), 302)]
    assert response["Content-Type"].startswith("text/html")
    assert [str(m) for m in response.context["messages"]] == [
        "No one is enrolled in this session yet, so there are no door codes to print."
    ]
