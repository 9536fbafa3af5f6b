"""factory_boy factories for quality and certification.

Objects are built as the services would leave them (a batch's enterprise is its product's, a report's verdict
is set), so tests can start from any state without calling every service first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import (
    Batch,
    Certification,
    Comparator,
    Inspection,
    Label,
    LabelRun,
    Laboratory,
    Outcome,
    Parameter,
    Scheme,
    Standard,
    TestReport,
    TestResult,
    Verdict,
    judge,
)
from canting.core import codes
from canting.core.models import User
from canting.core.testing import staff_user


def officer(username: str = "inspektur") -> User:
    """A staff officer of the city, made once per test database."""
    return User.objects.filter(username=username).first() or staff_user(username)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"SNI 99{n:02d}")
    title = "Batik tulis: mutu dan cara uji"
    edition = "2016, Amd 1:2019"
    source = "Badan Standardisasi Nasional"


class ParameterFactory(factory.django.DjangoModelFactory):
    """Colour fastness to washing, colour change: at least grade 4 (a grey-scale grade, half steps).

    The name is set per language (``name_ind`` / ``name_en``); pass ``name_en=None`` for one given in Indonesian
    only. A plain ``name`` would land in whichever language is active, so it is not used.
    """

    class Meta:
        model = Parameter

    standard = factory.SubFactory(StandardFactory)
    name_ind = factory.Sequence(lambda n: f"Ketahanan luntur warna terhadap pencucian {n}")
    name_en = factory.Sequence(lambda n: f"Colour fastness to washing {n}")
    unit = "grade"
    test_method = "SNI ISO 105-C06"
    comparator = Comparator.AT_LEAST
    limit = Decimal(4)


class TestResultFactory(factory.django.DjangoModelFactory):
    """A result copied from its parameter as ``record_results`` copies it (both names, the limit), judged."""

    class Meta:
        model = TestResult

    report = factory.SubFactory("canting.certification.tests.factories.TestReportFactory")
    parameter = factory.SubFactory(ParameterFactory)
    standard_code = factory.LazyAttribute(lambda o: o.parameter.standard.code)
    standard_edition = factory.LazyAttribute(lambda o: o.parameter.standard.edition)
    parameter_name_ind = factory.LazyAttribute(lambda o: o.parameter.name_ind)
    parameter_name_en = factory.LazyAttribute(lambda o: o.parameter.name_en)
    unit = factory.LazyAttribute(lambda o: o.parameter.unit)
    comparator = factory.LazyAttribute(lambda o: o.parameter.comparator)
    limit = factory.LazyAttribute(lambda o: o.parameter.limit)
    upper_limit = factory.LazyAttribute(lambda o: o.parameter.upper_limit)
    value = Decimal("4.5")
    passed = factory.LazyAttribute(lambda o: judge(o.comparator, o.limit, o.value, o.upper_limit))


class LaboratoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Laboratory
        django_get_or_create = ("name",)

    name = "Balai Besar Standardisasi dan Pelayanan Jasa Industri Kerajinan dan Batik"
    short_name = "BBSPJIKB"
    city = "Yogyakarta"


def days_ago(days: int) -> Any:
    """A date ``days`` before the day the record is made (whatever the clock says), so that a batch, its
    laboratory report and its inspection lie in the recent past on any date the suite runs."""
    return factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=days))


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    product = factory.SubFactory(ProductFactory)
    enterprise = factory.LazyAttribute(lambda o: o.product.enterprise)
    code = factory.Sequence(lambda n: f"B-{n:04d}")
    quantity = 40
    started_on = days_ago(97)
    finished_on = days_ago(78)
    fabric_lot = "PRIMA-0926"
    dye_classes = factory.LazyFunction(lambda: ["naphthol"])
    dyes = "Naphthol AS-BO"
    naphthol_salt = "Garam Merah B"


class TestReportFactory(factory.django.DjangoModelFactory):
    """A passing report on a batch; add results with ``TestResultFactory`` or through the services."""

    class Meta:
        model = TestReport

    batch = factory.SubFactory(BatchFactory)
    product = factory.LazyAttribute(lambda o: o.batch.product)
    enterprise = factory.LazyAttribute(lambda o: o.product.enterprise)
    laboratory = factory.SubFactory(LaboratoryFactory)
    number = factory.Sequence(lambda n: f"LHU-{n:05d}/BBSPJIKB/2026")
    sampled_on = days_ago(76)
    sampled_by = "Petugas BBSPJIKB, di bengkel perajin"
    issued_on = days_ago(53)
    computed_verdict = Verdict.PASS
    verdict = Verdict.PASS


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    product = factory.SubFactory(ProductFactory)
    inspected_on = days_ago(67)
    inspector = factory.LazyFunction(officer)
    declared_technique = factory.LazyAttribute(lambda o: o.product.technique)
    answers = factory.LazyFunction(dict)
    outcome = Outcome.CONFIRMED


class CertificationFactory(factory.django.DjangoModelFactory):
    """An active Batikmark for batik tulis, three years from its issue date."""

    class Meta:
        model = Certification
        skip_postgeneration_save = True

    enterprise = factory.SubFactory("canting.registry.tests.factories.EnterpriseFactory")
    scheme = Scheme.BATIKMARK_TULIS
    number = factory.Sequence(lambda n: f"BMI-{n:05d}")
    issuer = "BBSPJIKB Yogyakarta"
    issued_on = datetime.date(2025, 3, 1)
    expires_on = datetime.date(2028, 3, 1)


class LabelRunFactory(factory.django.DjangoModelFactory):
    """A run of ``count`` labels for a batch, with the labels themselves (random codes, positions 1..count)."""

    class Meta:
        model = LabelRun
        skip_postgeneration_save = True

    batch = factory.SubFactory(BatchFactory)
    count = 3
    technique = factory.LazyAttribute(lambda o: o.batch.product.technique)
    issued_by = factory.LazyFunction(officer)

    @factory.post_generation
    def labels(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            Label.objects.bulk_create(
                Label(run=self, batch=self.batch, code=codes.new_code(), position=n) for n in range(1, self.count + 1)
            )
