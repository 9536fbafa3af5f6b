"""What exhibitions feed elsewhere: the month's exhibition sales on the turnover form (as domestic sales), and the
exhibitions taken part in on the "naik kelas" readiness checklist."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from canting.exhibitions.models import ExhibitorStatus
from canting.exhibitions.readiness import exhibitions_taken_part
from canting.exhibitions.suggestions import sales_at_exhibitions
from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory, SaleFactory
from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover import readiness, suggestions
from canting.turnover.models import Criterion, CriterionKind

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2025, 3, 1)
DAY = datetime.date(2026, 8, 10)  # readiness looks at exhibitions that started 11 August 2025 - 10 August 2026


def exhibition(name: str, starts: datetime.date) -> Any:
    return ExhibitionFactory(name=name, name_ind=name, starts_on=starts, ends_on=starts + datetime.timedelta(days=2))


# --- turnover suggestions ------------------------------------------------------------------------------------
def test_the_provider_is_registered_when_the_app_is_ready() -> None:
    assert sales_at_exhibitions in suggestions.providers()


def test_the_months_sales_are_suggested_as_domestic_sales_per_exhibition(
    enterprise: Any, other_enterprise: Any
) -> None:
    # Given sales at two exhibitions in March, one in April, and another enterprise's in March
    fair = ExhibitorFactory(enterprise=enterprise, exhibition=exhibition("Pameran Maret", datetime.date(2025, 3, 7)))
    bazaar = ExhibitorFactory(
        enterprise=enterprise, exhibition=exhibition("Bazar Akhir Maret", datetime.date(2025, 3, 30))
    )
    SaleFactory(exhibitor=fair, amount=Decimal(100_000))
    SaleFactory(exhibitor=fair, day=datetime.date(2025, 3, 9), amount=Decimal(250_000))
    SaleFactory(exhibitor=bazaar, amount=Decimal(80_000))
    SaleFactory(exhibitor=bazaar, day=datetime.date(2025, 4, 1), amount=Decimal(999_000))
    other = ExhibitorFactory(enterprise=other_enterprise, exhibition=fair.exhibition)
    SaleFactory(exhibitor=other, amount=Decimal(777_000))

    # When the turnover form asks the registry for March
    found = suggestions.suggestions_for(enterprise, MARCH)

    # Then each exhibition's March sales come as a domestic-sales suggestion, linked to the sales page
    assert list(found) == ["domestic_sales"]
    assert [(s.value, s.source_label, s.url) for s in found["domestic_sales"]] == [
        (Decimal(350_000), "from your sales at Pameran Maret", reverse("exhibitions:sales", args=[fair.pk])),
        (Decimal(80_000), "from your sales at Bazar Akhir Maret", reverse("exhibitions:sales", args=[bazaar.pk])),
    ]


def test_nothing_is_suggested_in_a_month_without_sales(enterprise: Any) -> None:
    exhibitor = ExhibitorFactory(enterprise=enterprise, exhibition=exhibition("Pameran", datetime.date(2025, 2, 3)))
    SaleFactory(exhibitor=exhibitor)
    assert sales_at_exhibitions(enterprise, MARCH) == []
    assert "domestic_sales" not in suggestions.suggestions_for(enterprise, MARCH)


# --- readiness -----------------------------------------------------------------------------------------------
def run(*enterprises: Enterprise, target: Decimal | None = None) -> dict[int, readiness.Result]:
    criterion = Criterion.objects.get(kind=CriterionKind.EXHIBITIONS)
    if target is not None:
        criterion.target = target
    queryset = Enterprise.objects.filter(pk__in=[e.pk for e in enterprises])
    return readiness.EVALUATORS[CriterionKind.EXHIBITIONS](queryset, criterion, DAY)


def test_the_evaluator_replaces_the_placeholder() -> None:
    assert readiness.EVALUATORS[CriterionKind.EXHIBITIONS] is exhibitions_taken_part


def test_selected_exhibitions_of_the_last_12_months_count() -> None:
    # Given one enterprise selected for an exhibition in October 2025, and others only outside the window or
    # not selected
    shown, before, applied = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    ExhibitorFactory(enterprise=shown, exhibition=exhibition("Pameran Oktober", datetime.date(2025, 10, 6)))
    ExhibitorFactory(enterprise=shown, exhibition=exhibition("Pameran Nanti", datetime.date(2026, 9, 1)))
    ExhibitorFactory(enterprise=before, exhibition=exhibition("Pameran Lalu", datetime.date(2025, 8, 10)))
    ExhibitorFactory(
        enterprise=applied,
        exhibition=exhibition("Pameran Lain", datetime.date(2026, 1, 5)),
        status=ExhibitorStatus.REJECTED,
    )

    results = run(shown, before, applied)

    history = "exhibitions:enterprise-history"
    assert results[shown.pk] == (True, "1 exhibition in the last 12 months", reverse(history, args=[shown.pk]))
    assert results[before.pk] == (False, "0 exhibitions in the last 12 months", reverse(history, args=[before.pk]))
    assert results[applied.pk].met is False


def test_the_target_is_the_criterions(django_assert_num_queries: Any) -> None:
    enterprise = EnterpriseFactory()
    for n, starts in enumerate((datetime.date(2025, 9, 1), datetime.date(2026, 3, 2))):
        ExhibitorFactory(enterprise=enterprise, exhibition=exhibition(f"Pameran {n}", starts))
    with django_assert_num_queries(3):  # the criterion, then the counts and the enterprises
        assert run(enterprise, target=Decimal(3))[enterprise.pk][:2] == (False, "2 exhibitions in the last 12 months")
    assert run(enterprise, target=Decimal(2))[enterprise.pk].met is True


def test_it_counts_in_the_readiness_score() -> None:
    enterprise = EnterpriseFactory()
    ExhibitorFactory(enterprise=enterprise, exhibition=exhibition("Pameran", datetime.date(2026, 5, 4)))
    assessment = readiness.evaluate_one(enterprise, on=DAY)
    line = next(line for line in assessment.lines if line.criterion.kind == CriterionKind.EXHIBITIONS)
    assert line.result.met is True
