"""Demo turnover: 24 months of reports for the Maja Bharama Wastra centre's enterprises.

The centre's output was reported rising from 786 to 5,477 pieces a year (press, March 2025). The demo spreads that
rise over the 24 calendar months before today's month, so the dashboard always shows a current two years: a
smooth exponential rise with monthly noise, shared among the enterprises by size, split by the techniques each
makes, sold at a price per piece per technique (batik tulis costs most), with export sales for the two
enterprises that took the export training, and a workforce growing slowly to the 125 people of the registry.

Most months are accepted; in the most recent one a few reports await review, one was returned with a reason and
two enterprises (one of them the demo artisan's) have not reported yet, so the late list and the artisan's
"file last month" button have something to show.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from canting.core.dates import add_months
from canting.core.models import Role, User
from canting.registry.models import Enterprise, EnterpriseStatus
from canting.turnover.models import ReportState, TurnoverReport
from canting.turnover.services import classes, graduations, readiness, totals

MONTHS = 24
FIRST_YEAR_PIECES = 786
LAST_YEAR_PIECES = 5_477
# Rupiah per piece, lowest and highest, by technique: a hand-drawn cloth takes weeks, a stamped one a day.
PRICES = {
    "tulis": (450_000, 1_200_000),
    "kombinasi": (225_000, 450_000),
    "cap": (110_000, 220_000),
    "tiruan": (45_000, 75_000),
}
# How much of an enterprise's output each technique is, before noise: tulis is slow, cap and tiruan fast.
SPEED = {"tulis": 1.0, "kombinasi": 1.6, "cap": 3.0, "tiruan": 4.0}
EXPORTERS = (1, 2)  # the enterprises that took the October 2023 export training (see registry.demo)
LATE = (0, 5)  # no report yet for the most recent month; 0 is the demo artisan's, so "file last month" shows
RETURNED = 1  # the demo artisan perajin2's most recent month, returned with a reason
SUBMITTED = (3, 8, 13, 17, 22)  # most recent month, awaiting review
RETURN_REASON = (
    "Penjualan ekspor sekitar sepuluh kali bulan biasa: mohon dicocokkan lagi dengan fakturnya (kelebihan satu nol?)"
)
GROWN = 0  # the demo artisan's enterprise: invested this year, moved up a class and graduated
# What it had invested before, and after a second workshop with stamps and a dye house (rupiah).
INVESTMENT_BEFORE = Decimal(650_000_000)
INVESTMENT_AFTER = Decimal(1_150_000_000)
GRADUATION_NOTE = (
    "Investasi bengkel cap dan ruang celup baru menaikkan kelas industri; omset naik terus sejak 2025. "
    "Dipantau 12 bulan."
)


@dataclass
class _Profile:
    index: int
    enterprise: Enterprise
    weight: float
    shares: dict[str, float]
    prices: dict[str, int]
    login: User | None


def _curve(rng: random.Random) -> list[float]:
    """Pieces per month for the whole centre: exponential growth with noise, each year scaled to its reported sum."""
    rise = (LAST_YEAR_PIECES / FIRST_YEAR_PIECES) ** (1 / 12)
    raw = [rise**m * rng.uniform(0.9, 1.1) for m in range(MONTHS)]
    curve: list[float] = []
    for year, target in ((raw[:12], FIRST_YEAR_PIECES), (raw[12:], LAST_YEAR_PIECES)):
        scale = target / sum(year)
        curve.extend(value * scale for value in year)
    return curve


def _profile(rng: random.Random, index: int, enterprise: Enterprise, login: User | None) -> _Profile:
    techniques = enterprise.techniques or ["tulis"]
    speeds = {t: SPEED[t] * rng.uniform(0.8, 1.2) for t in techniques}
    total = sum(speeds.values())
    return _Profile(
        index=index,
        enterprise=enterprise,
        weight=enterprise.workers_total * rng.uniform(0.7, 1.3),
        shares={t: speed / total for t, speed in speeds.items()},
        prices={t: rng.randint(*PRICES[t]) // 5_000 * 5_000 for t in techniques},
        login=login,
    )


def _whole(rng: random.Random, value: float) -> int:
    """Round up or down at random in proportion, so that small monthly figures still add up to the curve."""
    return int(value) + (1 if rng.random() < value - int(value) else 0)


def _moment(rng: random.Random, day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(8, 20), rng.randint(0, 59))))
    return min(moment, now)


def _report(
    rng: random.Random, profile: _Profile, month: datetime.date, pieces: float, progress: float, staff: User
) -> TurnoverReport:
    enterprise = profile.enterprise
    counts = {t: _whole(rng, pieces * share) for t, share in profile.shares.items()}
    # Sold this month: around what was made, from stock when sales run ahead.
    sales = sum(counts[t] * profile.prices[t] * rng.uniform(0.8, 1.1) for t in counts)
    sales_rp = Decimal(round(sales / 1_000) * 1_000)
    export = Decimal(0)
    if profile.index in EXPORTERS and progress >= 0.5 and rng.random() < 0.6:
        export = Decimal(round(float(sales_rp) * rng.uniform(0.25, 0.45) / 1_000) * 1_000)
    # The workforce grows from three quarters of the registry's people to all of them.
    workers = max(1, round(enterprise.workers_total * (0.75 + 0.25 * progress)))
    men = round(workers * enterprise.workers_men / max(enterprise.workers_total, 1))
    login = profile.login
    return TurnoverReport(
        enterprise=enterprise,
        month=month,
        domestic_sales=sales_rp - export,
        export_sales=export,
        **{f"pieces_{t}": n for t, n in counts.items()},
        workers_men=men,
        workers_women=workers - men,
        material_costs=Decimal(round(float(sales_rp) * rng.uniform(0.3, 0.45) / 1_000) * 1_000) or None,
        filed_by=login or staff,
        on_behalf=login is None,
    )


def _decide(
    rng: random.Random, report: TurnoverReport, state: str, staff: User, now: datetime.datetime
) -> TurnoverReport:
    next_month = add_months(report.month, 1)
    report.state = state
    report.submitted_at = _moment(rng, next_month + datetime.timedelta(days=rng.randint(0, 9)), now)
    if state in (ReportState.ACCEPTED, ReportState.RETURNED):
        report.decided_at = min(report.submitted_at + datetime.timedelta(days=rng.randint(1, 5)), now)
        report.decided_by = staff
    if state == ReportState.RETURNED:
        report.export_sales = report.export_sales * 10 or Decimal(25_000_000)
        report.return_reason = RETURN_REASON
    return report


def load(rng: random.Random, staff: User) -> None:
    """Write the demo reports (after the registry's demo), rebuild the monthly totals and class the enterprises."""
    now = timezone.now()
    first = add_months(timezone.localdate().replace(day=1), -MONTHS)
    months = [add_months(first, m) for m in range(MONTHS)]
    enterprises = list(Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE, centre__isnull=False).order_by("pk"))
    logins = {u.enterprise_id: u for u in User.objects.filter(role=Role.ARTISAN, enterprise__in=enterprises)}
    profiles = [_profile(rng, i, e, logins.get(e.pk)) for i, e in enumerate(enterprises)]
    curve = _curve(rng)
    reports: list[TurnoverReport] = []
    for m, month in enumerate(months):
        latest = m == MONTHS - 1
        reporting = [p for p in profiles if not (latest and p.index in LATE)]
        weight = sum(p.weight for p in reporting)
        for profile in reporting:
            pieces = curve[m] * profile.weight / weight * rng.uniform(0.85, 1.15)
            report = _report(rng, profile, month, pieces, m / (MONTHS - 1), staff)
            state = ReportState.ACCEPTED
            if latest and profile.index == RETURNED:
                state = ReportState.RETURNED
            elif latest and profile.index in SUBMITTED:
                state = ReportState.SUBMITTED
            reports.append(_decide(rng, report, state, staff, now))
    # Written in bulk, not through the report services: 700 audited transitions would say nothing useful.
    TurnoverReport.objects.bulk_create(reports)
    totals.rebuild()
    _move_up(profiles[GROWN].enterprise, staff, months)


def _move_up(grown: Enterprise, staff: User, months: list[datetime.date]) -> None:
    """Class every enterprise as it stood five months ago; a month later one enterprise's new investment passes
    Rp 1 billion, which moves it from small to medium industry (a "naik kelas" event), and the office graduates it
    a week after. Then every class as it stands today."""
    before, after = months[-5], months[-4]
    Enterprise.objects.filter(pk=grown.pk).update(investment=INVESTMENT_BEFORE)
    classes.assess_all(actor=staff, on=before)
    Enterprise.objects.filter(pk=grown.pk).update(investment=INVESTMENT_AFTER)
    classes.assess_all(actor=staff, on=after)
    graduations.approve(grown, actor=staff, months=12, note=GRADUATION_NOTE, on=after + datetime.timedelta(days=7))
    classes.assess_all(actor=staff)


def score_readiness() -> None:
    """Every demo enterprise's readiness score, stored for the readiness list as the daily task stores it."""
    readiness.refresh_all()
