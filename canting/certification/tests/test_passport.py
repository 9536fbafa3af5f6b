"""The public product passport: the state banner for every state of a label and its certificate, what each state
shows and hides, counting checks without keeping anything about the reader, the short link in the QR code, the
lookup box, the rate limit, and the JSON passport."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from canting.catalogue.tests.factories import MotifFactory, PictureFactory, ProductFactory
from canting.certification.models import Label, LabelCheck, LabelStatus, Scheme, Verdict
from canting.certification.selectors import PassportState, passport_for
from canting.certification.services import reports
from canting.certification.tests.factories import (
    BatchFactory,
    CertificationFactory,
    LabelRunFactory,
    ParameterFactory,
    StandardFactory,
)
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.certification.tests.factories import TestResultFactory as ResultFactory
from canting.core import codes
from canting.core.models import AuditEvent
from canting.registry.models import Enterprise, EnterpriseStatus
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory, PersonFactory

# The stories here happen while the factories' certificates (2025-03-01 to 2028-03-01) are valid.
pytestmark = [pytest.mark.django_db, pytest.mark.on_day(2026, 12, 7)]

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def maker(db: Any) -> Enterprise:
    enterprise = EnterpriseFactory(name="Batik Sekar Maja", address="Jl. Rahasia 7")
    MembershipFactory(
        enterprise=enterprise,
        person=PersonFactory(full_name="Siti Aminah", phone="+6281234500001", address="Jl. Pribadi 9"),
    )
    return enterprise


@pytest.fixture
def piece(maker: Enterprise) -> Any:
    lotus = MotifFactory(
        name_ind="Teratai Majapahit",
        name_en="Lotus of Majapahit",
        story_ind="Teratai yang mekar di kolam istana.",
        story_en="A lotus opening on the palace pond.",
    )
    return ProductFactory(
        enterprise=maker, name_ind="Kain Teratai", name_en="Lotus Long Cloth", slug="kain-teratai", motifs=[lotus]
    )


def label_for(product: Any, *, certification: Any = None, **batch: Any) -> Label:
    run = LabelRunFactory(batch=BatchFactory(product=product, code="B-2026-07", **batch), certification=certification)
    return run.labels.get(position=1)


def batikmark(enterprise: Enterprise, **fields: Any) -> Any:
    return CertificationFactory(enterprise=enterprise, number="BMI-0042/2025", **fields)


def article(response: Any) -> str:
    """The passport itself, without the header (whose language links repeat the address)."""
    match = re.search(r"<article.*?</article>", response.content.decode(), re.S)
    assert match is not None
    return match.group(0)


def get_passport(code: str, client: Client | None = None, **headers: Any) -> Any:
    with translation.override("en"):
        url = reverse("passport:detail", args=[code])
    return (client or Client()).get(url, **headers)


def test_a_certified_label_shows_its_valid_certificate_maker_story_cloth_and_tests(piece: Any) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise))
    report = ReportFactory(batch=label.batch, number="LHU-00007/BBSPJIKB/2026")
    wash = ParameterFactory(
        standard=StandardFactory(code="SNI 8302", edition="2016"),
        name_ind="Ketahanan luntur warna terhadap pencucian",
        name_en="Colour fastness to washing",
    )
    ResultFactory(report=report, parameter=wash, value=Decimal("4.5"))
    azo = ParameterFactory(
        standard=StandardFactory(code="REACH Annex XVII 43", edition="EN ISO 14362-1:2017"),
        name_ind="Amina aromatik yang dapat dilepaskan",
        name_en="Releasable aromatic amines",
        unit="mg/kg",
        comparator="lte",
        limit=Decimal(30),
    )
    ResultFactory(report=report, parameter=azo, value=Decimal("4.200"))

    response = get_passport(label.code)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")  # counted on every look: never cached
    page = article(response)
    assert 'data-state="certified"' in page
    assert "Genuine and certified" in page
    assert "BMI-0042/2025" in page and "valid until March 1, 2028" in page
    assert label.display_code in page
    assert "Lotus Long Cloth" in page and "Batik Sekar Maja" in page and "Mojokerto" in page
    assert "Siti Aminah" in page  # the owner of an active enterprise
    assert "A lotus opening on the palace pond." in page
    assert "Naphthol AS-BO" in page and "Garam Merah B" in page
    assert "Cotton primissima" in page and "PRIMA-0926" in page and "cotton 100%" in page.lower()
    assert "Colour fastness to washing" in page and "4.5 grade" in page and "≥ 4 grade" in page
    assert "Azo dyes (EU REACH, EN ISO 14362)" in page and "4.2 mg/kg, limit ≤ 30 mg/kg" in page
    assert reverse("showcase:product", args=["kain-teratai"]).replace("/id/", "/en/") in page
    for private in ("+6281234500001", "Jl. Pribadi 9", "Jl. Rahasia 7", piece.enterprise.nib):
        assert private not in page


def test_each_test_is_named_in_the_readers_language_or_in_indonesian_when_it_has_no_english(
    piece: Any, staff: Any
) -> None:
    # Given a label whose batch was tested for a parameter named in both languages and one named in Indonesian only
    label = label_for(piece, certification=batikmark(piece.enterprise))
    report = ReportFactory(batch=label.batch, computed_verdict=Verdict.INCOMPLETE, verdict=Verdict.INCOMPLETE)
    sni = StandardFactory(code="SNI 8302")
    washing = ParameterFactory(
        standard=sni, name_ind="Ketahanan luntur warna terhadap pencucian", name_en="Colour fastness to washing"
    )
    width = ParameterFactory(
        standard=sni, name_ind="Lebar kain", name_en="", unit="cm", comparator="between", limit=105, upper_limit=115
    )
    reports.record_results(report, actor=staff, values={washing: Decimal("4.5"), width: Decimal(110)})

    # When the passport is read in English: the English name, and the Indonesian one where there is no English
    english = article(get_passport(label.code))
    assert "Colour fastness to washing" in english and "Lebar kain" in english
    assert "Ketahanan luntur" not in english

    # When it is read in Indonesian: the Indonesian names only
    with translation.override("id"):
        url = reverse("passport:detail", args=[label.code])
    assert url.startswith("/id/")
    indonesian = article(Client().get(url))
    assert "Ketahanan luntur warna terhadap pencucian" in indonesian and "Lebar kain" in indonesian
    assert "Colour fastness to washing" not in indonesian

    # And the API gives the name in the request's language beside both names
    api = reverse("api-passport-detail", args=[label.code])
    names = {
        language: [
            (t["parameter"], t["parameter_ind"], t["parameter_en"])
            for data in [Client().get(api, HTTP_ACCEPT_LANGUAGE=language).json()]
            for t in data["tests"] + data["facts"]  # the width is a fact of the piece
        ]
        for language in ("en", "id")
    }
    assert names == {
        "en": [
            ("Colour fastness to washing", "Ketahanan luntur warna terhadap pencucian", "Colour fastness to washing"),
            ("Lebar kain", "Lebar kain", ""),
        ],
        "id": [
            (
                "Ketahanan luntur warna terhadap pencucian",
                "Ketahanan luntur warna terhadap pencucian",
                "Colour fastness to washing",
            ),
            ("Lebar kain", "Lebar kain", ""),
        ],
    }


@pytest.mark.parametrize(
    ("certificate", "state", "banner", "words"),
    [
        (
            {"issued_on": datetime.date(2023, 1, 5), "expires_on": TODAY - datetime.timedelta(days=1)},
            PassportState.EXPIRED,
            "Genuine, but the certificate has expired",
            "expired on",
        ),
        (
            {"status": "suspended"},
            PassportState.SUSPENDED,
            "Genuine, but the certificate is suspended",
            "is suspended by",
        ),
        (
            {"status": "revoked"},
            PassportState.CERTIFICATE_REVOKED,
            "Genuine, but the certificate was revoked",
            "was revoked by",
        ),
    ],
)
def test_a_certificate_no_longer_valid_is_named_for_what_happened_to_it(
    piece: Any, certificate: dict[str, Any], state: str, banner: str, words: str
) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise, **certificate))

    page = article(get_passport(label.code))

    assert f'data-state="{state}"' in page
    assert banner in page
    assert f"BMI-0042/2025, {words}" in page.replace("\n", " ")
    assert "Genuine and certified" not in page


def test_an_uncertified_label_is_genuine_but_says_it_carries_no_certificate(piece: Any) -> None:
    label = label_for(piece)

    page = article(get_passport(label.code))

    assert 'data-state="uncertified"' in page
    assert "Genuine, not certified" in page
    assert "The piece carries no certificate." in page
    assert "Lotus Long Cloth" in page


def test_a_revoked_label_says_only_that_it_was_withdrawn_and_when(piece: Any) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise))
    Label.objects.filter(pk=label.pk).update(
        status=LabelStatus.REVOKED,
        revoked_at=timezone.make_aware(datetime.datetime(2026, 10, 3, 9)),
        revoked_reason="Dipindah ke kain lain",
    )

    response = get_passport(label.code)

    page = article(response)
    assert response.status_code == 200
    assert 'data-state="revoked"' in page
    assert "This label was withdrawn on Oct. 3, 2026." in page
    for detail in ("Lotus Long Cloth", "Batik Sekar Maja", "BMI-0042/2025", "Dipindah", "Teratai", "B-2026-07"):
        assert detail not in page


def test_an_unknown_code_says_only_that_and_a_malformed_code_gets_the_same_page(piece: Any) -> None:
    label_for(piece)
    unknown = codes.new_code()
    assert not Label.objects.filter(code=unknown).exists()

    response = get_passport(unknown)
    malformed = get_passport("ABC-123")

    assert response.status_code == malformed.status_code == 404
    page = article(response)
    assert 'data-state="unknown"' in page and "No label has this code." in page
    assert article(malformed) == page
    assert unknown not in page and codes.display(unknown) not in page
    for detail in ("Lotus Long Cloth", "Batik Sekar Maja"):
        assert detail not in response.content.decode()
    assert LabelCheck.objects.count() == 0


def test_a_held_back_piece_is_under_review_and_never_shown_as_genuine(piece: Any) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise))
    piece.__class__.objects.filter(pk=piece.pk).update(quality_hold=True)

    page = article(get_passport(label.code))

    assert 'data-state="under_review"' in page and "Under review" in page
    assert "Genuine" not in page
    assert "BMI-0042/2025" not in page and "A lotus opening" not in page
    assert "Lotus Long Cloth" in page  # it says which piece is under review


def test_printed_imitation_is_named_not_batik(maker: Enterprise) -> None:
    printed = ProductFactory(enterprise=maker, technique="tiruan", name_ind="Kain Cetak", name_en="Printed Cloth")
    label = label_for(printed)

    page = article(get_passport(label.code))

    assert 'data-state="not_batik"' in page
    assert "Not batik: printed imitation" in page and "tiruan · not batik" in page
    assert "Genuine" not in page


def test_an_inactive_enterprise_is_named_without_its_owner(piece: Any) -> None:
    Enterprise.objects.filter(pk=piece.enterprise_id).update(status=EnterpriseStatus.INACTIVE)
    label = label_for(piece)

    page = article(get_passport(label.code))

    assert "Batik Sekar Maja" in page
    assert "Siti Aminah" not in page
    assert reverse("showcase:enterprise", args=[piece.enterprise_id]) not in page


def test_each_look_is_counted_by_day_and_country_and_nothing_about_the_reader_is_kept(piece: Any) -> None:
    label = label_for(piece)
    events = AuditEvent.objects.count()

    get_passport(label.code, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", REMOTE_ADDR="203.0.113.9")
    get_passport(label.code, HTTP_ACCEPT_LANGUAGE="en-US", HTTP_USER_AGENT="Secret Browser 1.0")
    get_passport(label.code, HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    get_passport(label.code, HTTP_ACCEPT_LANGUAGE="de")
    Client().head(reverse("passport:detail", args=[label.code]))  # a HEAD is not a look

    rows = set(LabelCheck.objects.values_list("label_id", "day", "country", "count"))
    assert rows == {(label.pk, TODAY, "US", 2), (label.pk, TODAY, "ID", 1), (label.pk, TODAY, "", 1)}
    label.refresh_from_db()
    assert label.checks_count == 4
    stored = [str(v) for row in LabelCheck.objects.values() for v in row.values()]
    assert not any("203.0.113.9" in v or "Secret Browser" in v for v in stored)
    assert AuditEvent.objects.count() == events  # counting is not a change to audit


def test_a_passport_answers_in_few_queries(piece: Any, django_assert_max_num_queries: Any) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise))
    ReportFactory(batch=label.batch)
    PictureFactory(product=piece)

    # Six reads (label with its batch, product, maker and certificate; owner; motifs; certificates; results;
    # thumbnail) and the counter's writes with their savepoints.
    with django_assert_max_num_queries(13):
        response = get_passport(label.code)
    assert response.status_code == 200
    thumbnails = re.findall(r'class="pp-thumb" src="([^"]+)"', response.content.decode())
    assert len(thumbnails) == 1 and thumbnails[0].endswith("-320.webp")  # the smallest copy, not the photo


def test_too_many_looks_from_one_address_get_429_on_the_page_and_the_api(piece: Any, settings: Any) -> None:
    settings.PASSPORT_RATE = "3/m"
    label = label_for(piece)
    client = Client(REMOTE_ADDR="198.51.100.4")

    answers = [get_passport(label.code, client).status_code for _ in range(3)]
    page = get_passport(label.code, client)
    api = client.get(reverse("api-passport-detail", args=[label.code]), HTTP_ACCEPT_LANGUAGE="en")
    elsewhere = get_passport(label.code, Client(REMOTE_ADDR="198.51.100.5"))

    assert answers == [200, 200, 200]
    assert page.status_code == 429 and "Please wait a moment" in page.content.decode()
    assert api.status_code == 429 and "try again in a minute" in api.json()["detail"]
    assert elsewhere.status_code == 200
    label.refresh_from_db()
    assert label.checks_count == 4  # refused looks are not counted


@pytest.mark.parametrize(
    ("accept", "language"), [("en-GB,en;q=0.8", "en"), ("id-ID,id;q=0.9,en;q=0.5", "id"), ("", "id"), ("fr", "id")]
)
def test_the_short_link_opens_the_passport_in_the_readers_language(piece: Any, accept: str, language: str) -> None:
    label = label_for(piece)
    typed = codes.display(label.code).lower().replace("0", "o").replace("1", "l")

    response = Client().get(f"/p/{typed}", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    with translation.override(language):
        assert response["Location"] == reverse("passport:detail", args=[label.code])
    assert response["Location"].startswith(f"/{language}/")
    assert LabelCheck.objects.count() == 0  # the passport counts, not the redirect


def test_the_lookup_box_sends_a_code_on_or_says_it_is_not_one(piece: Any) -> None:
    label = label_for(piece)
    client = Client()

    sent = client.get("/en/passport/", {"code": f" {codes.display(label.code).lower()} "})
    wrong = client.get("/en/passport/", {"code": label.code[:-1] + ("0" if label.code[-1] != "0" else "1")})

    assert sent.status_code == 302 and sent["Location"] == f"/en/passport/{label.code}/"
    assert wrong.status_code == 200
    assert "This is not a label code." in wrong.content.decode()


def test_the_api_gives_the_same_facts_as_the_page(piece: Any) -> None:
    label = label_for(piece, certification=batikmark(piece.enterprise))

    response = Client().get(reverse("api-passport-detail", args=[codes.display(label.code)]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "certified"
    assert data["code"] == label.display_code
    assert data["url"] == f"http://127.0.0.1:8000/en/passport/{label.code}/"
    assert data["product"]["name"] == "Lotus Long Cloth" and data["product"]["technique"] == "tulis"
    assert data["product"]["url"] == "http://127.0.0.1:8000/en/products/kain-teratai/"
    assert data["enterprise"] == {
        "name": "Batik Sekar Maja",
        "city": "Kota Mojokerto",
        "owner": "Siti Aminah",
        "url": f"http://127.0.0.1:8000/en/makers/{piece.enterprise_id}/",
    }
    assert data["batch"]["dye_classes"] == ["Naphthol (azoic, developed with a salt)"]
    assert data["batch"]["naphthol_salt"] == "Garam Merah B"
    assert data["certificate"]["number"] == "BMI-0042/2025" and data["certificate"]["valid"] is True
    assert [c["number"] for c in data["certifications"]] == ["BMI-0042/2025"]
    assert data["motifs"][0]["story"] == "A lotus opening on the palace pond."
    label.refresh_from_db()
    assert label.checks_count == 1


def test_the_api_answers_404_for_an_unknown_code_and_a_revoked_label_with_its_date_only(piece: Any) -> None:
    label = label_for(piece)
    Label.objects.filter(pk=label.pk).update(status=LabelStatus.REVOKED, revoked_at=timezone.now())
    client = Client()

    unknown = client.get(reverse("api-passport-detail", args=["nonsense"]))
    revoked = client.get(reverse("api-passport-detail", args=[label.code])).json()

    assert unknown.status_code == 404 and unknown.json()["state"] == "unknown"
    assert revoked["state"] == "revoked" and revoked["revoked_on"] == TODAY.isoformat()
    assert revoked["product"] is None and revoked["enterprise"] is None and revoked["tests"] == []


def test_reports_on_the_product_count_and_undecided_ones_do_not(piece: Any) -> None:
    label = label_for(piece)
    other_batch = BatchFactory(product=piece, code="B-2025-01")
    decided = ReportFactory(batch=other_batch, number="R-OTHER")
    pending = ReportFactory(batch=label.batch, number="R-PENDING", verdict=Verdict.INCOMPLETE)
    for report, value in ((decided, "3.5"), (pending, "5")):
        ResultFactory(
            report=report, parameter=ParameterFactory(comparator="gte", limit=Decimal(4)), value=Decimal(value)
        )

    tests = passport_for(label.code).facts["tests"]

    assert [(t["report"], t["value"], t["passed"], t["this_batch"]) for t in tests] == [
        ("R-OTHER", "3.5", False, False)
    ]


def test_a_whole_enterprise_certificate_covers_the_piece_and_another_pieces_does_not(piece: Any) -> None:
    CertificationFactory(enterprise=piece.enterprise, scheme=Scheme.OEKOTEX, number="OT-1")  # the whole enterprise
    other = CertificationFactory(enterprise=piece.enterprise, scheme=Scheme.SNI, number="SNI-2")
    other.products.set([ProductFactory(enterprise=piece.enterprise)])
    mine = CertificationFactory(enterprise=piece.enterprise, scheme=Scheme.BATIKMARK_TULIS, number="BMI-3")
    mine.products.set([piece])
    label = label_for(piece)

    numbers = {c["number"] for c in passport_for(label.code).facts["certifications"]}

    assert numbers == {"OT-1", "BMI-3"}


def test_results_against_provisional_limits_show_no_pass_mark_and_width_is_a_fact(piece: Any) -> None:
    # Given a report with colour fastness judged against a provisional SNI limit, shrinkage against a checked one,
    # and the fabric's width measured
    label = label_for(piece, certification=batikmark(piece.enterprise))
    report = ReportFactory(batch=label.batch, number="LHU-00008/BBSPJIKB/2026")
    sni = StandardFactory(code="SNI 8302", edition="2016")
    wash = ParameterFactory(
        standard=sni, name_ind="Ketahanan luntur warna terhadap pencucian", name_en="Colour fastness to washing",
        limit_checked=False,
    )  # fmt: skip
    shrink = ParameterFactory(
        standard=sni, name_ind="Mengkeret", name_en="Shrinkage", unit="%", comparator="lte", limit=Decimal(3),
        limit_checked=True,
    )  # fmt: skip
    width = ParameterFactory(
        standard=sni, name_ind="Lebar kain", name_en="Fabric width", unit="cm", comparator="gte", limit=Decimal(105),
        limit_checked=False,
    )  # fmt: skip
    ResultFactory(report=report, parameter=wash, value=Decimal("4.5"))
    ResultFactory(report=report, parameter=shrink, value=Decimal("1.5"))
    ResultFactory(report=report, parameter=width, value=Decimal("110"))

    # When a buyer opens the passport
    page = article(get_passport(label.code))

    # Then the provisional result is measured, not passed; the checked one passes; the width is a fact of the piece
    rows = dict(re.findall(r'<tr data-result="([^"]+)">(.*?)</tr>', page, re.S))
    assert set(rows) == {"Colour fastness to washing", "Shrinkage"}
    assert "measured; limit not yet confirmed" in rows["Colour fastness to washing"]
    assert "pass" not in rows["Colour fastness to washing"].replace("measured; limit not yet confirmed", "")
    assert "✓ pass" in rows["Shrinkage"]
    assert "Fabric width of the piece: 110 cm" in page
    assert "a fact about the piece, not a test it passes or fails" in page
    # And the API, which a marketplace or a buyer's system reads, says the same
    data = Client().get(reverse("api-passport-detail", args=[label.code]), HTTP_ACCEPT_LANGUAGE="en").json()
    results = {r["parameter"]: (r["passed"], r["limit_confirmed"]) for r in data["tests"]}
    assert results == {"Colour fastness to washing": (None, False), "Shrinkage": (True, True)}
    assert [(f["parameter"], f["value"], f["passed"]) for f in data["facts"]] == [("Fabric width", "110", None)]
