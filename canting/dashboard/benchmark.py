"""The dashboard at national scale: a hand-written SQL twin of ``kpis`` and a synthetic national dataset.

``hand_kpis`` computes every KPI of ``canting.dashboard.selectors.kpis`` in plain SQL over the raw tables (the
reports themselves, not the ``MonthlyTotal`` summary; no ORM), so a test can hold the dashboard to an independent
computation and the benchmark can time the two side by side. The SQL is portable (SQLite and PostgreSQL): dates
and booleans are parameters, places are ``LIKE 'prefix%'`` on the village code. Each count and sum comes from SQL;
the two percentages are then ``part * 100 / whole`` rounded half up to one place in Python, because SQLite's ROUND
works on binary floats and would round some halves the other way.

``generate`` fills the database with centres in real cities, enterprises clustered in a few villages around each
centre, ``months`` monthly reports per enterprise, current business classes and certifications, using
PostgreSQL's COPY where it can and batched INSERTs elsewhere; ``remove`` takes all of it out again.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from canting.core.dates import add_months
from canting.core.models import Area, AreaLevel
from canting.dashboard.selectors import Scope
from canting.registry.models import Centre, Enterprise
from canting.turnover.models import ClassScheme

TECHNIQUES = ("tulis", "cap", "kombinasi", "tiruan")
# The marker the synthetic centres carry, by which ``remove`` finds everything generated.
MARK = "canting benchmark_dashboard (synthetic)"
BENCH_SCHEMES = ("bench-sales", "bench-industry")

# ---------------------------------------------------------------------------------------------------------------
# The hand-written SQL


def _place(scope: Scope, alias: str = "e") -> tuple[str, list[Any]]:
    """The WHERE fragment keeping enterprises (table alias ``alias``) in the scope's area and centre."""
    sql, params = "", list[Any]()
    if scope.area:
        sql += f" AND {alias}.village_id LIKE %s"
        params.append(scope.area + "%")
    if scope.centre_id is not None:
        sql += f" AND {alias}.centre_id = %s"
        params.append(scope.centre_id)
    return sql, params


