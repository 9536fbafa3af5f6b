"""Daily sales at a booth and visitor counts: who may record what, on which day, and the day's totals."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from canting.catalogue.tests.factories import ProductFactory
from canting.core.models import AuditEvent
from canting.exhibitions.models import ExhibitorStatus, Sale, VisitorCount
from canting.exhibitions.services import sales as services
from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory, SaleFactory

FIRST = datetime.date(2023, 10, 6)
LAST = datetime.date(2023, 10, 10)


@pytest.fixture
def fair(enterprise: Any, other_enterprise: Any) -> dict[str, Any]:
    """Sunrise Mall, 6-10 October 2023: both enterprises exhibit; ours sells a Rp 350,000 kain."""
    exhibition = ExhibitionFactory(name="Pameran Sunrise Mall", starts_on=FIRST, ends_on=LAST)
    ours = ExhibitorFactory(exhibition=exhibition, enterprise=enterprise)
    theirs = ExhibitorFactory(exhibition=exhibition, enterprise=other_enterprise)
    kain = ProductFactory(enterprise=enterprise, name_ind="Kain Surya Majapahit", price=Decimal(350_000))
    other_kain = ProductFactory(enterprise=other_enterprise, price=Decimal(400_000))
    return {"exhibition": exhibition, "ours": ours, "theirs": theirs, "kain": kain, "other_kain": other_kain}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages are asserted in English, the source language
    return client


def test_an_artisan_records_a_sale_of_their_product_at_its_price(artisan: Any, fair: Any) -> None:
    data = {"day": FIRST, "product": fair["kain"], "quantity": 2, "amount": None, "payment": "qris"}

    sale = services.record_sale(artisan, fair["ours"], data)

    assert (sale.day, sale.product, sale.quantity, sale.amount, sale.payment) == (
        FIRST, fair["kain"], 2, Decimal(700_000), "qris",
    )  # fmt: skip
    assert sale.recorded_by == artisan
    event = AuditEvent.objects.get(action="exhibitions.sale.recorded")
    assert event.object_id == str(sale.pk) and event.changes["amount"] == [None, "700000"]


def test_a_sale_outside_the_exhibition_days_is_refused(artisan: Any, fair: Any) -> None:
    for day in (FIRST - datetime.timedelta(days=1), LAST + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            services.record_sale(artisan, fair["ours"], {"day": day, "product": fair["kain"], "payment": "cash"})
        assert refused.value.error_dict["day"][0].code == "outside_exhibition"
    assert not Sale.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="exhibitions.sale").exists()


def test_a_sale_of_another_enterprises_product_or_booth_is_refused(artisan: Any, fair: Any) -> None:
    with pytest.raises(ValidationError) as foreign_product:
        services.record_sale(artisan, fair["ours"], {"day": FIRST, "product": fair["other_kain"], "payment": "cash"})
    with pytest.raises(ValidationError) as foreign_booth:
        services.record_sale(artisan, fair["theirs"], {"day": FIRST, "description": "Kain", "amount": Decimal(1)})

    assert foreign_product.value.error_dict["product"][0].code == "not_own_product"
    assert foreign_booth.value.code == "outside_area"
    assert not Sale.objects.exists()


def test_zero_amounts_and_unselected_exhibitors_are_refused(artisan: Any, fair: Any) -> None:
    with pytest.raises(ValidationError) as zero:
        services.record_sale(artisan, fair["ours"], {"day": FIRST, "description": "Selendang", "amount": Decimal(0)})
    fair["ours"].status = ExhibitorStatus.APPLIED
    fair["ours"].save()
    with pytest.raises(ValidationError) as applied:
        services.record_sale(artisan, fair["ours"], {"day": FIRST, "product": fair["kain"], "payment": "cash"})

    assert zero.value.error_dict["amount"][0].code == "no_amount"
    assert applied.value.code == "not_selected"
    assert not Sale.objects.exists()


def test_the_day_defaults_to_today_within_the_exhibition_else_its_last_day(fair: Any) -> None:
    exhibition = fair["exhibition"]
    assert services.default_day(exhibition, datetime.date(2023, 10, 8)) == datetime.date(2023, 10, 8)
    assert services.default_day(exhibition, datetime.date(2024, 1, 2)) == LAST
    assert services.default_day(exhibition, datetime.date(2023, 9, 1)) == LAST


def test_totals_by_payment_method_are_summed_in_the_database(fair: Any) -> None:
    ours = fair["ours"]
    for amount, payment in ((350_000, "cash"), (150_000, "cash"), (700_000, "qris"), (90_000, "card")):
        SaleFactory(exhibitor=ours, day=FIRST, amount=Decimal(amount), payment=payment)
    SaleFactory(exhibitor=ours, day=LAST, amount=Decimal(999), payment="cash")  # another day
    SaleFactory(exhibitor=fair["theirs"], day=FIRST, amount=Decimal(5), payment="cash")  # another booth

    totals = services.totals_by_payment(Sale.objects.filter(exhibitor=ours, day=FIRST))

    assert {m["method"]: (m["amount"], m["sales"]) for m in totals["methods"]} == {
        "cash": (Decimal(500_000), 2), "qris": (Decimal(700_000), 1),
        "transfer": (Decimal(0), 0), "card": (Decimal(90_000), 1),
    }  # fmt: skip
    assert (totals["amount"], totals["sales"]) == (Decimal(1_290_000), 4)


def test_the_sales_page_shows_only_the_own_booths_sales_with_totals(
    artisan: Any, other_artisan: Any, fair: Any, django_assert_max_num_queries: Any
) -> None:
    SaleFactory(
        exhibitor=fair["ours"], day=FIRST, description="Selendang sutra", amount=Decimal(450_000), payment="transfer"
    )
    SaleFactory(exhibitor=fair["theirs"], day=FIRST, description="Kemeja rahasia", amount=Decimal(1_000))
    url = reverse("exhibitions:sales", args=[fair["ours"].pk]) + "?day=2023-10-06"

    client = Client()  # in Indonesian, the default language: the amounts are asserted as Indonesians read them
    client.force_login(artisan)
    with django_assert_max_num_queries(14):
        page = client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Selendang sutra" in html and "Kemeja rahasia" not in html
    assert "Kain Surya Majapahit" in html  # the product button
    assert 'data-testid="day-total">Rp450.000<' in html  # Indonesian, the default language
    assert client_for(other_artisan).get(url).status_code == 404


def test_an_artisan_edits_and_deletes_only_their_own_sales(artisan: Any, other_artisan: Any, fair: Any) -> None:
    own = SaleFactory(exhibitor=fair["ours"], day=FIRST, description="Kain", amount=Decimal(100_000))
    theirs = SaleFactory(exhibitor=fair["theirs"], day=FIRST, description="Kain lain", amount=Decimal(200_000))
    client = client_for(artisan)
    edit = {"day": "2023-10-07", "description": "Kain", "quantity": 2, "amount": 180000, "payment": "card"}

    assert client.post(reverse("exhibitions:sale-edit", args=[theirs.pk]), edit).status_code == 404
    assert client.post(reverse("exhibitions:sale-delete", args=[theirs.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.change_sale(artisan, theirs, {**edit, "day": FIRST})
    with pytest.raises(ValidationError):
        services.delete_sale(artisan, theirs)
    theirs.refresh_from_db()
    assert (theirs.amount, theirs.day, theirs.payment) == (Decimal(200_000), FIRST, "cash")

    answer = client.post(reverse("exhibitions:sale-edit", args=[own.pk]), edit)
    assert answer.status_code == 302
    own.refresh_from_db()
    assert (own.day, own.quantity, own.amount, own.payment) == (datetime.date(2023, 10, 7), 2, Decimal(180_000), "card")
    assert AuditEvent.objects.get(action="exhibitions.sale.changed").changes["amount"] == ["100000", "180000"]

    assert client.post(reverse("exhibitions:sale-delete", args=[own.pk])).status_code == 302
    assert list(Sale.objects.all()) == [theirs]
    assert AuditEvent.objects.filter(action="exhibitions.sale.deleted", object_id=str(own.pk)).count() == 1


def test_editing_a_sale_to_a_day_outside_the_exhibition_changes_nothing(artisan: Any, fair: Any) -> None:
    own = SaleFactory(exhibitor=fair["ours"], day=FIRST, amount=Decimal(100_000))

    answer = client_for(artisan).post(
        reverse("exhibitions:sale-edit", args=[own.pk]),
        {"day": "2023-10-11", "description": "Kain", "quantity": 1, "amount": 5, "payment": "cash"},
    )

    assert answer.status_code == 200
    own.refresh_from_db()
    assert (own.day, own.amount) == (FIRST, Decimal(100_000))


def test_a_quick_entry_post_saves_with_the_payment_tapped(artisan: Any, fair: Any) -> None:
    url = reverse("exhibitions:sales", args=[fair["ours"].pk])

    answer = client_for(artisan).post(
        url, {"day": "2023-10-08", "product": fair["kain"].pk, "quantity": 1, "amount": "350000", "payment": "transfer"}
    )

    assert answer.status_code == 302 and answer["Location"] == f"{url}?day=2023-10-08"
    sale = Sale.objects.get()
    assert (sale.day, sale.product, sale.amount, sale.payment) == (
        datetime.date(2023, 10, 8), fair["kain"], Decimal(350_000), "transfer",
    )  # fmt: skip


def test_staff_record_visitor_counts_per_day(staff: Any, artisan: Any, fair: Any) -> None:
    exhibition = fair["exhibition"]
    url = reverse("exhibitions:visitors", args=[exhibition.pk])
    client = client_for(staff)

    answer = client.post(url, {"day_2023-10-06": "1250", "day_2023-10-07": "980", "day_2023-10-08": ""})
    assert answer.status_code == 302
    assert dict(VisitorCount.objects.values_list("day", "visitors")) == {FIRST: 1250, datetime.date(2023, 10, 7): 980}

    client.post(url, {"day_2023-10-06": "1300", "day_2023-10-07": ""})
    assert dict(VisitorCount.objects.values_list("day", "visitors")) == {FIRST: 1300}
    assert AuditEvent.objects.filter(action__startswith="exhibitions.visitors").count() == 4

    with pytest.raises(ValidationError):
        services.record_visitors(artisan, exhibition, {FIRST: 1})
    assert client_for(artisan).get(url).status_code == 403
    assert dict(VisitorCount.objects.values_list("day", "visitors")) == {FIRST: 1300}
