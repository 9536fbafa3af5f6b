"""Serial labels: issuing a run (and every refusal, with nothing written), revoking, counting checks, the label
sheet whose QR codes must read back as the labels' addresses, and the working pages for staff and artisans."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
import zxingcpp
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from PIL import Image

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Label, LabelCheck, LabelRun, LabelStatus, Scheme
from canting.certification.services import labels as services
from canting.certification.tests.factories import BatchFactory, CertificationFactory, LabelRunFactory
from canting.core.documents import render_png
from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise

# The stories here happen while the factories' certificates (2025-03-01 to 2028-03-01) are valid.
pytestmark = [pytest.mark.django_db, pytest.mark.on_day(2026, 12, 7)]

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def batch(enterprise: Enterprise) -> Any:
    return BatchFactory(
        product=ProductFactory(enterprise=enterprise, name_ind="Kain Surya", name_en="Kain Surya"), code="B-2026-11"
    )


@pytest.fixture
def batikmark(enterprise: Enterprise) -> Any:
    return CertificationFactory(enterprise=enterprise, number="BMI-0007/2025")


def nothing_issued() -> None:
    assert LabelRun.objects.count() == 0
    assert Label.objects.count() == 0
    assert not AuditEvent.objects.filter(action="certification.labels.issued").exists()


# --- issuing ---------------------------------------------------------------------------------------------------
def test_staff_issue_a_certified_run_with_one_audit_event(staff: User, batch: Any, batikmark: Any) -> None:
    run = services.issue_labels(actor=staff, batch=batch, count=30, certification=batikmark, note=" Pameran ")

    assert (run.count, run.technique, run.certification, run.issued_by, run.note) == (
        30, "tulis", batikmark, staff, "Pameran",
    )  # fmt: skip
    labels = list(run.labels.order_by("position"))
    assert [label.position for label in labels] == list(range(1, 31))
    assert {label.batch_id for label in labels} == {batch.pk}
    assert {label.status for label in labels} == {LabelStatus.ACTIVE}
    events = AuditEvent.objects.filter(action="certification.labels.issued")
    assert events.count() == 1
    assert events.get().changes["count"] == [None, 30]


@pytest.mark.parametrize("count", [0, -1, 5001])
def test_a_count_outside_1_to_5000_is_refused(staff: User, batch: Any, count: int) -> None:
    with pytest.raises(ValidationError) as refused:
        services.issue_labels(actor=staff, batch=batch, count=count)

    assert refused.value.message_dict == {"count": ["Issue from 1 to 5000 labels at a time."]}
    nothing_issued()


def test_5000_labels_is_the_most_one_run_holds(staff: User, batch: Any) -> None:
    run = services.issue_labels(actor=staff, batch=batch, count=5000)

    assert Label.objects.filter(run=run).count() == 5000


@pytest.mark.parametrize(
    ("certificate", "message"),
    [
        ({"enterprise": None}, "This certificate belongs to another enterprise."),
        ({"expires_on": TODAY - datetime.timedelta(days=1)}, "This certificate is not valid today: expired."),
        ({"status": "suspended"}, "This certificate is not valid today: suspended."),
        ({"scheme": Scheme.BATIKMARK_CAP}, "This Batikmark is for another technique than Batik tulis (hand-drawn)."),
    ],
)
def test_a_certificate_that_cannot_be_printed_is_refused(
    staff: User, batch: Any, other_enterprise: Enterprise, certificate: dict[str, Any], message: str
) -> None:
    fields = {**certificate}
    fields["enterprise"] = fields["enterprise"] or other_enterprise if "enterprise" in fields else batch.enterprise
    wrong = CertificationFactory(**fields)

    with pytest.raises(ValidationError) as refused:
        services.issue_labels(actor=staff, batch=batch, count=10, certification=wrong)

    assert refused.value.message_dict == {"certification": [message]}
    nothing_issued()


def test_a_certificate_naming_other_products_does_not_cover_this_one(staff: User, batch: Any) -> None:
    other_piece = CertificationFactory(enterprise=batch.enterprise, scheme=Scheme.SNI, number="SNI-1")
    other_piece.products.set([ProductFactory(enterprise=batch.enterprise)])

    with pytest.raises(ValidationError) as refused:
        services.issue_labels(actor=staff, batch=batch, count=10, certification=other_piece)

    assert refused.value.message_dict == {"certification": ["This certificate does not cover Kain Surya."]}
    nothing_issued()


def test_a_whole_enterprise_oekotex_may_be_printed(staff: User, batch: Any) -> None:
    oekotex = CertificationFactory(enterprise=batch.enterprise, scheme=Scheme.OEKOTEX, number="25.HID.1")

    run = services.issue_labels(actor=staff, batch=batch, count=1, certification=oekotex)

    assert run.certification == oekotex


def test_printed_imitation_gets_no_labels(staff: User, enterprise: Enterprise) -> None:
    printed = BatchFactory(product=ProductFactory(enterprise=enterprise, technique="tiruan"))

    with pytest.raises(ValidationError) as refused:
        services.issue_labels(actor=staff, batch=printed, count=5)

    assert refused.value.message_dict == {
        "batch": ["Printed imitation (tiruan) is not batik: its pieces get no labels."]
    }
    nothing_issued()


def test_a_piece_held_back_gets_no_labels_and_only_staff_issue_them(staff: User, artisan: User, batch: Any) -> None:
    batch.product.__class__.objects.filter(pk=batch.product_id).update(quality_hold=True)
    with pytest.raises(ValidationError) as held:
        services.issue_labels(actor=staff, batch=batch, count=5)
    with pytest.raises(ValidationError) as not_staff:
        services.issue_labels(actor=artisan, batch=BatchFactory(product__enterprise=artisan.enterprise), count=5)

    assert held.value.message_dict == {
        "batch": ["This product is held back while a suspicion of imitation is open: no labels until it is settled."]
    }
    assert not_staff.value.messages == ["Only office staff issue labels."]
    nothing_issued()


def test_a_code_clash_draws_the_codes_again(staff: User, batch: Any, monkeypatch: Any) -> None:
    taken = LabelRunFactory(batch=batch, count=1).labels.get().code
    fresh = iter([taken, "AAAAAAAAAA" + "0", *(services.codes.new_code() for _ in range(5))])
    monkeypatch.setattr(services.codes, "new_code", lambda: next(fresh))

    run = services.issue_labels(actor=staff, batch=batch, count=2)

    codes_issued = set(run.labels.values_list("code", flat=True))
    assert taken not in codes_issued and len(codes_issued) == 2
    assert Label.objects.filter(code=taken).count() == 1


# --- revoking --------------------------------------------------------------------------------------------------
def test_revoking_needs_a_reason_and_changes_nothing_without_one(staff: User, batch: Any) -> None:
    run = LabelRunFactory(batch=batch, count=3)
    label = run.labels.first()
    assert label is not None

    for attempt in (
        lambda: services.revoke_label(label, actor=staff, reason="  "),
        lambda: services.revoke_run(run, actor=staff, reason=""),
        lambda: services.revoke_batch(batch, actor=staff, reason=""),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.message_dict == {"reason": ["Write why the labels are revoked."]}

    assert set(Label.objects.values_list("status", flat=True)) == {LabelStatus.ACTIVE}
    assert not AuditEvent.objects.filter(action__startswith="certification.label").exists()


def test_revoking_a_run_leaves_already_revoked_labels_as_they_were(staff: User, batch: Any) -> None:
    run = LabelRunFactory(batch=batch, count=4)
    first = run.labels.get(position=1)
    services.revoke_label(first, actor=staff, reason="Rusak")
    first.refresh_from_db()

    revoked = services.revoke_run(run, actor=staff, reason="Batch ditarik")
    again = services.revoke_batch(batch, actor=staff, reason="Sekali lagi")

    assert (revoked, again) == (3, 0)
    rows = dict(run.labels.values_list("position", "revoked_reason"))
    assert rows == {1: "Rusak", 2: "Batch ditarik", 3: "Batch ditarik", 4: "Batch ditarik"}
    assert Label.objects.get(pk=first.pk).revoked_at == first.revoked_at
    assert AuditEvent.objects.filter(action="certification.labels.revoked").count() == 1
    assert AuditEvent.objects.filter(action="certification.label.revoked").count() == 1
    with pytest.raises(ValidationError, match="already been revoked"):
        services.revoke_label(first, actor=staff, reason="Lagi")


def test_revoking_a_batch_reaches_every_run_of_it(staff: User, batch: Any) -> None:
    LabelRunFactory(batch=batch, count=2)
    LabelRunFactory(batch=batch, count=3)
    untouched = LabelRunFactory(count=2)

    assert services.revoke_batch(batch, actor=staff, reason="Bukan batik tulis") == 5
    assert set(untouched.labels.values_list("status", flat=True)) == {LabelStatus.ACTIVE}


# --- counting checks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-US,en;q=0.9", "US"),
        ("id-ID", "ID"),
        ("de", ""),
        ("de,de-DE;q=0.9", "DE"),
        ("de,en-US;q=0.5", ""),
        ("fr;q=0.3,ja-JP", "JP"),
        ("zh-Hant-TW,zh;q=0.8", "TW"),
        ("es-419", ""),
        ("en_GB", "GB"),
        ("*", ""),
        ("", ""),
        ("<script>alert(1)</script>", ""),
        ("en-US;q=abc", "US"),  # an unreadable weight counts as the default, 1
        ("x" * 5000, ""),
    ],
)
def test_the_country_comes_from_the_most_preferred_language_tag(header: str, country: str) -> None:
    assert services.country_from_accept_language(header) == country


def test_record_check_counts_per_label_day_and_country(batch: Any) -> None:
    label, other = LabelRunFactory(batch=batch, count=2).labels.order_by("position")

    for country in ("US", "us", "US", "", "JP", "x1"):
        services.record_check(label, country=country)
    services.record_check(other, country="US")

    rows = set(LabelCheck.objects.values_list("label_id", "day", "country", "count"))
    assert rows == {
        (label.pk, TODAY, "US", 3),
        (label.pk, TODAY, "", 2),
        (label.pk, TODAY, "JP", 1),
        (other.pk, TODAY, "US", 1),
    }
    assert dict(Label.objects.values_list("pk", "checks_count")) == {label.pk: 6, other.pk: 1}


def test_a_check_racing_another_for_the_first_row_of_the_day_still_counts(batch: Any, monkeypatch: Any) -> None:
    label = LabelRunFactory(batch=batch, count=1).labels.get()
    LabelCheck.objects.create(label=label, day=TODAY, country="US", count=1)  # written by the other request
    real_update = type(LabelCheck.objects.all()).update
    calls: list[int] = []

    def update_after_the_race(queryset: Any, **values: Any) -> int:
        calls.append(1)
        if queryset.model is LabelCheck and len(calls) == 1:
            return 0  # this request's update ran before the other request's insert
        return real_update(queryset, **values)

    monkeypatch.setattr(type(LabelCheck.objects.all()), "update", update_after_the_race)
    services.record_check(label, country="US")

    assert list(LabelCheck.objects.values_list("country", "count")) == [("US", 2)]
    assert Label.objects.get(pk=label.pk).checks_count == 1


# --- the label sheet -------------------------------------------------------------------------------------------
def read_codes(pages: list[bytes]) -> list[str]:
    found: list[str] = []
    for page in pages:
        found += [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(page)))]
    return found


def test_every_qr_code_on_a_sheet_reads_back_as_its_labels_address(staff: User, batch: Any, batikmark: Any) -> None:
    run = services.issue_labels(actor=staff, batch=batch, count=30, certification=batikmark)
    revoked = run.labels.get(position=7)
    services.revoke_label(revoked, actor=staff, reason="Rusak")

    data = services.label_sheet_data(run)
    pages = render_png(services.SHEET_TEMPLATE, data)

    assert len(pages) == 2  # 24 a page
    expected = {
        f"http://127.0.0.1:8000/p/{code}" for code in run.labels.filter(status="active").values_list("code", flat=True)
    }
    found = read_codes(pages)
    assert len(found) == 29 and set(found) == expected  # the revoked label is left blank
    assert data["labels"][6] == {"code": "", "qr": "", "revoked": True}
    assert data["certificate"] == {"scheme": "Batikmark", "number": "BMI-0007/2025"}
    assert (data["technique"], data["technique_text"], data["batch"]) == ("tulis", "BATIK TULIS", "B-2026-11")


def test_an_uncertified_sheet_says_so_in_both_languages(staff: User, batch: Any) -> None:
    run = services.issue_labels(actor=staff, batch=batch, count=2)

    data = services.label_sheet_data(run)

    assert data["certificate"] is None
    assert data["uncertified"] == "Belum bersertifikat / Not certified"
    assert services.label_sheet_pdf(run).startswith(b"%PDF")


# --- pages -----------------------------------------------------------------------------------------------------
def test_the_run_list_shows_runs_with_counts_in_a_fixed_number_of_queries(
    staff: User, batch: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(staff)
    LabelRunFactory(batch=batch, count=2)
    client.get(reverse("certification:label-run-list"))
    with django_assert_max_num_queries(6) as first:
        client.get(reverse("certification:label-run-list"))
    for _ in range(10):
        LabelRunFactory(count=3)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("certification:label-run-list"))
    assert response.context["total"] == 11


def test_the_run_list_filters_and_exports(staff: User, batch: Any, batikmark: Any) -> None:
    certified = LabelRunFactory(batch=batch, certification=batikmark, count=4)
    LabelRunFactory(count=2)
    Label.objects.filter(pk=certified.labels.first().pk).update(status="revoked", checks_count=5)  # type: ignore[union-attr]
    client = client_for(staff)

    listed = client.get(reverse("certification:label-run-list"), {"certified": "true"})
    exported = client.get(reverse("certification:label-run-list"), {"certified": "true", "format": "xlsx"})

    assert [run.pk for run in listed.context["object_list"]] == [certified.pk]
    rows = list(load_workbook(BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1:9] == ("B-2026-11", "Kain Surya", "Batik Sekar Uji", "Batik tulis (hand-drawn)", 4, 1,
                            "Batikmark, batik tulis BMI-0007/2025", 5)  # fmt: skip


def test_an_artisan_lists_only_their_own_runs_and_gets_404_for_another(
    artisan: User, other_artisan: User, batch: Any
) -> None:
    mine = LabelRunFactory(batch=batch)
    LabelRunFactory()

    listed = client_for(artisan).get(reverse("certification:label-run-list"))
    other = client_for(other_artisan)

    assert [run.pk for run in listed.context["object_list"]] == [mine.pk]
    for route in ("label-run-detail", "label-run-sheet"):
        assert other.get(reverse(f"certification:{route}", args=[mine.pk])).status_code == 404
    sheet = client_for(artisan).get(reverse("certification:label-run-sheet", args=[mine.pk]))
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"


def test_staff_issue_labels_through_the_form(staff: User, batch: Any, batikmark: Any) -> None:
    client = client_for(staff)
    CertificationFactory(enterprise=batch.enterprise, number="BMI-OLD", expires_on=TODAY - datetime.timedelta(days=3))
    CertificationFactory(enterprise=batch.enterprise, number="BMI-CAP", scheme=Scheme.BATIKMARK_CAP)
    CertificationFactory(enterprise=batch.enterprise, number="SNI-9", scheme=Scheme.SNI).products.set(
        [ProductFactory(enterprise=batch.enterprise)]
    )
    CertificationFactory(number="BMI-ELSEWHERE")

    chooser = client.get(reverse("certification:label-run-create"), {"batch": batch.pk})
    response = client.post(
        reverse("certification:label-run-create"),
        {"batch": batch.pk, "count": "48", "certification": batikmark.pk, "note": "Pameran Jakarta"},
    )

    offered = [label for value, label in chooser.context["form"].fields["certification"].widget.choices if value]
    assert offered == ["BMI-0007/2025 · Batikmark, batik tulis · valid until 01-03-2028"]
    run = LabelRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "certification:label-run-detail", args=[run.pk]
    )
    assert (run.count, run.certification, run.note) == (48, batikmark, "Pameran Jakarta")


@pytest.mark.parametrize(
    ("count", "certificate", "field", "message"),
    [
        ("0", None, "count", "Issue from 1 to 5000 labels at a time."),
        ("5001", None, "count", "Issue from 1 to 5000 labels at a time."),
        ("10", "other", "certification", "This certificate belongs to another enterprise."),
        ("10", "expired", "certification", "This certificate is not valid today: expired."),
    ],
)
def test_the_form_shows_the_services_refusal_beside_the_field_and_issues_nothing(
    staff: User, batch: Any, other_enterprise: Enterprise, count: str, certificate: str | None, field: str, message: str
) -> None:
    chosen = {
        None: None,
        "other": CertificationFactory(enterprise=other_enterprise),
        "expired": CertificationFactory(enterprise=batch.enterprise, expires_on=TODAY - datetime.timedelta(days=1)),
    }[certificate]

    response = client_for(staff).post(
        reverse("certification:label-run-create"),
        {"batch": batch.pk, "count": count, "certification": chosen.pk if chosen else ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    nothing_issued()


def test_run_detail_and_revoking_all_with_and_without_a_reason(staff: User, batch: Any) -> None:
    run = LabelRunFactory(batch=batch, count=3)
    client = client_for(staff)

    refused = client.post(reverse("certification:label-run-revoke", args=[run.pk]), {"reason": ""}, follow=True)
    assert "Write why the labels are revoked." in refused.content.decode()
    assert set(run.labels.values_list("status", flat=True)) == {"active"}

    done = client.post(reverse("certification:label-run-revoke", args=[run.pk]), {"reason": "Salah cetak"}, follow=True)
    assert "3 labels have been revoked." in done.content.decode()
    assert set(run.labels.values_list("status", flat=True)) == {"revoked"}
    assert (done.context["active"], done.context["revoked"]) == (0, 3)


def test_find_a_label_by_its_code_and_revoke_it_with_a_reason(staff: User, batch: Any) -> None:
    run = LabelRunFactory(batch=batch, count=3)
    label = run.labels.get(position=2)
    client = client_for(staff)

    found = client.get(reverse("certification:label-list"), {"code": label.display_code.lower()})
    by_part = client.get(reverse("certification:label-list"), {"code": label.code[2:7]})
    by_batch = client.get(reverse("certification:label-list"), {"batch": batch.pk})
    refused = client.post(reverse("certification:label-revoke", args=[label.pk]), {"reason": " "}, follow=True)
    label.refresh_from_db()
    status_after_refusal = label.status
    revoked = client.post(reverse("certification:label-revoke", args=[label.pk]), {"reason": "Hilang"}, follow=True)

    assert [x.pk for x in found.context["object_list"]] == [label.pk]
    assert f'href="/p/{label.code}"' in found.content.decode()
    assert label.pk in [x.pk for x in by_part.context["object_list"]]
    assert by_batch.context["total"] == 3
    assert "Write why the labels are revoked." in refused.content.decode() and status_after_refusal == "active"
    assert f"Label {label.display_code} has been revoked." in revoked.content.decode()
    label.refresh_from_db()
    assert (label.status, label.revoked_reason) == ("revoked", "Hilang")


def test_an_artisan_cannot_revoke_and_another_enterprises_label_is_404_for_staff_of_another_region(
    artisan: User, batch: Any
) -> None:
    from canting.core.testing import staff_user

    label = LabelRunFactory(batch=batch, count=1).labels.get()

    assert (
        client_for(artisan).post(reverse("certification:label-revoke", args=[label.pk]), {"reason": "x"}).status_code
        == 403
    )
    sidoarjo = client_for(staff_user("sidoarjo", area="35.15"))
    assert sidoarjo.post(reverse("certification:label-revoke", args=[label.pk]), {"reason": "x"}).status_code == 404
    assert sidoarjo.get(reverse("certification:label-list"), {"code": label.code}).context["total"] == 0
    assert Label.objects.get(pk=label.pk).status == "active"


def test_checks_are_summed_by_month_and_country_for_the_artisans_own_labels(
    artisan: User, other_artisan: User, staff: User, batch: Any
) -> None:
    mine = LabelRunFactory(batch=batch, count=2).labels.order_by("position")
    theirs = LabelRunFactory(batch=BatchFactory(product__enterprise=other_artisan.enterprise), count=1).labels.get()
    for label, day, country, count in (
        (mine[0], datetime.date(2026, 10, 3), "US", 4),
        (mine[0], datetime.date(2026, 10, 9), "ID", 2),
        (mine[1], datetime.date(2026, 11, 1), "US", 1),
        (mine[1], datetime.date(2026, 11, 2), "", 3),
        (theirs, datetime.date(2026, 11, 2), "JP", 50),
    ):
        LabelCheck.objects.create(label=label, day=day, country=country, count=count)

    page = client_for(artisan).get(reverse("certification:label-checks")).context
    staff_page = (
        client_for(staff)
        .get(reverse("certification:label-checks"), {"enterprise": other_artisan.enterprise_id})
        .context
    )

    assert page["total"] == 10 and page["labels_checked"] == 2
    assert [(row["month"], row["total"]) for row in page["months"]] == [
        (datetime.date(2026, 11, 1), 4),
        (datetime.date(2026, 10, 1), 6),
    ]
    assert [(row["country"], row["total"]) for row in page["countries"]] == [("US", 5), ("", 3), ("ID", 2)]
    assert [(row["display_code"], row["countries"], row["total"]) for row in page["watched"]] == [
        (mine[0].display_code, 2, 6),
        (mine[1].display_code, 2, 4),
    ]
    assert staff_page["total"] == 50
    assert [(row["country"], row["total"]) for row in staff_page["countries"]] == [("JP", 50)]


def test_staff_of_another_area_neither_issue_nor_revoke_labels_there(batch: Any) -> None:
    from canting.core.testing import staff_user

    elsewhere = staff_user("sari", area="35.15")  # an officer of Kabupaten Sidoarjo
    run = LabelRunFactory(batch=batch, count=2)
    label = run.labels.first()

    with pytest.raises(ValidationError, match="outside your working area"):
        services.issue_labels(actor=elsewhere, batch=batch, count=3)
    with pytest.raises(ValidationError, match="outside your working area"):
        services.revoke_label(label, actor=elsewhere, reason="Tidak sah")
    with pytest.raises(ValidationError, match="outside your working area"):
        services.revoke_run(run, actor=elsewhere, reason="Tidak sah")
    with pytest.raises(ValidationError, match="outside your working area"):
        services.revoke_batch(batch, actor=elsewhere, reason="Tidak sah")

    assert LabelRun.objects.count() == 1
    assert list(Label.objects.values_list("status", flat=True)) == [LabelStatus.ACTIVE] * 2
