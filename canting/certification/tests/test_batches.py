"""Production batches: an artisan records runs of their own products, staff those of their area; the dyes are
named (naphthol with its salt, natural dyes with their mordant); the list filters, exports and stays cheap."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Batch, Label, LabelStatus
from canting.certification.services import batches
from canting.certification.tests.factories import BatchFactory, InspectionFactory, LabelRunFactory
from canting.certification.tests.factories import TestReportFactory as ReportFactory
from canting.core.models import AuditEvent, User
from canting.core.testing import staff_user

pytestmark = pytest.mark.django_db


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


def batch_form(product: Any, **extra: Any) -> dict[str, Any]:
    return {
        "product": product.pk,
        "code": "TL-2609-1",
        "quantity": "24",
        "started_on": "2026-09-01",
        "finished_on": "2026-09-21",
        "fabric_lot": "PRIMA-0926",
        "dye_classes": ["naphthol", "indigosol"],
        "dyes": "Naphthol AS-BO, Indigosol Blue O4B",
        "naphthol_salt": "Garam Biru B",
        **extra,
    }


def test_an_artisan_records_a_batch_of_their_own_product(artisan: User, enterprise: Any, other_enterprise: Any) -> None:
    mine = ProductFactory(enterprise=enterprise, name_ind="Kain Sekar")
    theirs = ProductFactory(enterprise=other_enterprise)
    client = client_for(artisan)

    page = client.get(reverse("certification:batch-create"))
    assert list(page.context["form"].fields["product"].queryset) == [mine]

    response = client.post(reverse("certification:batch-create"), batch_form(mine))

    batch = Batch.objects.get()
    assert response["Location"] == reverse("certification:batch-detail", args=[batch.pk])
    assert (batch.enterprise, batch.product, batch.dye_classes) == (enterprise, mine, ["indigosol", "naphthol"])
    assert AuditEvent.objects.get(action="certification.batch.created").actor == artisan

    refused = client.post(reverse("certification:batch-create"), batch_form(theirs, code="X-1"))
    assert refused.status_code == 200
    assert "product" in refused.context["form"].errors
    assert Batch.objects.count() == 1


def test_the_service_refuses_another_enterprises_product_and_staff_outside_their_area(
    artisan: User, other_enterprise: Any
) -> None:
    theirs = ProductFactory(enterprise=other_enterprise)
    sidoarjo = staff_user("sidoarjo", area="35.15.01")
    data = {"code": "X-1", "quantity": 5, "started_on": datetime.date(2026, 9, 1)}

    with pytest.raises(ValidationError) as refused:
        batches.create_batch(actor=artisan, product=theirs, data=data)
    assert refused.value.message_dict == {"product": ["You can record batches only of your own products."]}
    with pytest.raises(ValidationError) as refused:
        batches.create_batch(actor=sidoarjo, product=theirs, data=data)
    assert refused.value.message_dict == {"product": ["This product is outside your working area."]}
    assert Batch.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        ({"naphthol_salt": ""}, {"naphthol_salt": ["Name the salt that developed the naphthol."]}),
        (
            {"dye_classes": ["natural"], "naphthol_salt": "", "mordant": ""},
            {"mordant": ["Name the mordant used with the natural dyes."]},
        ),
        ({"finished_on": "2026-08-01"}, {"finished_on": ["A batch cannot finish before it starts."]}),
    ],
)
def test_the_dyes_must_be_named_fully(artisan: User, enterprise: Any, extra: dict[str, Any], errors: Any) -> None:
    product = ProductFactory(enterprise=enterprise)

    response = client_for(artisan).post(reverse("certification:batch-create"), batch_form(product, **extra))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Batch.objects.count() == 0


def test_a_batch_of_tiruan_may_be_recorded(staff: User, enterprise: Any) -> None:
    printed = ProductFactory(enterprise=enterprise, technique="tiruan", name_ind="Kain Cetak", name_en="Printed")
    batch = batches.create_batch(
        actor=staff,
        product=printed,
        data={"code": "PR-1", "quantity": 100, "started_on": datetime.date(2026, 9, 1), "dye_classes": ["remazol"]},
    )
    assert batch.enterprise == enterprise


def test_a_batch_is_corrected_but_keeps_its_product(artisan: User, other_artisan: User, enterprise: Any) -> None:
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise), quantity=40)
    url = reverse("certification:batch-edit", args=[batch.pk])
    form = {k: v for k, v in batch_form(batch.product, code=batch.code, quantity="36").items() if k != "product"}

    assert client_for(other_artisan).post(url, form).status_code == 404
    batch.refresh_from_db()
    assert batch.quantity == 40

    assert client_for(artisan).post(url, form).status_code == 302
    batch.refresh_from_db()
    assert batch.quantity == 36
    assert AuditEvent.objects.get(action="certification.batch.changed").changes["quantity"] == [40, 36]

    with pytest.raises(ValidationError) as refused:
        batches.update_batch(batch, actor=artisan, changes={"product": ProductFactory(enterprise=enterprise)})
    assert refused.value.message_dict == {
        "product": ["A batch stays with the product it was made for; record a new batch instead."]
    }


def test_the_batch_list_filters_and_exports(staff: User, enterprise: Any, other_enterprise: Any) -> None:
    tulis = ProductFactory(enterprise=enterprise, technique="tulis")
    cap = ProductFactory(enterprise=other_enterprise, technique="cap")
    BatchFactory(product=tulis, code="N-1", dye_classes=["naphthol"], started_on=datetime.date(2026, 1, 5))
    BatchFactory(product=tulis, code="S-1", dye_classes=["natural"], mordant="alum", naphthol_salt="",
                 started_on=datetime.date(2026, 3, 5))  # fmt: skip
    BatchFactory(product=cap, code="C-1", dye_classes=["remazol", "naphthol"], started_on=datetime.date(2026, 6, 5))
    client = client_for(staff)

    def codes(**params: Any) -> list[str]:
        return [b.code for b in client.get(reverse("certification:batch-list"), params).context["object_list"]]

    assert codes() == ["C-1", "S-1", "N-1"]
    assert codes(dye_class="naphthol") == ["C-1", "N-1"]
    assert codes(dye_class="natural") == ["S-1"]
    assert codes(technique="cap") == ["C-1"]
    assert codes(enterprise=enterprise.pk) == ["S-1", "N-1"]
    assert codes(started_after="2026-02-01", started_before="2026-04-01") == ["S-1"]
    assert codes(product=cap.pk) == ["C-1"]
    assert codes(q="s-1") == ["S-1"]
    assert codes(ordering="code") == ["C-1", "N-1", "S-1"]

    export = client.get(reverse("certification:batch-list"), {"dye_class": "naphthol", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["C-1", "N-1"]
    assert rows[1][9] == "Naphthol (azoic, developed with a salt), Remazol (reactive)"


def test_an_artisan_sees_only_their_own_batches(artisan: User, enterprise: Any, other_enterprise: Any) -> None:
    mine = BatchFactory(product=ProductFactory(enterprise=enterprise))
    theirs = BatchFactory(product=ProductFactory(enterprise=other_enterprise))
    client = client_for(artisan)

    assert list(client.get(reverse("certification:batch-list")).context["object_list"]) == [mine]
    assert client.get(reverse("certification:batch-detail", args=[theirs.pk])).status_code == 404


def test_the_batch_page_leads_to_its_reports_inspections_and_labels(
    staff: User, artisan: User, enterprise: Any
) -> None:
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise))
    report = ReportFactory(batch=batch, number="LHU-77/2026")
    inspection = InspectionFactory(product=batch.product, batch=batch)
    run = LabelRunFactory(batch=batch, count=2)
    url = reverse("certification:batch-detail", args=[batch.pk])

    staff_page = client_for(staff).get(url).content.decode()
    for link in (
        reverse("certification:report-detail", args=[report.pk]),
        reverse("certification:inspection-detail", args=[inspection.pk]),
        reverse("certification:label-run-detail", args=[run.pk]),
        f"{reverse('certification:label-run-create')}?batch={batch.pk}",
        f"{reverse('certification:report-create')}?batch={batch.pk}",
    ):
        assert link in staff_page
    artisan_page = client_for(artisan).get(url).content.decode()
    assert reverse("certification:label-run-detail", args=[run.pk]) in artisan_page
    assert f"{reverse('certification:label-run-create')}?batch={batch.pk}" not in artisan_page
    assert 'id="history"' in staff_page and 'id="history"' not in artisan_page


def test_the_batch_list_query_count_does_not_grow_with_rows(
    staff: User, enterprise: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(staff)
    BatchFactory.create_batch(2, product=ProductFactory(enterprise=enterprise))
    client.get(reverse("certification:batch-list"))
    with django_assert_num_queries(4):  # the enterprise filter reads no enterprise until one is chosen
        client.get(reverse("certification:batch-list"))
    for _ in range(20):
        BatchFactory(product=ProductFactory(enterprise=enterprise))
    with django_assert_num_queries(4):
        response = client.get(reverse("certification:batch-list"))
    assert response.context["total"] == 22


def test_staff_revoke_every_label_of_a_batch_at_once_with_a_reason(staff: User, enterprise: Any) -> None:
    batch = BatchFactory(product=ProductFactory(enterprise=enterprise))
    first, second = LabelRunFactory(batch=batch, count=3), LabelRunFactory(batch=batch, count=2)
    other = LabelRunFactory(count=2)  # another batch: untouched
    url = reverse("certification:batch-revoke-labels", args=[batch.pk])
    client = client_for(staff)

    refused = client.post(url, {"reason": "  "}, follow=True)
    assert "Write why the labels are revoked." in refused.content.decode()
    assert not Label.objects.filter(status=LabelStatus.REVOKED).exists()

    done = client.post(url, {"reason": "Kain ternyata cetak, bukan tulis."}, follow=True)
    assert "5 labels have been revoked." in done.content.decode()
    assert set(Label.objects.filter(run__in=[first, second]).values_list("status", "revoked_reason")) == {
        (LabelStatus.REVOKED, "Kain ternyata cetak, bukan tulis.")
    }
    assert set(other.labels.values_list("status", flat=True)) == {LabelStatus.ACTIVE}
    again = client.post(url, {"reason": "Lagi"}, follow=True)
    assert "Every label of this batch was already revoked." in again.content.decode()
