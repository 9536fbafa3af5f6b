"""Home pages that say what to do: an assessor's sessions, and the artisan's reports, bookings and certificates.

Dates are counted from today, so the stories hold on any day the suite runs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from canting.certification.tests.factories import CertificationFactory
from canting.core import home
from canting.core.dates import add_months
from canting.core.models import User
from canting.core.testing import make_user
from canting.facilities.models import BookingState
from canting.facilities.tests.factories import BookingFactory
from canting.training.tests.factories import CertificateFactory, CompetencySchemeFactory, SessionFactory
from canting.turnover.models import ReportState
from canting.turnover.tests.factories import TurnoverReportFactory

pytestmark = pytest.mark.django_db


def english(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


# The assessor ---------------------------------------------------------------------------------------------------


def test_the_assessor_home_lists_the_sessions_they_train_now_and_next(assessor: User) -> None:
    # Given a session on now (with a scheme to assess), one to come, one past, and one trained by someone else
    now = SessionFactory(starts_on=days(-1), ends_on=days(1), scheme=CompetencySchemeFactory())
    coming = SessionFactory(starts_on=days(20), ends_on=days(22))
    past = SessionFactory(starts_on=days(-30), ends_on=days(-28))
    others = SessionFactory(starts_on=days(2), ends_on=days(3))
    for session in (now, coming, past):
        session.trainers.add(assessor)
    others.trainers.add(make_user("joko", "assessor"))

    page = english(assessor).get(reverse("home"))

    html = page.content.decode()
    assert page.status_code == 200
    assert [s.pk for s in page.context["panels"][0].items] == [now.pk, coming.pk]
    assert "Your sessions" in html and "You have no assignments yet" not in html
    assert html.count('data-testid="home-session"') == 2
    for session in (now, coming):
        assert reverse("training:session-attendance", args=[session.pk]) in html
        assert reverse("training:session-detail", args=[session.pk]) in html
    assert reverse("training:session-assessments", args=[now.pk]) in html
    assert reverse("training:session-assessments", args=[coming.pk]) not in html  # nothing to assess there
    assert reverse("training:session-attendance", args=[past.pk]) not in html
    assert reverse("training:session-attendance", args=[others.pk]) not in html


def test_an_assessor_without_sessions_is_told_so(assessor: User) -> None:
    html = english(assessor).get(reverse("home")).content.decode()

    assert "You have no assignments yet" in html


# The artisan ----------------------------------------------------------------------------------------------------


@pytest.fixture
def everything_to_say(enterprise: Any) -> dict[str, Any]:
    """The artisan's enterprise with one of each thing to be told about, and things not to be told about."""
    last = add_months(timezone.localdate().replace(day=1), -1)
    owner = enterprise.memberships.get(role="owner").person
    return {
        "returned": TurnoverReportFactory(
            enterprise=enterprise, month=add_months(last, -2), state=ReportState.RETURNED, return_reason="Sales twice"
        ),
        "accepted": TurnoverReportFactory(enterprise=enterprise, month=add_months(last, -1)),
        "booking": BookingFactory(enterprise=enterprise, state=BookingState.REQUESTED),
        "approved": BookingFactory(enterprise=enterprise, starts_at=timezone.now() + datetime.timedelta(days=5)),
        "certificate": CertificateFactory(person=owner, issued_on=days(-700), expires_on=days(30)),
        "lasting": CertificateFactory(person=owner, issued_on=days(-10), expires_on=days(900)),
        "certification": CertificationFactory(enterprise=enterprise, issued_on=days(-1000), expires_on=days(60)),
        "valid_long": CertificationFactory(enterprise=enterprise, issued_on=days(-10), expires_on=days(1000)),
        "last": last,
    }