def _one(connection: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return tuple(cursor.fetchone())


def _all(connection: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return [tuple(row) for row in cursor.fetchall()]


def _rupiah(value: Any) -> Decimal:
    # SQLite hands sums of whole rupiah back as int (or float for very large sums); PostgreSQL as Decimal.
    return Decimal(int(value or 0))


def _pct(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


TURNOVER_SQL = """
SELECT
  SUM(CASE WHEN r.month = %s THEN r.domestic_sales + r.export_sales ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.domestic_sales + r.export_sales ELSE 0 END),
  SUM(CASE WHEN r.month <= %s THEN r.domestic_sales + r.export_sales ELSE 0 END),
  SUM(CASE WHEN r.month = %s THEN r.export_sales ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.export_sales ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.pieces_tulis ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.pieces_cap ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.pieces_kombinasi ELSE 0 END),
  SUM(CASE WHEN r.month >= %s THEN r.pieces_tiruan ELSE 0 END),
  SUM(CASE WHEN r.month = %s THEN r.workers_men ELSE 0 END),
  SUM(CASE WHEN r.month = %s THEN r.workers_women ELSE 0 END)
FROM turnover_turnoverreport r
JOIN registry_enterprise e ON e.id = r.enterprise_id
WHERE r.state = 'accepted'
  AND ((r.month >= %s AND r.month <= %s) OR (r.month >= %s AND r.month <= %s)){place}
"""

COMPLIANCE_SQL = """
SELECT COUNT(*), COUNT(f.enterprise_id)
FROM registry_enterprise e
LEFT JOIN (
  SELECT DISTINCT enterprise_id FROM turnover_turnoverreport
  WHERE month = %s AND state IN ('submitted', 'accepted')
) f ON f.enterprise_id = e.id
WHERE e.status = 'active' AND e.created_at < %s{place}
"""

CLASSES_SQL = """
SELECT s.code, c.business_class, COUNT(*)
FROM turnover_classrecord c
JOIN turnover_classscheme s ON s.id = c.scheme_id
JOIN registry_enterprise e ON e.id = c.enterprise_id
WHERE c."current" = %s{place}
GROUP BY s.code, c.business_class
"""

MOVES_SQL = """
SELECT COUNT(*)
FROM turnover_classrecord c
JOIN registry_enterprise e ON e.id = c.enterprise_id
WHERE c.moved_up = %s AND c.assessed_on >= %s AND c.assessed_on <= %s{place}
"""

HOLDERS_SQL = """
SELECT
  COUNT(DISTINCT CASE WHEN c.scheme LIKE 'batikmark%%' THEN c.enterprise_id END),
  COUNT(DISTINCT CASE WHEN c.scheme = 'sni' THEN c.enterprise_id END)
FROM certification_certification c
JOIN registry_enterprise e ON e.id = c.enterprise_id
WHERE c.status = 'active' AND c.issued_on <= %s AND c.expires_on >= %s{place}
"""

TRAINED_SQL = """
SELECT COUNT(DISTINCT n.person_id)
FROM training_enrolment n
JOIN training_trainingsession s ON s.id = n.session_id
JOIN registry_enterprise e ON e.id = n.enterprise_id
WHERE n.status IN ('attended', 'completed') AND s.ends_on >= %s AND s.ends_on <= %s{place}
"""

# A holder counts for the place of any enterprise they are a member of (the dashboard's documented rule).
CERTIFIED_SQL = """
SELECT COUNT(DISTINCT c.person_id)
FROM training_certificate c
WHERE c.kind = 'competency' AND c.status <> 'revoked' AND c.issued_on >= %s AND c.issued_on <= %s
  AND EXISTS (
    SELECT 1 FROM registry_membership m JOIN registry_enterprise e ON e.id = m.enterprise_id
    WHERE m.person_id = c.person_id{place}
  )
"""


def hand_kpis(connection: BaseDatabaseWrapper, scope: Scope) -> dict[str, Any]:
    """Every KPI of ``kpis(scope)`` (no user limit), computed in hand-written SQL over the raw tables."""
    month = datetime.date(scope.year, scope.month, 1)
    month_end = add_months(month, 1) - datetime.timedelta(days=1)
    year_start = datetime.date(scope.year, 1, 1)
    previous_start, previous_end = datetime.date(scope.year - 1, 1, 1), datetime.date(scope.year - 1, scope.month, 1)
    place, place_params = _place(scope)
    where = [year_start, month, previous_start, previous_end]  # the two periods compared

    row = _one(
        connection,
        TURNOVER_SQL.format(place=place),
        [month, year_start, previous_end, month, *([year_start] * 5), month, month, *where, *place_params],
    )
    ytd, previous = _rupiah(row[1]), _rupiah(row[2])
    pieces = {technique: int(row[5 + i] or 0) for i, technique in enumerate(TECHNIQUES)}
    # Enterprises registered after the month owe no report for it.
    registered_before = timezone.make_aware(datetime.datetime.combine(add_months(month, 1), datetime.time()))
    registered = connection.ops.adapt_datetimefield_value(registered_before)
    due, filed = _one(connection, COMPLIANCE_SQL.format(place=place), [month, registered, *place_params])
    by_class: dict[str, dict[str, int]] = {}
    for scheme, business_class, n in _all(connection, CLASSES_SQL.format(place=place), [True, *place_params]):
        by_class.setdefault(scheme, {})[business_class] = int(n)
    (moves,) = _one(connection, MOVES_SQL.format(place=place), [True, year_start, month_end, *place_params])
    batikmark, sni = _one(connection, HOLDERS_SQL.format(place=place), [month_end, month_end, *place_params])
    (trained,) = _one(connection, TRAINED_SQL.format(place=place), [year_start, month_end, *place_params])
    (certified,) = _one(connection, CERTIFIED_SQL.format(place=place), [year_start, month_end, *place_params])
    return {
        "turnover_month": _rupiah(row[0]),
        "turnover_ytd": ytd,
        "turnover_ytd_previous": previous,
        # Years before the first report: the growth's base is zero, which has no percentage.
        "turnover_growth_pct": _pct(ytd - previous, previous),
        "export_month": _rupiah(row[3]),
        "export_ytd": _rupiah(row[4]),
        "pieces_ytd": sum(pieces.values()),
        "pieces_by_technique_ytd": pieces,
        "workers_men": int(row[9] or 0),
        "workers_women": int(row[10] or 0),
        "reports_due": int(due),
        "reports_filed": int(filed),
        "compliance_pct": _pct(int(filed), int(due)),
        "enterprises_by_class": by_class,
        "class_moves_ytd": int(moves),
        "batikmark_holders": int(batikmark),
        "sni_holders": int(sni),
        "people_trained_ytd": int(trained),
        "people_certified_ytd": int(certified),
    }


# The drill-downs of turnover, export, pieces and workers: each enterprise's part, from the reports themselves.
DRILL_SQL = """
SELECT r.enterprise_id, SUM({figure})
FROM turnover_turnoverreport r
JOIN registry_enterprise e ON e.id = r.enterprise_id
WHERE r.state = 'accepted' AND r.month >= %s AND r.month <= %s{place}
GROUP BY r.enterprise_id
HAVING SUM({figure}) > 0
"""
SALES = "r.domestic_sales + r.export_sales"
PIECES = "r.pieces_tulis + r.pieces_cap + r.pieces_kombinasi + r.pieces_tiruan"
# slug -> (figure summed, period: "month", "ytd" or "previous")
HAND_DRILLS = {
    "turnover-month": (SALES, "month"),
    "turnover-ytd": (SALES, "ytd"),
    "turnover-previous": (SALES, "previous"),
    "export-month": ("r.export_sales", "month"),
    "export-ytd": ("r.export_sales", "ytd"),
    "pieces": (PIECES, "ytd"),
    "workers": ("r.workers_men + r.workers_women", "month"),
}


def hand_drill(connection: BaseDatabaseWrapper, slug: str, scope: Scope) -> dict[int, Decimal]:
    """Each enterprise's part of a figure drill-down (``HAND_DRILLS``), summed in hand-written SQL from the reports."""
    figure, period = HAND_DRILLS[slug]
    month = datetime.date(scope.year, scope.month, 1)
    first, last = {
        "month": (month, month),
        "ytd": (datetime.date(scope.year, 1, 1), month),
        "previous": (datetime.date(scope.year - 1, 1, 1), datetime.date(scope.year - 1, scope.month, 1)),
    }[period]
    place, place_params = _place(scope)
    rows = _all(connection, DRILL_SQL.format(figure=figure, place=place), [first, last, *place_params])
    return {int(enterprise): Decimal(int(part)) for enterprise, part in rows}


# ---------------------------------------------------------------------------------------------------------------
# The synthetic national dataset

Say = Callable[[str], None]
# Provinces with batik centres (Central Java, East Java, DIY, Jambi first; ministry of industry): cities are drawn
# from these, then from anywhere else loaded.
BATIK_PROVINCES = ("33", "35", "34", "15", "32", "36", "31", "51", "12", "16", "63", "52")
CITY = "35.76"  # Kota Mojokerto: always among the cities, so the single-city view is the first user's


def _batches(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 20_000) -> int:
    """Write many rows fast: PostgreSQL's COPY through psycopg, batched INSERTs elsewhere. Returns the count."""
    connection = default_connection
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        adapt = connection.ops.adapt_datetimefield_value
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608 -- our names
        for chunk in _batches(rows, batch):
            cursor.executemany(
                sql, [[adapt(v) if isinstance(v, datetime.datetime) else v for v in row] for row in chunk]
            )
            written += len(chunk)
    return written


def _reset_sequences(*models: Any) -> None:
    with default_connection.cursor() as cursor:
        for sql in default_connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _cities(count: int, rng: random.Random) -> list[str]:
    """``count`` regencies and cities that have villages loaded, Kota Mojokerto first."""
    with_villages = set(
        Area.objects.filter(level=AreaLevel.DISTRICT).values_list("parent_id", flat=True).distinct()
    ) & set(Area.objects.filter(level=AreaLevel.REGENCY).values_list("code", flat=True))
    preferred = sorted(c for c in with_villages if c.split(".")[0] in BATIK_PROVINCES and c != CITY)
    others = sorted(with_villages - set(preferred) - {CITY})
    rng.shuffle(preferred)
    rng.shuffle(others)
    cities = ([CITY] if CITY in with_villages else []) + preferred + others
    if not cities:
        raise RuntimeError("no regency or city with villages is loaded: run `canting loadareas` first")
    return cities[:count]


def _villages(cities: list[str]) -> dict[str, list[str]]:
    villages: dict[str, list[str]] = {city: [] for city in cities}
    for code in Area.objects.filter(level=AreaLevel.VILLAGE).values_list("code", flat=True).order_by("code"):
        city = code[:5]
        if city in villages:
            villages[city].append(code)
    return villages


Placed = list[tuple[Centre, list[str]]]


def _centres(cities: list[str], count: int, rng: random.Random) -> Placed:
    """``count`` centres over the cities, each with the few neighbouring villages its enterprises live in."""
    villages = _villages(cities)
    centres, clusters = [], []
    for n in range(count):
        city = cities[n % len(cities)]
        # A sentra is a cluster: its enterprises live in a handful of neighbouring villages.
        start = rng.randrange(len(villages[city]))
        cluster = villages[city][start : start + rng.randint(4, 12)] or villages[city][:1]
        centres.append(
            Centre(
                name=f"Sentra IKM Batik sintetis {n + 1:03d}",
                address="Jl. Benchmark",
                village_id=cluster[0],
                managing_office=MARK,
            )
        )
        clusters.append(cluster)
    return list(zip(Centre.objects.bulk_create(centres), clusters, strict=True))


ENTERPRISE_COLUMNS = (
    "id", "created_at", "updated_at", "name", "brand", "nib", "npwp", "kbli_codes", "legal_form", "year_founded",
    "address", "technique_tulis", "technique_cap", "technique_kombinasi", "technique_tiruan", "monthly_capacity",
    "workers_men", "workers_women", "investment", "status", "centre_id", "village_id", "contact_email",
    "contact_phone",
)  # fmt: skip
REPORT_COLUMNS = (
    "created_at", "updated_at", "enterprise_id", "month", "state", "domestic_sales", "export_sales", "pieces_tulis",
    "pieces_cap", "pieces_kombinasi", "pieces_tiruan", "workers_men", "workers_women", "notes", "return_reason",
    "on_behalf", "submitted_at", "decided_at",
)  # fmt: skip
PRICE = {"tulis": 600_000, "cap": 150_000, "kombinasi": 300_000, "tiruan": 60_000}
UP = {"mikro": "kecil", "kecil": "menengah"}
TECHNIQUE_MIXES = (("tulis",), ("cap",), ("tulis", "cap"), ("kombinasi",), ("cap", "tiruan"), ("tulis", "kombinasi"))


class _Firm:
    """What the generator needs to know of one synthetic enterprise to write its months."""

    __slots__ = ("exporter", "growth", "id", "men", "pieces", "prices", "shares", "women")

    def __init__(self, pk: int, rng: random.Random) -> None:
        techniques = rng.choice(TECHNIQUE_MIXES)
        self.id = pk
        self.pieces = rng.choice((4, 8, 12, 20, 30, 50, 80, 150)) * rng.uniform(0.7, 1.3)
        self.growth = rng.uniform(-0.002, 0.025)
        share = 1 / len(techniques)
        self.shares = [(f"pieces_{t}", share) if t in techniques else (f"pieces_{t}", 0.0) for t in TECHNIQUES]
        self.prices = {f"pieces_{t}": PRICE[t] * rng.uniform(0.7, 1.5) for t in TECHNIQUES}
        self.exporter = rng.random() < 0.08
        workers = max(1, int(self.pieces / 6) + rng.randint(0, 4))
        self.men = round(workers * rng.uniform(0.1, 0.5))
        self.women = workers - self.men


def _enterprise_rows(
    firms: list[_Firm], centres: Placed, rng: random.Random, now: datetime.datetime
) -> Iterator[tuple[Any, ...]]:
    per_centre = -(-len(firms) // len(centres))
    for n, firm in enumerate(firms):
        centre, cluster = centres[n // per_centre]
        flags = [share > 0 for _, share in firm.shares]
        yield (
            firm.id, now, now, f"Batik Sintetis {firm.id}", "", None, "", '["13134"]', "perorangan",
            rng.randint(1970, 2023), "Jl. Benchmark", *flags, int(firm.pieces * 1.5), firm.men, firm.women,
            rng.randint(5, 400) * 1_000_000, "active" if rng.random() < 0.95 else "inactive", centre.pk,
            rng.choice(cluster), "", "",
        )  # fmt: skip


def _report_rows(
    firms: list[_Firm], months: list[datetime.date], rng: random.Random, now: datetime.datetime, say: Say
) -> Iterator[tuple[Any, ...]]:
    """Every firm's months: accepted mostly; the last month still being filed and reviewed."""
    moments = {}
    for month in months:
        after = timezone.make_aware(datetime.datetime.combine(add_months(month, 1), datetime.time(10)))
        moments[month] = (min(after + datetime.timedelta(days=5), now), min(after + datetime.timedelta(days=9), now))
    last = months[-1]
    random_ = rng.random
    for done, firm in enumerate(firms, 1):
        for m, month in enumerate(months):
            draw = random_()
            if month == last:
                state = "accepted" if draw < 0.6 else "submitted" if draw < 0.85 else "draft"
            else:
                state = "accepted" if draw < 0.97 else "returned" if draw < 0.98 else "submitted"
            made = firm.pieces * (1 + firm.growth) ** m * (0.8 + 0.4 * random_())
            counts = [(field, int(made * share + random_())) for field, share in firm.shares]
            sales = int(sum(n * firm.prices[field] for field, n in counts) * (0.85 + 0.25 * random_()) / 1000) * 1000
            export = int(sales * 0.3 / 1000) * 1000 if firm.exporter and draw < 0.5 else 0
            submitted, decided = moments[month]
            yield (
                now, now, firm.id, month, state, sales - export, export, *(n for _, n in counts), firm.men,
                firm.women, "", "please check the sales" if state == "returned" else "", False,
                None if state == "draft" else submitted, decided if state in ("accepted", "returned") else None,
            )  # fmt: skip
        if done % 5_000 == 0:
            say(f"  reports of {done:,} enterprises written")


def _schemes(now: datetime.datetime) -> list[ClassScheme]:
    schemes = list(ClassScheme.objects.filter(active=True).order_by("code"))
    if schemes:
        return schemes
    # No scheme seeded in this database: two stand-ins carry the synthetic classes, removed with the rest.
    return [
        ClassScheme.objects.create(
            code=code, name=code, basis=basis, regulation="benchmark", effective_from=datetime.date(2021, 2, 2)
        )
        for code, basis in zip(BENCH_SCHEMES, ("sales", "industry"), strict=True)
    ]


def _class_rows(
    firms: list[_Firm], schemes: list[ClassScheme], last: datetime.date, rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    """A current class per firm and scheme; about 4 % moved up this year (with their previous record)."""
    year_start = last.replace(month=1)
    for firm in firms:
        annual = firm.pieces * 12 * 300_000
        for scheme in schemes:
            business_class = "kecil" if annual > 2_000_000_000 or scheme.basis == "industry" else "mikro"
            if rng.random() < 0.04:
                day = year_start + datetime.timedelta(days=rng.randint(0, (last - year_start).days))
                moved_to = UP[business_class]
                yield (firm.id, scheme.pk, business_class, "", False, False, day.replace(year=day.year - 2), 12)
                yield (firm.id, scheme.pk, moved_to, business_class, True, True, day, 12)
            else:
                yield (firm.id, scheme.pk, business_class, "", False, True, last, 12)


def _certification_rows(firms: list[_Firm], rng: random.Random, now: datetime.datetime) -> Iterator[tuple[Any, ...]]:
    today = now.date()
    for firm in firms:
        draw = rng.random()
        schemes = ["batikmark_tulis"] if draw < 0.25 else []
        if draw < 0.02:
            schemes.append("sni")
        for scheme in schemes:
            issued = today - datetime.timedelta(days=rng.randint(0, 1400))
            expires = issued.replace(year=issued.year + 3) if issued.month != 2 else issued + datetime.timedelta(1095)
            yield (
                now,
                now,
                scheme,
                "",
                f"BENCH-{firm.id}",
                "benchmark",
                issued,
                expires,
                "active",
                "",
                "",
                "",
                firm.id,
            )


@transaction.atomic
def generate(
    *, enterprises: int, centres: int, months: int, seed: int, say: Say, today: datetime.date | None = None
) -> dict[str, Any]:
    """Write the synthetic dataset; returns what the timings need (the last month, the city)."""
    rng = random.Random(seed)
    now = timezone.now()
    today = today or timezone.localdate()
    last = add_months(today.replace(day=1), -1)
    month_list = [add_months(last, -n) for n in range(months - 1, -1, -1)]
    cities = _cities(centres, rng)
    made_centres = _centres(cities, centres, rng)
    say(f"{len(made_centres):,} centres in {len(cities):,} cities")
    base = (Enterprise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    firms = [_Firm(base + n, rng) for n in range(enterprises)]
    insert_rows("registry_enterprise", ENTERPRISE_COLUMNS, _enterprise_rows(firms, made_centres, rng, now))
    _reset_sequences(Enterprise)
    say(f"{enterprises:,} enterprises")
    n = insert_rows("turnover_turnoverreport", REPORT_COLUMNS, _report_rows(firms, month_list, rng, now, say))
    say(f"{n:,} reports over {months} months ({month_list[0]:%Y-%m} to {last:%Y-%m})")
    columns: tuple[str, ...] = ("enterprise_id", "scheme_id", "business_class", "previous_class", "moved_up")
    columns += ("current", "assessed_on", "months_counted")
    n = insert_rows("turnover_classrecord", columns, _class_rows(firms, _schemes(now), last, rng))
    say(f"{n:,} class records")
    columns = ("created_at", "updated_at", "scheme", "title", "number", "issuer", "issued_on", "expires_on", "status")
    columns += ("status_reason", "document", "notes", "enterprise_id")
    n = insert_rows("certification_certification", columns, _certification_rows(firms, rng, now))
    say(f"{n:,} certifications")
    return {"last": last, "city": CITY if CITY in cities else cities[0]}


def analyze() -> None:
    """Refresh the planner's statistics; on PostgreSQL also the visibility map, which lets the month's reports be
    counted from their index alone (autovacuum would get there later, but the timings are taken now)."""
    with default_connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if default_connection.vendor == "postgresql" else "ANALYZE")


BENCH_CENTRES = "SELECT id FROM registry_centre WHERE managing_office = %s"
BENCH_ENTERPRISES = f"SELECT id FROM registry_enterprise WHERE centre_id IN ({BENCH_CENTRES})"  # noqa: S608


@transaction.atomic
def remove(say: Say) -> None:
    """Delete everything ``generate`` wrote (found by the centres' marker), children first."""
    with default_connection.cursor() as cursor:
        for table in ("turnover_turnoverreport", "turnover_classrecord", "certification_certification"):
            cursor.execute(f"DELETE FROM {table} WHERE enterprise_id IN ({BENCH_ENTERPRISES})", [MARK])  # noqa: S608
            say(f"  {cursor.rowcount:,} rows deleted from {table}")
        cursor.execute(f"DELETE FROM turnover_monthlytotal WHERE centre_id IN ({BENCH_CENTRES})", [MARK])  # noqa: S608
        cursor.execute(f"DELETE FROM registry_enterprise WHERE centre_id IN ({BENCH_CENTRES})", [MARK])  # noqa: S608
        say(f"  {cursor.rowcount:,} enterprises deleted")
    Centre.objects.filter(managing_office=MARK).delete()
    ClassScheme.objects.filter(code__in=BENCH_SCHEMES, records__isnull=True).delete()
