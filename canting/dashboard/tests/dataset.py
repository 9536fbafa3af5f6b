"""A small crafted dataset whose every KPI is known by hand, for the period January-March 2025.

In Kota Mojokerto (35.76, the staff persona's area): ``e1`` (Gununggedangan, in centre ``c1``), ``e2`` (Miji, no
centre), ``e5`` (Gununggedangan, a draft for March) and ``e4`` (inactive). In Sidoarjo: ``e3``, with large figures
that must never show for Mojokerto staff. Rows that must be left out: returned, submitted and draft reports, months
outside the periods, a class move of last year, a suspended, an expired and a future certificate, a registered
(not attended) enrolment, a session of last year, a revoked and an attendance certificate.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from canting.certification.models import Certification
from canting.core.models import Area
from canting.core.testing import OTHER_VILLAGE, VILLAGE
from canting.registry.tests.factories import CentreFactory, EnterpriseFactory, MembershipFactory, PersonFactory
from canting.training.tests.factories import CertificateFactory, EnrolmentFactory, SessionFactory
from canting.turnover.models import ClassRecord, ClassScheme, TurnoverReport
from canting.turnover.services.totals import rebuild

D = datetime.date


def report(enterprise: Any, month: datetime.date, state: str = "accepted", sales: int = 0, **figures: int) -> None:
    values = {
        "domestic_sales": Decimal(sales),
        "export_sales": Decimal(figures.pop("export", 0)),
        "pieces_tulis": 0,
        "pieces_cap": 0,
        "workers_men": 0,
        "workers_women": 0,
        **figures,
    }
    TurnoverReport.objects.create(enterprise=enterprise, month=month, state=state, **values)


def certification(enterprise: Any, scheme: str, issued: datetime.date, expires: datetime.date, **extra: Any) -> None:
    n = Certification.objects.count()
    Certification.objects.create(
        enterprise=enterprise,
        scheme=scheme,
        number=f"CERT-{n}",
        issuer="BBSPJIKB",
        issued_on=issued,
        expires_on=expires,
        **extra,
    )


def member(enterprise: Any) -> Any:
    return MembershipFactory(enterprise=enterprise, person=PersonFactory(), role="worker").person


def build() -> dict[str, Any]:
    sidoarjo = Area.objects.filter(code__startswith="35.15.01.", level=4).order_by("code").first()
    assert sidoarjo is not None
    c1 = CentreFactory(name="Sentra Uji")
    e1 = EnterpriseFactory(name="Batik Satu", village_id=VILLAGE, centre=c1)
    e2 = EnterpriseFactory(name="Batik Dua", village_id=OTHER_VILLAGE)
    e3 = EnterpriseFactory(name="Batik Sidoarjo", village_id=sidoarjo.code)
    e4 = EnterpriseFactory(name="Batik Tutup", village_id=VILLAGE, status="inactive")
    e5 = EnterpriseFactory(name="Batik Lima", village_id=VILLAGE)

    # Turnover: e1 and e2 in the period; e3 elsewhere; left-out states and months around them.
    report(e1, D(2025, 1, 1), sales=100, pieces_tulis=4)
    report(e1, D(2025, 2, 1), "returned", sales=7000, pieces_tulis=70)
    report(e1, D(2025, 3, 1), sales=300, export=50, pieces_tulis=5, pieces_cap=2, pieces_kombinasi=1,
           workers_men=2, workers_women=3)  # fmt: skip
    report(e1, D(2024, 2, 1), sales=200)
    report(e1, D(2024, 4, 1), sales=999)
    report(e2, D(2025, 2, 1), sales=400, pieces_cap=10, pieces_tiruan=3)
    report(e2, D(2025, 3, 1), "submitted", sales=5000, workers_men=9)
    report(e2, D(2023, 3, 1), sales=8000)
    report(e5, D(2025, 3, 1), "draft", sales=600)
    report(e4, D(2025, 3, 1), sales=0, workers_women=1)  # inactive, yet its accepted figures count
    report(e3, D(2025, 3, 1), sales=100000, export=1000, pieces_tulis=100, workers_men=10, workers_women=20)
    rebuild()

    # Business classes.
    pp7 = ClassScheme.objects.create(
        code="pp7", name="PP 7/2021", basis="sales", regulation="PP 7/2021", effective_from=D(2021, 2, 2)
    )
    ikm = ClassScheme.objects.create(
        code="ikm",
        name="Permenperin 64/2016",
        basis="industry",
        regulation="Permenperin 64",
        effective_from=D(2016, 7, 1),
    )
    ClassRecord.objects.create(enterprise=e1, scheme=pp7, business_class="mikro", assessed_on=D(2025, 1, 5))
    ClassRecord.objects.create(enterprise=e1, scheme=ikm, business_class="kecil", assessed_on=D(2025, 1, 5))
    ClassRecord.objects.create(enterprise=e1, scheme=ikm, business_class="kecil", previous_class="mikro",
                               moved_up=True, current=False, assessed_on=D(2024, 12, 20))  # fmt: skip
    ClassRecord.objects.create(
        enterprise=e2, scheme=pp7, business_class="mikro", current=False, assessed_on=D(2024, 6, 1)
    )
    ClassRecord.objects.create(enterprise=e2, scheme=pp7, business_class="kecil", previous_class="mikro",
                               moved_up=True, assessed_on=D(2025, 2, 10))  # fmt: skip
    ClassRecord.objects.create(enterprise=e3, scheme=pp7, business_class="menengah", previous_class="kecil",
                               moved_up=True, assessed_on=D(2025, 2, 10))  # fmt: skip

    # Batikmark and SNI holders on 31 March 2025.
    far = D(2027, 1, 1)
    certification(e1, "batikmark_tulis", D(2024, 1, 1), far)
    certification(e1, "batikmark_cap", D(2024, 1, 1), far)
    certification(e2, "sni", D(2025, 4, 1), far)  # issued after the period
    certification(e2, "sni", D(2022, 3, 30), D(2025, 3, 30))  # expired the day before
    certification(e5, "sni", D(2023, 1, 1), D(2026, 1, 1))
    certification(e5, "batikmark_kombinasi", D(2023, 1, 1), far, status="suspended")
    certification(e3, "batikmark_tulis", D(2024, 1, 1), far)

    # People trained (attended or completed a session ended this year) and certified (competency, this year).
    p1, p2, p3, p4, p5, p6 = member(e1), member(e2), member(e2), member(e3), member(e5), member(e2)
    feb, mar, dec = (SessionFactory(starts_on=d - datetime.timedelta(days=2), ends_on=d) for d in
                     (D(2025, 2, 15), D(2025, 3, 31), D(2024, 12, 20)))  # fmt: skip
    EnrolmentFactory(session=feb, person=p1, enterprise=e1, status="attended")
    EnrolmentFactory(session=mar, person=p1, enterprise=e1, status="completed")
    EnrolmentFactory(session=mar, person=p2, enterprise=e2, status="registered")
    EnrolmentFactory(session=dec, person=p3, enterprise=e2, status="completed")
    EnrolmentFactory(session=mar, person=p4, enterprise=e3, status="completed")
    EnrolmentFactory(session=mar, person=p5, enterprise=e5, status="completed")
    CertificateFactory(person=p1, issued_on=D(2025, 3, 1))
    CertificateFactory(person=p3, issued_on=D(2025, 1, 5), status="revoked")
    CertificateFactory(person=p5, issued_on=D(2025, 2, 1), kind="attendance")
    CertificateFactory(person=p6, issued_on=D(2025, 2, 1), external=True)
    CertificateFactory(person=p4, issued_on=D(2025, 2, 1))
    CertificateFactory(person=p2, issued_on=D(2025, 4, 2))  # after the period
    return {"c1": c1, "e1": e1, "e2": e2, "e3": e3, "e4": e4, "e5": e5}


# Mojokerto staff, January-March 2025.
MOJOKERTO = {
    "turnover_month": Decimal(350),
    "turnover_ytd": Decimal(850),
    "turnover_ytd_previous": Decimal(200),
    "turnover_growth_pct": Decimal("325.0"),
    "export_month": Decimal(50),
    "export_ytd": Decimal(50),
    "pieces_ytd": 25,
    "pieces_by_technique_ytd": {"tulis": 9, "cap": 12, "kombinasi": 1, "tiruan": 3},
    "workers_men": 2,
    "workers_women": 4,
    "reports_due": 3,
    "reports_filed": 2,
    "compliance_pct": Decimal("66.7"),
    "enterprises_by_class": {"pp7": {"kecil": 1, "mikro": 1}, "ikm": {"kecil": 1}},
    "class_moves_ytd": 1,
    "batikmark_holders": 1,
    "sni_holders": 1,
    "people_trained_ytd": 2,
    "people_certified_ytd": 2,
}