def test_the_artisan_home_says_what_is_due_returned_waiting_and_expiring(
    artisan: User, enterprise: Any, everything_to_say: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    things = everything_to_say
    client = english(artisan)

    with django_assert_max_num_queries(11):
        page = client.get(reverse("registry:enterprise-detail", args=[enterprise.pk]))

    assert page.status_code == 200
    notices = {(n.text, n.url, n.link_text) for n in page.context["notices"]}
    returned, booking = things["returned"], things["booking"]
    certificate, certification = things["certificate"], things["certification"]
    month = things["last"]
    assert {url for _text, url, _link in notices} == {
        reverse("turnover:report-edit", args=[returned.pk]),
        reverse("turnover:report-create", args=[enterprise.pk]) + f"?month={month:%Y-%m}",
        reverse("facilities:booking-detail", args=[booking.pk]),
        reverse("training:certificate-detail", args=[certificate.pk]),
        reverse("certification:certification-detail", args=[certification.pk]),
    }
    texts = "\n".join(text for text, _url, _link in notices)
    assert f"Your turnover report for {returned.month:%B %Y} was returned for correction: Sales twice" in texts
    assert f"Your turnover report for {month:%B %Y} is due." in texts
    assert "awaits the office's approval" in texts
    assert f"The competency certificate {certificate.number} of {certificate.person.full_name} expires on" in texts
    assert f"{certification.get_scheme_display()} {certification.number} expires on" in texts
    html = page.content.decode()
    assert html.count('data-testid="home-notice"') == 5
    assert "Correct the report" in html and "Report the turnover" in html


def test_the_notices_cost_a_few_queries_whatever_their_number(
    artisan: User, enterprise: Any, everything_to_say: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    owner = enterprise.memberships.get(role="owner").person
    for n in range(5):
        BookingFactory(
            enterprise=enterprise,
            state=BookingState.REQUESTED,
            starts_at=timezone.now() + datetime.timedelta(days=n + 4),
        )
        CertificateFactory(person=owner, issued_on=days(-700), expires_on=days(10 + n))
        CertificationFactory(enterprise=enterprise, issued_on=days(-1000), expires_on=days(20 + n))

    with django_assert_max_num_queries(5):  # turnover 2, then one each
        notices = home.notices_for(artisan, enterprise)

    assert len(notices) == 2 + 5 + 6 + 6  # reports; bookings (at most five); certificates; certifications


def test_an_artisan_who_filed_last_month_and_has_nothing_pending_sees_no_notice(artisan: User, enterprise: Any) -> None:
    TurnoverReportFactory(enterprise=enterprise, month=add_months(timezone.localdate().replace(day=1), -1))
    BookingFactory(enterprise=enterprise, state=BookingState.APPROVED)

    page = english(artisan).get(reverse("registry:enterprise-detail", args=[enterprise.pk]))

    assert page.context["notices"] == []
    assert 'data-testid="home-notice"' not in page.content.decode()


def test_a_draft_of_last_month_is_due_and_links_to_its_form(artisan: User, enterprise: Any) -> None:
    last = add_months(timezone.localdate().replace(day=1), -1)
    draft = TurnoverReportFactory(enterprise=enterprise, month=last, state=ReportState.DRAFT)

    with translation.override("en"):
        notices = home.notices_for(artisan, enterprise)

    assert [(n.url, n.link_text) for n in notices] == [
        (reverse("turnover:report-edit", args=[draft.pk]), "Report the turnover")
    ]


@pytest.fixture
def failing_provider() -> Iterator[None]:
    def broken(user: Any, enterprise: Any) -> list[home.Notice]:
        raise RuntimeError("another module is broken")

    home.register_notices(broken)
    yield
    home._notices.remove(broken)


def test_a_failing_provider_leaves_the_home_page_open(
    artisan: User, enterprise: Any, failing_provider: None, caplog: Any
) -> None:
    page = english(artisan).get(reverse("registry:enterprise-detail", args=[enterprise.pk]))

    assert page.status_code == 200
    assert "Home notice provider" in caplog.text
