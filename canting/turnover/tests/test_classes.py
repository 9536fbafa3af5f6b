"""Business class: computed at and around every threshold of the seeded schemes, the history, the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from canting.core.dates import add_months
from canting.core.models import AuditEvent
from canting.core.testing import staff_user
from canting.registry.tests.factories import EnterpriseFactory
from canting.turnover.models import ClassCondition, ClassRecord, ClassScheme, ReportState, TurnoverReport
from canting.turnover.services import classes
from canting.turnover.tests.factories import accepted_months

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


SALES = "pp-7-2021-sales"
INDUSTRY = "permenperin-64-2016"
DAY = datetime.date(2025, 7, 10)
LAST = datetime.date(2025, 6, 1)
BILLION = 1_000_000_000


def current(enterprise: Any, code: str) -> ClassRecord | None:
    return ClassRecord.objects.filter(enterprise=enterprise, scheme__code=code, current=True).first()


def with_sales(total: int) -> Any:
    """An enterprise with 12 accepted months whose sales add up to ``total`` (all of it in the last month)."""
    enterprise = EnterpriseFactory()
    accepted_months(enterprise, LAST, [0] * 11 + [total])
    return enterprise


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "mikro"),
        (2 * BILLION, "mikro"),
        (2 * BILLION + 1, "kecil"),
        (15 * BILLION, "kecil"),
        (15 * BILLION + 1, "menengah"),
        (50 * BILLION, "menengah"),
        (50 * BILLION + 1, "besar"),
    ],
)
def test_sales_class_at_and_around_each_threshold(total: int, expected: str) -> None:
    # Given 12 accepted months adding up to the total
    enterprise = with_sales(total)
    # When assessed
    classes.assess(enterprise, on=DAY)
    # Then PP 7/2021 gives the class, with the figures it came from
    record = current(enterprise, SALES)
    assert record is not None
    assert (record.business_class, record.annual_sales, record.months_counted) == (expected, Decimal(total), 12)
    assert record.period_end == LAST


@pytest.mark.parametrize(
    ("workers", "investment", "expected"),
    [
        (0, 0, "kecil"),
        (19, BILLION - 1, "kecil"),
        (19, BILLION, "menengah"),
        (20, BILLION - 1, "menengah"),
        (20, 15 * BILLION, "menengah"),
        (20, 15 * BILLION + 1, "besar"),
        (19, 15 * BILLION + 1, "menengah"),
    ],
)
def test_industry_class_at_and_around_each_threshold(workers: int, investment: int, expected: str) -> None:
    # Given the registry's workers and investment (no report yet)
    enterprise = EnterpriseFactory(workers_men=workers, workers_women=0, investment=Decimal(investment))
    # When assessed
    classes.assess(enterprise, on=DAY)
    # Then the ministry of industry's scheme gives the class
    record = current(enterprise, INDUSTRY)
    assert record is not None
    assert (record.business_class, record.workers, record.investment) == (expected, workers, Decimal(investment))


def test_without_accepted_reports_there_is_no_sales_class() -> None:
    enterprise = EnterpriseFactory()
    TurnoverReport.objects.create(
        enterprise=enterprise, month=LAST, state=ReportState.SUBMITTED, domestic_sales=Decimal(5 * BILLION)
    )
    written = classes.assess(enterprise, on=DAY)
    assert [r.scheme.code for r in written] == [INDUSTRY]
    assert current(enterprise, SALES) is None


def test_fewer_than_12_months_are_annualised_and_older_months_are_left_out() -> None:
    # Given 6 accepted months of Rp 200 million, and a 13th month far back that must not count
    enterprise = EnterpriseFactory()
    accepted_months(enterprise, LAST, [200_000_000] * 6)
    accepted_months(enterprise, datetime.date(2024, 5, 1), [9 * BILLION])
    # When assessed: 1.2 billion in 6 months is 2.4 billion a year
    classes.assess(enterprise, on=DAY)
    record = current(enterprise, SALES)
    assert record is not None
    assert (record.annual_sales, record.months_counted, record.business_class) == (Decimal(2_400_000_000), 6, "kecil")


def test_one_lebaran_month_does_not_make_a_class(client: Any, staff: Any) -> None:
    """Rp 170 million in one month would annualise to Rp 2.04 billion ("kecil"): the sales scheme waits for six
    accepted months (the office's rule, stored on the scheme and shown on the class page)."""
    enterprise = EnterpriseFactory()
    accepted_months(enterprise, LAST, [170_000_000])
    classes.assess(enterprise, on=DAY)
    assert current(enterprise, SALES) is None
    assert ClassScheme.objects.get(code=SALES).min_months == 6
    client.force_login(staff)
    page = client.get(f"/turnover/enterprises/{enterprise.pk}/class/").content.decode()
    assert "once 6 months are accepted (1 so far)" in page
    accepted_months(enterprise, add_months(LAST, -1), [130_000_000] * 5)  # six months: 1.64 billion a year
    classes.assess(enterprise, on=DAY)
    record = current(enterprise, SALES)
    assert record is not None and (record.months_counted, record.business_class) == (6, "mikro")


def test_workers_come_from_the_latest_accepted_report() -> None:
    enterprise = EnterpriseFactory(workers_men=30, workers_women=0, investment=Decimal(0))
    accepted_months(enterprise, LAST, [1], workers_men=4, workers_women=6)
    data = classes.figures(enterprise, DAY)
    assert (data.workers, data.workers_from_report) == (10, True)
    classes.assess(enterprise, on=DAY)
    record = current(enterprise, INDUSTRY)
    assert record is not None and (record.workers, record.business_class) == (10, "kecil")


def test_moving_up_records_a_naik_kelas_event(staff: Any) -> None:
    # Given a micro enterprise
    enterprise = with_sales(BILLION)
    classes.assess(enterprise, actor=staff, on=DAY)
    first = current(enterprise, SALES)
    assert first is not None and first.business_class == "mikro"
    # When a new month lifts its annual sales above Rp 2 billion
    accepted_months(enterprise, datetime.date(2025, 7, 1), [2 * BILLION])
    written = classes.assess(enterprise, actor=staff, on=datetime.date(2025, 8, 5))
    # Then a new record is current and marked as naik kelas, and the move is audited
    record = current(enterprise, SALES)
    assert [r.pk for r in written] == [record.pk] if record else False
    assert record is not None
    assert (record.business_class, record.previous_class, record.moved_up) == ("kecil", "mikro", True)
    first.refresh_from_db()
    assert first.current is False
    event = AuditEvent.objects.get(action="turnover.class.moved_up", object_id=str(record.pk))
    assert event.changes == {"business_class": ["mikro", "kecil"]}
    assert event.actor == staff


def test_an_unchanged_class_writes_nothing_and_a_move_down_is_not_naik_kelas() -> None:
    enterprise = with_sales(3 * BILLION)
    classes.assess(enterprise, on=DAY)
    assert classes.assess(enterprise, on=DAY) == []
    assert ClassRecord.objects.filter(enterprise=enterprise).count() == 2
    # Six poor months (the fewest the sales scheme counts) replace the best one's window: sales fall back to mikro
    accepted_months(enterprise, datetime.date(2026, 6, 1), [100] * 6)
    written = classes.assess(enterprise, on=datetime.date(2026, 7, 1))
    assert [(r.business_class, r.previous_class, r.moved_up) for r in written] == [("mikro", "kecil", False)]


def test_editing_a_threshold_changes_the_next_assessment(staff: Any) -> None:
    # Given a micro enterprise with Rp 1.5 billion a year
    enterprise = with_sales(1_500_000_000)
    classes.assess(enterprise, on=DAY)
    scheme = ClassScheme.objects.get(code=SALES)
    # When staff lower the micro/small line to Rp 1 billion
    rows = [
        {
            "id": c.pk,
            "delete": False,
            **{name: getattr(c, name) for name in classes.CONDITION_FIELDS},
            **(
                {"value": Decimal(BILLION)} if c.business_class in ("mikro", "kecil") and c.value == 2 * BILLION else {}
            ),
        }
        for c in scheme.conditions.all()
    ]
    classes.save_conditions(scheme, rows, actor=staff)
    # Then the change is audited on the scheme, in words, and the next assessment moves the enterprise up
    event = AuditEvent.objects.get(action="turnover.class_scheme.conditions_changed", object_id=str(scheme.pk))
    assert sorted(new for _old, new in event.changes.values()) == [
        "kecil (1): annual sales more than Rp 1,000,000,000",
        "mikro (1): annual sales at most Rp 1,000,000,000",
    ]
    written = classes.assess(enterprise, on=DAY)
    assert [(r.business_class, r.moved_up) for r in written] == [("kecil", True)]


def test_a_scheme_cannot_lose_every_condition(staff: Any) -> None:
    from django.core.exceptions import ValidationError

    scheme = ClassScheme.objects.get(code=SALES)
    before = list(scheme.conditions.values_list("pk", "value"))
    rows = [
        {"id": c.pk, "delete": True, **{n: getattr(c, n) for n in classes.CONDITION_FIELDS}}
        for c in scheme.conditions.all()
    ]
    with pytest.raises(ValidationError) as exc:
        classes.save_conditions(scheme, rows, actor=staff)
    assert exc.value.code == "no_conditions"
    assert list(scheme.conditions.values_list("pk", "value")) == before


def test_assess_all_classes_every_registered_enterprise() -> None:
    a, b = with_sales(BILLION), EnterpriseFactory(status="applicant")
    assert classes.assess_all(on=DAY) >= 2
    assert current(a, SALES) is not None and current(b, INDUSTRY) is None


def test_assess_all_runs_the_same_queries_for_3_or_12_enterprises() -> None:
    """The daily assessment is set-based: a fixed number of queries per batch, whatever the batch holds (here
    enterprises that last reported in different months, some without any accepted report)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def some(count: int) -> list[Any]:
        made = []
        for n in range(count):
            enterprise = EnterpriseFactory()
            if n % 3:
                accepted_months(enterprise, add_months(LAST, -(n % 4)), [BILLION // 4] * (n + 1))
            made.append(enterprise)
        return made

    few = some(3)
    with CaptureQueriesContext(connection) as small:
        first = classes.assess_all(on=DAY)
    many = some(12)
    with CaptureQueriesContext(connection) as large:
        second = classes.assess_all(on=DAY)
    # Then every enterprise got its industry class, and a sales class those with six accepted months or more (the
    # 6th, 8th, 9th, 11th and 12th of the twelve), in the same number of queries
    assert (first, second) == (3, 12 + 5)
    assert len(small) == len(large) <= 12
    assert current(many[-1], SALES) is not None and current(few[0], SALES) is None


def test_assess_all_in_batches_gives_the_same_classes_as_one_by_one() -> None:
    enterprises = [with_sales(total) for total in (BILLION, 3 * BILLION, 20 * BILLION, 60 * BILLION)]
    enterprises.append(EnterpriseFactory(workers_men=25, investment=Decimal(0)))
    assert classes.assess_all(on=DAY, batch=2) == 9
    together = sorted(ClassRecord.objects.values_list("enterprise", "scheme", "business_class", "annual_sales"))
    ClassRecord.objects.all().delete()
    for enterprise in enterprises:
        classes.assess(enterprise, on=DAY)
    alone = sorted(ClassRecord.objects.values_list("enterprise", "scheme", "business_class", "annual_sales"))
    assert together == alone
    # Each enterprise's sales class then its industry class; the last has workers only
    assert [c for _e, _s, c, _a in together] == [
        *("mikro", "kecil"),
        *("kecil", "kecil"),
        *("menengah", "kecil"),
        *("besar", "kecil"),
        "menengah",
    ]


# --- pages ------------------------------------------------------------------------------------------------------
def test_scheme_pages_show_the_conditions_in_words(client: Any, staff: Any) -> None:
    client.force_login(staff)
    page = client.get(reverse("turnover:scheme-list")).content.decode()
    assert "annual sales at most Rp 2,000,000,000" in page
    assert "workers at most 19 and investment below Rp 1,000,000,000" in page
    scheme = ClassScheme.objects.get(code=INDUSTRY)
    detail = client.get(reverse("turnover:scheme-detail", args=[scheme.pk])).content.decode()
    assert "Permenperin 64/M-IND/PER/7/2016" in detail
    assert "workers at least 20 and investment more than Rp 15,000,000,000" in detail


def test_staff_change_a_threshold_through_the_page(client: Any, staff: Any) -> None:
    scheme = ClassScheme.objects.get(code=SALES)
    conditions = list(scheme.conditions.order_by("business_class", "group", "id"))
    data: dict[str, Any] = {
        "conditions-TOTAL_FORMS": str(len(conditions) + 1),
        "conditions-INITIAL_FORMS": str(len(conditions)),
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(conditions):
        data.update(
            {
                f"conditions-{i}-id": str(c.pk),
                **{f"conditions-{i}-{n}": str(getattr(c, n)) for n in classes.CONDITION_FIELDS},
            }
        )
    data[f"conditions-{len(conditions)}-group"] = "1"  # the empty extra row, as the browser sends it
    besar = next(i for i, c in enumerate(conditions) if c.business_class == "besar")
    data[f"conditions-{besar}-value"] = "60000000000"
    client.force_login(staff)
    response = client.post(reverse("turnover:scheme-detail", args=[scheme.pk]), data)
    assert response.status_code == 302
    assert ClassCondition.objects.get(pk=conditions[besar].pk).value == Decimal(60 * BILLION)
    assert ClassCondition.objects.filter(scheme=scheme).count() == len(conditions)  # the empty extra row is ignored


def test_enterprise_class_page_shows_the_classes_and_history(client: Any, artisan: Any, enterprise: Any) -> None:
    accepted_months(enterprise, LAST, [0] * 11 + [BILLION])
    classes.assess(enterprise, on=DAY)
    accepted_months(enterprise, datetime.date(2025, 7, 1), [2 * BILLION])
    classes.assess(enterprise, on=datetime.date(2025, 8, 5))
    client.force_login(artisan)
    page = client.get(reverse("turnover:enterprise-class", args=[enterprise.pk])).content.decode()
    assert "Small (kecil)" in page
    assert "naik kelas" in page
    assert "Re-assess now" not in page


def test_staff_reassess_now_and_an_artisan_may_not(client: Any, staff: Any, artisan: Any, enterprise: Any) -> None:
    url = reverse("turnover:enterprise-class", args=[enterprise.pk])
    client.force_login(artisan)
    assert client.post(url).status_code == 403
    assert not ClassRecord.objects.filter(enterprise=enterprise).exists()
    client.force_login(staff)
    assert client.post(url).status_code == 302
    assert list(ClassRecord.objects.filter(enterprise=enterprise).values_list("scheme__code", flat=True)) == [INDUSTRY]


def test_nobody_sees_another_enterprises_class(client: Any, other_artisan: Any, enterprise: Any) -> None:
    url = reverse("turnover:enterprise-class", args=[enterprise.pk])
    client.force_login(other_artisan)
    assert client.get(url).status_code == 404
    client.force_login(staff_user("sidoarjo", area="35.15"))
    assert client.get(url).status_code == 404
