"""Readiness to move up: each evaluator, the score, bounded queries, the pages and who may see them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models.certifications import Scheme
from canting.certification.tests.factories import CertificationFactory
from canting.core.dates import add_months
from canting.core.models import Area, AuditEvent
from canting.core.testing import staff_user
from canting.registry.models import Enterprise, FacilitationKind, FacilitationStatus
from canting.registry.tests.factories import EnterpriseFactory, FacilitationFactory, MembershipFactory
from canting.training.models import EnrolmentStatus
from canting.training.tests.factories import CertificateFactory, EnrolmentFactory
from canting.turnover import readiness
from canting.turnover.models import Criterion, CriterionKind, ReadinessScore, ReportState, TurnoverReport
from canting.turnover.services import readiness as stored
from canting.turnover.tests import url_roles_progress
from canting.turnover.tests.factories import accepted_months

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 8, 10)  # the last 12 complete months: August 2025 to July 2026


@pytest.fixture(autouse=True)
def _pages_in_english(client: Any, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def criterion(kind: str) -> Criterion:
    return Criterion.objects.get(kind=kind)


def run(kind: str, *enterprises: Enterprise) -> dict[int, readiness.Result]:
    queryset = Enterprise.objects.filter(pk__in=[e.pk for e in enterprises])
    return readiness.EVALUATORS[kind](queryset, criterion(kind), DAY)


def test_the_seeded_criteria_cover_every_kind_and_weigh_100() -> None:
    assert sorted(Criterion.objects.values_list("kind", flat=True)) == sorted(CriterionKind.values)
    assert sum(Criterion.objects.values_list("weight", flat=True)) == 100


def test_legality_needs_nib_npwp_and_kbli_13134() -> None:
    full = EnterpriseFactory(npwp="012345678901234")
    no_npwp = EnterpriseFactory()
    other_kbli = EnterpriseFactory(npwp="012345678901235", kbli_codes=["14111"])
    results = run(CriterionKind.LEGALITY, full, no_npwp, other_kbli)
    assert results[full.pk].met is True
    assert (results[no_npwp.pk].met, results[no_npwp.pk].value) == (False, "missing: NPWP")
    assert (results[other_kbli.pk].met, results[other_kbli.pk].value) == (False, "missing: KBLI 13134")
    assert results[no_npwp.pk].url == reverse("registry:enterprise-edit", args=[no_npwp.pk])


def test_trademark_granted_or_in_process_counts() -> None:
    granted, filed, planned = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    kind = FacilitationKind.TRADEMARK
    FacilitationFactory(enterprise=granted, kind=kind, status=FacilitationStatus.GRANTED, number="IDM000123")
    FacilitationFactory(enterprise=filed, kind=kind, status=FacilitationStatus.IN_PROCESS, number="JID2026")
    FacilitationFactory(enterprise=planned, kind=kind, status=FacilitationStatus.PLANNED)
    results = run(CriterionKind.TRADEMARK, granted, filed, planned)
    assert results[granted.pk] == (
        True,
        "registered, number IDM000123",
        f"/registry/enterprises/{granted.pk}/#facilitations",
    )
    assert results[filed.pk].value == "application in process, number JID2026"
    assert results[planned.pk].met is False


def test_batikmark_and_sni_need_a_valid_certificate() -> None:
    holder, expired, sni_holder = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    held = CertificationFactory(enterprise=holder, number="BM-1", expires_on=datetime.date(2028, 3, 1))
    CertificationFactory(enterprise=expired, expires_on=datetime.date(2026, 8, 9))
    CertificationFactory(enterprise=sni_holder, scheme=Scheme.SNI, number="SNI-7")
    batik = run(CriterionKind.BATIKMARK, holder, expired, sni_holder)
    assert batik[holder.pk] == (
        True,
        "BM-1, valid until 01-03-2028",
        reverse("certification:certification-detail", args=[held.pk]),
    )
    assert (batik[expired.pk].met, batik[sni_holder.pk].met) == (False, False)
    sni = run(CriterionKind.SNI, holder, sni_holder)
    assert (sni[holder.pk].met, sni[sni_holder.pk].met) == (False, True)


def test_certified_workers_count_valid_competency_certificates_of_its_people() -> None:
    enterprise = EnterpriseFactory()
    people = [MembershipFactory(enterprise=enterprise, role="worker").person for _ in range(3)]
    CertificateFactory(person=people[0])
    CertificateFactory(person=people[0])  # the same person twice counts once
    CertificateFactory(person=people[1], expires_on=datetime.date(2026, 1, 1))  # expired
    CertificateFactory(person=people[2], kind="attendance")
    result = run(CriterionKind.CERTIFIED_WORKERS, enterprise)[enterprise.pk]
    assert (result.met, result.value) == (False, "1 person certified")
    CertificateFactory(person=people[2])
    assert run(CriterionKind.CERTIFIED_WORKERS, enterprise)[enterprise.pk].met is True  # target 2


def test_trainings_count_completed_enrolments() -> None:
    enterprise = EnterpriseFactory()
    EnrolmentFactory(enterprise=enterprise, status=EnrolmentStatus.COMPLETED)
    EnrolmentFactory(enterprise=enterprise, status=EnrolmentStatus.REGISTERED)
    assert run(CriterionKind.TRAININGS, enterprise)[enterprise.pk][:2] == (False, "1 training completed")
    EnrolmentFactory(enterprise=enterprise, status=EnrolmentStatus.COMPLETED)
    assert run(CriterionKind.TRAININGS, enterprise)[enterprise.pk][:2] == (True, "2 trainings completed")


def test_turnover_growth_compares_the_last_12_months_with_the_12_before() -> None:
    growing, flat, new = EnterpriseFactory(), EnterpriseFactory(), EnterpriseFactory()
    for enterprise, before, recent in ((growing, 100, 110), (flat, 100, 109)):
        accepted_months(enterprise, datetime.date(2025, 7, 1), [before] * 12)
        accepted_months(enterprise, datetime.date(2026, 7, 1), [recent] * 12)
    accepted_months(new, datetime.date(2026, 7, 1), [50] * 3)
    results = run(CriterionKind.TURNOVER_GROWTH, growing, flat, new)
    assert results[growing.pk][:2] == (True, "+10.0 %")
    assert results[flat.pk][:2] == (False, "+9.0 %")
    assert results[new.pk][:2] == (False, "no accepted sales in the 12 months before")


def test_reporting_counts_filed_months_of_the_last_12() -> None:
    enterprise = EnterpriseFactory()
    accepted_months(enterprise, datetime.date(2026, 6, 1), [1] * 9)
    TurnoverReport.objects.create(enterprise=enterprise, month=datetime.date(2026, 7, 1), state=ReportState.SUBMITTED)
    TurnoverReport.objects.create(enterprise=enterprise, month=datetime.date(2026, 8, 1), state=ReportState.SUBMITTED)
    assert run(CriterionKind.REPORTING, enterprise)[enterprise.pk][:2] == (True, "10 of 12 months")
    TurnoverReport.objects.filter(enterprise=enterprise, month=datetime.date(2026, 7, 1)).update(state="draft")
    assert run(CriterionKind.REPORTING, enterprise)[enterprise.pk][:2] == (False, "9 of 12 months")


def test_online_presence_counts_published_products() -> None:
    enterprise = EnterpriseFactory()
    ProductFactory.create_batch(2, enterprise=enterprise)
    ProductFactory(enterprise=enterprise, status="draft")
    assert run(CriterionKind.ONLINE, enterprise)[enterprise.pk][:2] == (False, "2 products published")
    ProductFactory(enterprise=enterprise)
    assert run(CriterionKind.ONLINE, enterprise)[enterprise.pk].met is True


def test_export_readiness_is_answered_by_the_export_desk() -> None:
    # The export desk registers its checklist (canting/trade/readiness.py) in place of the placeholder.
    from canting.trade.readiness import export_readiness_criterion

    assert readiness.EVALUATORS[CriterionKind.EXPORT_READINESS] is export_readiness_criterion
    enterprise = EnterpriseFactory(npwp="012345678901234")
    assert run(CriterionKind.EXPORT_READINESS, enterprise)[enterprise.pk] == (
        False,
        "1 of 6 export requirements met",
        reverse("trade:readiness", args=[enterprise.pk]),
    )


def test_score_is_the_weight_met_over_the_active_weight() -> None:
    # Given legality (15) met and certified workers (10) not, with exhibitions switched off
    enterprise = EnterpriseFactory(npwp="012345678901234")
    Criterion.objects.filter(kind=CriterionKind.EXHIBITIONS).update(active=False)
    assessment = readiness.evaluate_one(enterprise, on=DAY)
    # Then 15 of 95 = 15.8 -> 16
    assert [line.criterion.kind for line in assessment.lines if line.result.met] == [CriterionKind.LEGALITY]
    assert assessment.score == 16
    assert len(assessment.lines) == 10


def test_evaluation_runs_the_same_queries_for_3_or_12_enterprises() -> None:
    # Each refresh finds scores to write (new enterprises) and scores to confirm (unchanged since the last one)
    few = [EnterpriseFactory()]
    stored.refresh_all()
    few += [EnterpriseFactory() for _ in range(2)]
    with CaptureQueriesContext(connection) as small:
        readiness.evaluate(Enterprise.objects.filter(pk__in=[e.pk for e in few]), on=DAY)
    many = few + [EnterpriseFactory() for _ in range(9)]
    with CaptureQueriesContext(connection) as large:
        readiness.evaluate(Enterprise.objects.filter(pk__in=[e.pk for e in many]), on=DAY)
    assert len(small) == len(large) <= 25


# --- pages ------------------------------------------------------------------------------------------------------
def test_readiness_list_sorts_by_score_and_pins_its_queries(
    client: Any, staff: Any, django_assert_max_num_queries: Any
) -> None:
    best = EnterpriseFactory(name="Batik Terbaik", npwp="012345678901234")
    ProductFactory.create_batch(3, enterprise=best)
    for _ in range(6):
        EnterpriseFactory()
    elsewhere = Area.objects.filter(code__startswith="35.15.", level=4).order_by("code").first()
    assert elsewhere is not None
    EnterpriseFactory(village_id=elsewhere.code)  # another region: not in Rina's list
    stored.refresh_all()
    client.force_login(staff)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("turnover:readiness-list"))
    rows = response.context["object_list"]
    assert rows[0].enterprise == best
    assert rows[0].score == 20  # legality 15 + online 5
    assert len(rows) == 7
    ascending = client.get(reverse("turnover:readiness-list"), {"sort": "score"}).context["object_list"]
    assert ascending[-1].enterprise == best
    only_best = client.get(reverse("turnover:readiness-list"), {"min_score": "20"}).context["object_list"]
    assert [r.enterprise for r in only_best] == [best]


def test_readiness_list_filters_by_the_start_of_a_village_code(client: Any, staff: Any) -> None:
    """The village filter answered 500 for any value: a village is a reference, and its code is matched through it."""
    from canting.core.testing import OTHER_VILLAGE, VILLAGE

    here = EnterpriseFactory(name="Batik Magersari", village_id=VILLAGE)
    EnterpriseFactory(name="Batik Kranggan", village_id=OTHER_VILLAGE)
    client.force_login(staff)

    response = client.get(reverse("turnover:readiness-list"), {"village": VILLAGE.rsplit(".", 1)[0]})

    assert response.status_code == 200
    assert [row.enterprise for row in response.context["object_list"]] == [here]


def test_readiness_list_exports_xlsx(client: Any, staff: Any) -> None:
    import io

    from openpyxl import load_workbook

    EnterpriseFactory(name="Batik Ekspor")
    stored.refresh_all()
    client.force_login(staff)
    response = client.get(reverse("turnover:readiness-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Enterprise", "Village", "Score")
    assert rows[1][0] == "Batik Ekspor" and rows[1][2] == 0


def test_staff_of_another_area_do_not_see_the_enterprise(client: Any, enterprise: Any) -> None:
    client.force_login(staff_user("sidoarjo", area="35.15"))
    assert client.get(reverse("turnover:enterprise-readiness", args=[enterprise.pk])).status_code == 404
    page = client.get(reverse("turnover:readiness-list"))
    assert page.context["object_list"] == []


def test_artisan_sees_own_readiness_only(client: Any, artisan: Any, enterprise: Any, other_enterprise: Any) -> None:
    client.force_login(artisan)
    page = client.get(reverse("turnover:enterprise-readiness", args=[enterprise.pk]))
    assert page.status_code == 200
    assert 'data-criterion="exhibitions" data-met="no"' in page.content.decode()
    assert "Approve the graduation" not in page.content.decode()
    assert client.get(reverse("turnover:enterprise-readiness", args=[other_enterprise.pk])).status_code == 404


def test_staff_edit_a_criterion_and_it_is_audited(client: Any, staff: Any) -> None:
    target = criterion(CriterionKind.REPORTING)
    url = reverse("turnover:criterion-edit", args=[target.pk])
    client.force_login(staff)
    data = {
        "name_ind": "Pelaporan",
        "name_en": "Reporting",
        "weight": "12",
        "target": "11",
        "position": "5",
        "active": "on",
    }
    assert client.post(url, {**data, "weight": "0"}).status_code == 200  # refused: weight at least 1
    target.refresh_from_db()
    assert (target.weight, target.target) == (10, Decimal(10))
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert (target.weight, target.target, target.name_en) == (12, Decimal(11), "Reporting")
    event = AuditEvent.objects.get(action="turnover.criterion.changed", object_id=str(target.pk))
    assert event.changes["weight"] == [10, 12]


# --- stored scores ----------------------------------------------------------------------------------------------
def test_stored_scores_are_refreshed_in_the_same_queries_for_3_or_12_enterprises() -> None:
    # Each refresh finds scores to write (new enterprises) and scores to confirm (unchanged since the last one)
    few = [EnterpriseFactory()]
    stored.refresh_all()
    few += [EnterpriseFactory() for _ in range(2)]
    with CaptureQueriesContext(connection) as small:
        assert stored.refresh_all() == 3
    [EnterpriseFactory() for _ in range(9)]
    with CaptureQueriesContext(connection) as large:
        assert stored.refresh_all() == 12
    assert len(small) == len(large) <= 35
    score = ReadinessScore.objects.get(enterprise=few[0])
    assert (score.score, score.stale) == (0, False)
    assert [item["code"] for item in score.items] == [c.code for c in readiness.active_criteria()]


def test_a_stored_score_holds_each_criterions_result_and_proof() -> None:
    enterprise = EnterpriseFactory(npwp="012345678901234")
    stored.refresh([enterprise.pk])
    score = ReadinessScore.objects.get(enterprise=enterprise)
    live = readiness.evaluate_one(enterprise)
    assert score.score == live.score == 15
    assert score.items == [
        {"code": line.criterion.code, "met": line.result.met, "value": line.result.value, "url": line.result.url}
        for line in live.lines
    ]
    assert score.items[0]["url"] == reverse("registry:enterprise-detail", args=[enterprise.pk])


def test_the_list_says_which_scores_are_not_computed_or_await_a_refresh(client: Any, staff: Any) -> None:
    # Given one enterprise scored, one whose score awaits a refresh and one registered after the last refresh
    scored = EnterpriseFactory(name="Batik Dihitung", npwp="012345678901234")
    waiting = EnterpriseFactory(name="Batik Menunggu")
    stored.refresh_all()
    stored.mark_stale([waiting.pk])
    new = EnterpriseFactory(name="Batik Baru")
    client.force_login(staff)
    # When the officer opens the list, sorted either way
    page = client.get(reverse("turnover:readiness-list"))
    ascending = client.get(reverse("turnover:readiness-list"), {"sort": "score"}).context["object_list"]
    at_least = client.get(reverse("turnover:readiness-list"), {"min_score": "0"}).context["object_list"]
    # Then the one never computed shows no number and comes last, and a minimum score leaves it out
    rows = page.context["object_list"]
    assert [(r.enterprise, r.score) for r in rows] == [(scored, 15), (waiting, 0), (new, None)]
    assert [r.enterprise for r in ascending] == [waiting, scored, new]
    assert [r.enterprise for r in at_least] == [scored, waiting]
    html = page.content.decode()
    assert page.context["waiting"] == 2
    assert "2 scores await their refresh" in html
    assert html.count("awaiting refresh</span>") == 1 and "not computed yet" in html


def test_the_list_runs_the_same_queries_for_3_or_12_enterprises(client: Any, staff: Any) -> None:
    for _ in range(3):
        EnterpriseFactory()
    stored.refresh_all()
    client.force_login(staff)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("turnover:readiness-list"))
    for _ in range(9):
        EnterpriseFactory()
    stored.refresh_all()
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("turnover:readiness-list"))
    assert len(response.context["object_list"]) == 12
    assert len(small) == len(large)


def test_a_submitted_report_refreshes_the_score_once_committed(
    django_capture_on_commit_callbacks: Any, artisan: Any, enterprise: Any
) -> None:
    from canting.turnover.services import reports

    stored.refresh_all()
    before = ReadinessScore.objects.get(enterprise=enterprise)
    month = add_months(timezone.localdate().replace(day=1), -1)
    report = TurnoverReport.objects.create(enterprise=enterprise, month=month, state=ReportState.DRAFT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reports.submit_report(report, actor=artisan)
    assert ReadinessScore.objects.get(enterprise=enterprise).stale is True  # until the refresh has run
    for callback in callbacks:
        callback()
    after = ReadinessScore.objects.get(enterprise=enterprise)
    reporting = next(item for item in after.items if item["code"] == criterion(CriterionKind.REPORTING).code)
    assert (after.stale, reporting["value"]) == (False, "1 of 12 months")
    assert after.computed_at > before.computed_at


def test_changing_a_criterion_marks_every_score_stale_and_refreshes_them(
    django_capture_on_commit_callbacks: Any, staff: Any
) -> None:
    from canting.turnover.services import graduations

    enterprises = [EnterpriseFactory(npwp="012345678901234") for _ in range(2)]
    stored.refresh_all()
    legality = criterion(CriterionKind.LEGALITY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        graduations.save_criterion(legality, {"weight": 35}, actor=staff)
    assert ReadinessScore.objects.filter(stale=True).count() == 2
    for callback in callbacks:
        callback()
    # 35 of 120 = 29.2 -> 29
    assert [ReadinessScore.objects.get(enterprise=e).score for e in enterprises] == [29, 29]
    assert not ReadinessScore.objects.filter(stale=True).exists()


def test_the_export_says_when_each_score_was_computed(client: Any, staff: Any) -> None:
    import io

    from openpyxl import load_workbook

    EnterpriseFactory(name="Batik Ekspor")
    stored.refresh_all()
    EnterpriseFactory(name="Batik Belum")
    client.force_login(staff)
    sheet = load_workbook(io.BytesIO(client.get(reverse("turnover:readiness-list"), {"format": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2:] == ("Score", "Class (PP 7/2021)", "Class (industry)", "Missing", "Score computed at")
    assert rows[1][0] == "Batik Ekspor" and rows[1][6].startswith(timezone.localdate().isoformat())
    assert rows[2][0] == "Batik Belum" and (rows[2][2], rows[2][6]) == (None, "not computed yet")


def test_each_role_gets_the_expected_answer(
    client: Any, staff: Any, artisan: Any, other_artisan: Any, assessor: Any, enterprise: Any
) -> None:
    samples = url_roles_progress.samples(staff, artisan, assessor, enterprise)
    users = (staff, artisan, other_artisan, assessor, None)
    for name, expected in url_roles_progress.EXPECTED.items():
        target = samples[url_roles_progress.TARGETS[name]] if name in url_roles_progress.TARGETS else enterprise
        url = reverse(name, args=[target.pk]) if "<int:pk>" in _route(name) else reverse(name)
        answers = []
        for user in users:
            client.logout()
            if user is not None:
                client.force_login(user)
            answers.append(client.get(url).status_code)
        assert tuple(answers) == expected, name


def _route(name: str) -> str:
    from django.urls import get_resolver

    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            if getattr(pattern, "namespace", None) == "turnover" and inner.name == name.split(":")[1]:
                return str(inner.pattern)
    raise LookupError(name)
