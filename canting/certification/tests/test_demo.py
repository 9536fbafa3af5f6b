"""The demo's quality data agrees with the registry it sits on, and its printed passport address works."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings

from canting import demo
from canting.catalogue.models import Product
from canting.certification.models import Certification, Inspection, Label, LabelStatus, Scheme
from canting.certification.models import TestReport as LabReport
from canting.core.models import User
from canting.registry.models import FacilitationKind
from canting.registry.selectors import current_holders

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


def test_every_batikmark_and_sni_holder_of_the_registry_has_its_certificate(loaded: Any) -> None:
    staff = User.objects.get(username="petugas")
    batikmarks = Certification.objects.valid().filter(scheme__startswith="batikmark")

    assert batikmarks.count() == current_holders(staff, FacilitationKind.BATIKMARK) == 14
    assert Certification.objects.valid().filter(scheme=Scheme.SNI).count() == current_holders(staff, "sni") == 1
    # Each Batikmark rests on a passing report of its enterprise, and is the one for its product's technique.
    for cert in batikmarks.prefetch_related("test_reports__product"):
        report = cert.test_reports.get()
        assert (report.verdict, report.enterprise_id) == ("pass", cert.enterprise_id)
        assert cert.scheme == f"batikmark_{report.product.technique}"


def test_the_demo_shows_every_kind_of_quality_record(loaded: Any) -> None:
    assert LabReport.objects.filter(verdict="fail").exists()
    assert Label.objects.filter(status=LabelStatus.REVOKED).count() == 1
    assert Label.objects.filter(run__certification__isnull=True).exists()
    assert list(Inspection.objects.values_list("outcome", flat=True).order_by("outcome")) == ["confirmed", "suspected"]
    held = Product.objects.get(quality_hold=True)
    assert held not in Product.objects.public()


@override_settings(CANTING_SITE_URL="http://127.0.0.1:8000")
def test_the_start_up_text_names_a_certified_passport_that_opens(loaded: Any) -> None:
    text = demo.logins_text()
    code = re.search(r"http://127\.0\.0\.1:8000/p/([0-9A-Z]{11})$", text, re.MULTILINE)

    assert code is not None
    response = Client().get(f"/p/{code.group(1)}", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert "Genuine and certified" in response.content.decode()
