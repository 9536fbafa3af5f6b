"""A competency certificate whose validity has ended is recorded as expired by ``canting daily``: its stored status,
the API, the list's filter and its history then say so, as its verification page already did from the dates."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from canting.core import audit
from canting.training.models import CertificateStatus
from canting.training.services.certificates import expire_certificates
from canting.training.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_the_daily_run_records_expired_certificates_once(staff: Any) -> None:
    today = timezone.localdate()
    lapsed = CertificateFactory(
        issued_on=today - datetime.timedelta(days=1100), expires_on=today - datetime.timedelta(1)
    )
    last_day = CertificateFactory(issued_on=today - datetime.timedelta(days=1000), expires_on=today)
    revoked = CertificateFactory(expires_on=today - datetime.timedelta(days=5), status=CertificateStatus.REVOKED)
    out = StringIO()

    call_command("daily", stdout=out)

    assert "canting.training.tasks.expire_certificates: done {'expired': 1} in " in out.getvalue()
    for cert in (lapsed, last_day, revoked):
        cert.refresh_from_db()
    assert (lapsed.status, last_day.status, revoked.status) == ("expired", "valid", "revoked")
    assert [e.action for e in audit.history(lapsed)] == ["training.certificate.expired"]
    assert expire_certificates() == 0  # a second run finds nothing to do
    client = APIClient()
    client.force_authenticate(staff)
    answer = client.get(f"/api/v1/training-certificates/{lapsed.pk}/").json()
    assert (answer["status"], answer["state"]) == ("expired", "expired")
    listed = client.get("/api/v1/training-certificates/", {"state": "expired"}).json()["results"]
    assert [c["id"] for c in listed] == [lapsed.pk]
