"""Applying, accepting and cancelling places in a session, and who may not apply and why."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from canting.core.models import AuditEvent
from canting.registry.tests.factories import CentreFactory, MembershipFactory, PersonFactory
from canting.training.models import Enrolment, EnrolmentStatus
from canting.training.services import enrolments
from canting.training.tests.factories import CertificateFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def owner_of(enterprise: Any) -> Any:
    return enterprise.memberships.get(role="owner").person


def refused(session: Any, person: Any, actor: Any) -> str:
    before = (Enrolment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        enrolments.apply(actor=actor, session=session, person=person)
    assert (Enrolment.objects.count(), AuditEvent.objects.count()) == before
    return " ".join(caught.value.messages)


def test_an_artisan_applies_for_a_person_of_their_enterprise(artisan: Any, enterprise: Any) -> None:
    session = SessionFactory(quota=1)
    enrolment = enrolments.apply(actor=artisan, session=session, person=owner_of(enterprise))
    assert enrolment.status == EnrolmentStatus.REGISTERED
    assert enrolment.enterprise == enterprise
    assert len(enrolment.door_code) == 11
    worker = PersonFactory()
    MembershipFactory(enterprise=enterprise, person=worker, role="worker")
    second = enrolments.apply(actor=artisan, session=session, person=worker)
    assert second.status == EnrolmentStatus.WAITLISTED


def test_closed_session_is_refused(artisan: Any, enterprise: Any) -> None:
    session = SessionFactory(open_for_applications=False)
    assert refused(session, owner_of(enterprise), artisan) == "This session is not open for applications."


def test_past_apply_by_is_refused(artisan: Any, enterprise: Any) -> None:
    session = SessionFactory(apply_by=datetime.date(2020, 1, 31))
    assert refused(session, owner_of(enterprise), artisan) == "Applications closed on 31-01-2020."


def test_centre_only_refuses_an_enterprise_without_centre(artisan: Any, enterprise: Any) -> None:
    session = SessionFactory(centre_only=True)
    person = owner_of(enterprise)
    assert refused(session, person, artisan) == (
        "Only people of enterprises that belong to a centre may take part, "
        f"and {person.full_name}'s enterprise does not."
    )
    enterprise.centre = CentreFactory()
    enterprise.save()
    assert enrolments.apply(actor=artisan, session=session, person=person).status == EnrolmentStatus.REGISTERED


def test_new_to_programme_only_refuses_someone_already_trained(artisan: Any, enterprise: Any) -> None:
    person = owner_of(enterprise)
    earlier = EnrolmentFactory(person=person, status=EnrolmentStatus.COMPLETED)
    session = SessionFactory(programme=earlier.session.programme, new_to_programme_only=True)
    assert refused(session, person, artisan) == (
        f"{person.full_name} has already been trained in this programme; this session is for newcomers."
    )


def test_someone_already_on_the_list_is_refused(artisan: Any, enterprise: Any) -> None:
    person = owner_of(enterprise)
    session = EnrolmentFactory(person=person, status=EnrolmentStatus.WAITLISTED).session
    assert refused(session, person, artisan) == f"{person.full_name} is already on the list of this session."


def test_an_artisan_cannot_apply_for_another_enterprises_person(artisan: Any, other_enterprise: Any) -> None:
    session = SessionFactory()
    assert (
        refused(session, owner_of(other_enterprise), artisan) == "You can only enrol the people of your own enterprise."
    )


def test_the_apply_page_refuses_another_enterprises_person(client: Any, artisan: Any, other_enterprise: Any) -> None:
    session = SessionFactory()
    client.force_login(artisan)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("training:session-apply", args=[session.pk]), {"person": owner_of(other_enterprise).pk}
    )
    assert response.status_code == 200
    assert list(response.context["apply_form"].errors) == ["person"]
    assert not Enrolment.objects.exists()


def test_another_artisan_cannot_cancel_the_enrolment(client: Any, other_artisan: Any, enterprise: Any) -> None:
    enrolment = EnrolmentFactory(person=owner_of(enterprise), enterprise=enterprise)
    client.force_login(other_artisan)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("training:enrolment-cancel", args=[enrolment.pk]))
    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REGISTERED


def test_an_invitation_holds_no_seat_until_accepted(staff: Any, artisan: Any, enterprise: Any) -> None:
    session = SessionFactory(quota=1)
    person = owner_of(enterprise)
    [invited] = enrolments.invite(actor=staff, session=session, people=[person])
    assert invited.status == EnrolmentStatus.INVITED
    assert invited.applied_at is None
    EnrolmentFactory(session=session)  # somebody else takes the only seat
    accepted = enrolments.accept(invited, actor=artisan)
    assert accepted.status == EnrolmentStatus.WAITLISTED
    with pytest.raises(ValidationError, match="Only an invitation can be accepted"):
        enrolments.accept(accepted, actor=artisan)


def test_cancelling_promotes_the_first_waitlisted_with_an_email(
    staff: Any, artisan: Any, enterprise: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    session = SessionFactory(quota=1)
    seated = EnrolmentFactory(session=session, person=owner_of(enterprise), enterprise=enterprise)
    later = EnrolmentFactory(
        session=session,
        status=EnrolmentStatus.WAITLISTED,
        applied_at=datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC),
        person=PersonFactory(email="kedua@example.id"),
    )
    first = EnrolmentFactory(
        session=session,
        status=EnrolmentStatus.WAITLISTED,
        applied_at=datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC),
        person=PersonFactory(email="pertama@example.id"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrolments.cancel(seated, actor=artisan, reason="Sakit")
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert statuses == {
        seated.pk: EnrolmentStatus.CANCELLED,
        first.pk: EnrolmentStatus.REGISTERED,
        later.pk: EnrolmentStatus.WAITLISTED,
    }
    assert [m.to for m in mailoutbox] == [["pertama@example.id"]]
    assert AuditEvent.objects.filter(action="training.enrolment.promoted", object_id=str(first.pk)).count() == 1
    with pytest.raises(ValidationError, match="can no longer be cancelled"):
        enrolments.cancel(seated, actor=artisan)


def test_my_trainings_shows_the_enrolment_the_open_session_and_the_reason(
    client: Any, artisan: Any, enterprise: Any
) -> None:
    person = owner_of(enterprise)
    EnrolmentFactory(person=person, enterprise=enterprise, status=EnrolmentStatus.INVITED)
    centre_session = SessionFactory(
        centre_only=True, starts_on=datetime.date(2099, 1, 5), ends_on=datetime.date(2099, 1, 6)
    )
    client.force_login(artisan)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("training:my-trainings"), HTTP_ACCEPT_LANGUAGE="en")
    [upcoming] = [s for s in response.context["upcoming"] if s.pk == centre_session.pk]
    assert upcoming.eligible == []
    assert upcoming.refusals == [
        "Only people of enterprises that belong to a centre may take part, "
        f"and {person.full_name}'s enterprise does not."
    ]
    page = response.content.decode()
    assert reverse("training:enrolment-accept", args=[Enrolment.objects.get().pk]) in page


def test_my_trainings_shows_an_expired_certificate_as_expired(client: Any, artisan: Any, enterprise: Any) -> None:
    person = owner_of(enterprise)
    today = timezone.localdate()
    CertificateFactory(person=person, number="LSP-LAMA", issued_on=today - datetime.timedelta(days=4 * 365),
                       expires_on=today - datetime.timedelta(days=1))  # fmt: skip
    CertificateFactory(
        person=person, number="LSP-BARU", issued_on=today, expires_on=today + datetime.timedelta(days=3 * 365)
    )
    client.force_login(artisan)
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("training:my-trainings"))

    states = {c.number: str(c.state_label) for c in response.context["certificates"]}
    assert states == {"LSP-LAMA": "Expired", "LSP-BARU": "Valid"}
    assert response.content.decode().count('data-testid="certificate-state">Expired<') == 1


@pytest.mark.browser
def test_on_a_phone_an_artisan_applies_and_staff_see_the_list(
    browser: Any, live_server: Any, restore_areas: Any
) -> None:
    from canting.core.testing import make_user, shoot, sign_in, staff_user
    from canting.registry.tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory(name="Batik Sekar Uji")
    person = PersonFactory(full_name="Siti Aminah")
    MembershipFactory(enterprise=enterprise, person=person, role="owner")
    make_user("ani", "artisan", enterprise=enterprise)
    staff_user()
    session = SessionFactory(quota=2, starts_on=datetime.date(2099, 3, 2), ends_on=datetime.date(2099, 3, 4))
    for n in range(3):
        EnrolmentFactory(
            session=session,
            status=EnrolmentStatus.REGISTERED if n < 1 else EnrolmentStatus.WAITLISTED,
            applied_at=datetime.datetime(2099, 1, 1, 9, n, tzinfo=datetime.UTC),
        )
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = phone.new_page()
    sign_in(page, live_server.url, "ani", "correct horse battery")
    page.goto(f"{live_server.url}{reverse('training:my-trainings')}")
    upcoming = page.locator("[data-testid=upcoming]", has_text=session.programme.title)
    with page.expect_navigation():  # the application posts and comes back to the page
        upcoming.get_by_role("button").click()
    shoot(page, "training-my-trainings-phone")
    assert Enrolment.objects.get(person=person).status == EnrolmentStatus.REGISTERED
    assert page.locator("[data-testid=enrolment]").count() == 1
    phone.close()

    staff_phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = staff_phone.new_page()
    sign_in(page, live_server.url, "rina", "correct horse battery")
    page.goto(f"{live_server.url}{reverse('training:session-detail', args=[session.pk])}")
    assert page.locator("[data-testid=status-registered]").inner_text().endswith("2")
    assert page.locator("[data-testid=status-waitlisted]").inner_text().endswith("2")
    shoot(page, "training-session-detail-staff-phone")
    staff_phone.close()
