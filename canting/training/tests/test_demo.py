"""The demo's two 2023 trainings: 30 participants each, attendance, assessments and the certificates they earned."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from canting.training.models import SEATED, Certificate, TrainingSession
from canting.training.services.assessments import earned_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


def test_both_2023_trainings_seat_30_and_certify_only_what_was_earned(loaded: Any) -> None:
    july = TrainingSession.objects.get(starts_on=datetime.date(2023, 7, 10))
    october = TrainingSession.objects.get(starts_on=datetime.date(2023, 10, 24))

    for session in (july, october):
        assert session.enrolments.filter(status__in=SEATED).count() == 30 == session.quota
    competent = [e for e in july.enrolments.all() if earned_scheme(e)]
    competency = Certificate.objects.filter(enrolment__session=july, kind="competency")
    assert sorted(c.enrolment_id for c in competency) == sorted(e.pk for e in competent)
    assert 0 < len(competent) < 30  # a few were found Belum Kompeten in a unit
    # Issued on the last day and valid three years: by now (after July 2026) they have expired.
    assert {(c.issued_on, c.expires_on) for c in competency} == {
        (datetime.date(2023, 7, 14), datetime.date(2026, 7, 14))
    }
    # Recorded from LSP BBKB with its real BNSP licence, the scheme's units, example numbers and a scan on file
    assert {(c.external, c.issuer, c.issuer_licence) for c in competency} == {
        (True, "LSP BBKB (BBSPJIKB Yogyakarta)", "BNSP-LSP-1485-ID")
    }
    assert all(c.number.startswith("CONTOH/") and c.scan for c in competency)
    assert {u["code"] for c in competency for u in c.units} == {u.code for u in july.scheme.units.all()}
    assert all(u.code.startswith("C.13BTK") and "contoh" in u.standard for u in july.scheme.units.all())
    assert not october.scheme and not Certificate.objects.filter(enrolment__session=october, kind="competency")
    assert Certificate.objects.filter(enrolment__session=october, kind="attendance").exists()


def test_an_upcoming_session_is_open_for_applications(loaded: Any) -> None:
    upcoming = TrainingSession.objects.get(open_for_applications=True)

    today = timezone.localdate()
    assert upcoming.apply_by is not None and today <= upcoming.apply_by < upcoming.starts_on
    assert upcoming.centre_only and upcoming.new_to_programme_only
    assert not upcoming.enrolments.exists()
