"""Reference data: what the migrations seed, the services that keep it (checked, audited, all-or-nothing), the
reference pages, and a product's export facts."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from canting.catalogue.tests.factories import ProductFactory
from canting.core.models import AuditEvent
from canting.trade.forms.reference import currency_choices
from canting.trade.models import CustomsRule, ExchangeRate, HsCode, Incoterm, MarketNote, OriginRule, ProductExport
from canting.trade.services import products, reference

pytestmark = pytest.mark.django_db
D = datetime.date


def english(client: Any, user: Any) -> Any:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_seeds_present() -> None:
    assert Incoterm.objects.count() == 11
    assert HsCode.objects.count() == 39
    seeded = set(HsCode.objects.values_list("code", flat=True))
    assert seeded >= {"5208.51", "5208.52", "5208.59", "5209.51", "5007.90", "5516.14", "6211.42", "9701.91"}
    assert HsCode.objects.get(code="6211.42").confirmed is False
    silk = HsCode.objects.get(code="5007.90")
    assert (silk.national_code, silk.source) == ("5007.90.30", "WCO Harmonized System 2022; BTKI 2022")
    assert silk.description_en.startswith("Other woven silk fabric") and silk.description_ind.startswith("Kain")
    assert OriginRule.objects.filter(country="").get().document == "Form B"
    assert MarketNote.objects.filter(country="US").count() == 3
    assert MarketNote.objects.filter(topic="azo").count() == 28


def test_hs_save_refuses_crossed_weights_and_changes_nothing(staff: Any) -> None:
    row = HsCode.objects.get(code="5208.52")
    with pytest.raises(ValidationError) as refused:
        reference.save_hs_code(actor=staff, row=row, data={"above_gsm": 100, "up_to_gsm": 90})
    assert refused.value.message_dict == {"up_to_gsm": ["The upper weight must be above the lower weight (100 g/m²)."]}
    row.refresh_from_db()
    assert (row.above_gsm, row.up_to_gsm) == (100, 200)
    assert not AuditEvent.objects.filter(action__startswith="trade.hs_code").exists()


def test_dates_must_not_cross(staff: Any) -> None:
    rule = OriginRule.objects.get(country="KR", position=1)
    with pytest.raises(ValidationError) as refused:
        reference.save_origin_rule(actor=staff, rule=rule, data={"valid_until": D(2022, 1, 1)})
    assert refused.value.message_dict == {"valid_until": ["A rule cannot stop holding before it starts to hold."]}
    rule.refresh_from_db()
    assert rule.valid_until is None


def test_artisan_cannot_change_reference_data(artisan: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        reference.save_exchange_rate(actor=artisan, data={"currency": "USD", "day": D(2025, 5, 1),
                                                          "rupiah": Decimal(16000), "source": "KMK"})  # fmt: skip
    assert refused.value.messages == ["Only office staff change the export desk's reference data."]
    assert not ExchangeRate.objects.exists()


def test_staff_edit_is_audited(staff: Any) -> None:
    fca = Incoterm.objects.get(code="FCA")
    reference.save_incoterm(actor=staff, incoterm=fca, data={"name_en": "Free Carrier (named place)"})
    fca.refresh_from_db()
    assert fca.name_en == "Free Carrier (named place)"
    event = AuditEvent.objects.get(action="trade.incoterm.changed")
    assert (event.actor, event.object_id, event.changes) == (
        staff,
        str(fca.pk),
        {"name_en": ["Free Carrier", "Free Carrier (named place)"]},
    )


def test_rate_created_and_duplicate_refused(staff: Any) -> None:
    data = {"currency": "USD", "day": D(2025, 5, 1), "rupiah": Decimal("16000.5"), "source": "KMK"}
    rate = reference.save_exchange_rate(actor=staff, data=data)
    assert AuditEvent.objects.filter(action="trade.exchange_rate.created", object_id=str(rate.pk)).count() == 1
    with pytest.raises(ValidationError):
        reference.save_exchange_rate(actor=staff, data={**data, "rupiah": Decimal(1)})
    assert list(ExchangeRate.objects.values_list("rupiah", flat=True)) == [Decimal("16000.5000")]


def test_customs_rule_must_be_positive(staff: Any) -> None:
    rule = CustomsRule.objects.get(limit="postal_max_kg")
    with pytest.raises(ValidationError):
        reference.save_customs_rule(actor=staff, rule=rule, data={"value": Decimal(0)})
    rule.refresh_from_db()
    assert rule.value == Decimal("30.00")
    reference.save_customs_rule(actor=staff, rule=rule, data={"value": Decimal(31)})
    assert AuditEvent.objects.get(action="trade.customs_rule.changed").changes == {"value": ["30.00", "31"]}


def test_product_export_confirms_a_code_of_the_table(artisan: Any, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    facts = products.save_product_export(
        actor=artisan, product=product, data={"hs_code": "5208.52", "price": Decimal("85.00"), "currency": "USD"}
    )
    assert (facts.hs_code, facts.price, facts.currency, facts.hs_confirmed_by) == (
        "5208.52",
        Decimal("85.00"),
        "USD",
        artisan,
    )
    assert facts.hs_confirmed_at is not None
    assert AuditEvent.objects.filter(action="trade.product_export.created").count() == 1


def test_product_export_refuses_an_unknown_code_and_a_price_without_currency(artisan: Any, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    with pytest.raises(ValidationError) as refused:
        products.save_product_export(actor=artisan, product=product, data={"hs_code": "5208.99"})
    assert refused.value.message_dict == {
        "hs_code": ["5208.99 is not a line of the HS table in force: choose one of the table."]
    }
    with pytest.raises(ValidationError) as refused:
        products.save_product_export(actor=artisan, product=product, data={"price": Decimal(5), "currency": ""})
    assert refused.value.message_dict == {"currency": ["Give the currency of the export price."]}
    assert not ProductExport.objects.exists()


def test_product_export_of_another_enterprise_is_refused(other_artisan: Any, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    with pytest.raises(ValidationError):
        products.save_product_export(actor=other_artisan, product=product, data={"hs_code": "5208.52"})
    assert not ProductExport.objects.exists()


def test_currency_choices_follow_the_language() -> None:
    with translation.override("en"):
        choices = dict(currency_choices())
        assert choices["USD"] == "USD - US Dollar"
        assert "IDR" not in choices
        assert list(choices)[:3] == ["USD", "EUR", "JPY"]
    with translation.override("id"):
        assert dict(currency_choices())["USD"] == "USD - Dolar Amerika Serikat"
    assert currency_choices(blank=True)[0] == ("", "---------")


@pytest.mark.parametrize("name", ["trade:hs-list", "trade:origin-list", "trade:market-list", "trade:incoterm-list",
                                  "trade:rate-list", "trade:customs-list"])  # fmt: skip
def test_lists_render_in_few_queries(client: Any, artisan: Any, name: str, django_assert_max_num_queries: Any) -> None:
    english(client, artisan)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Export to Excel" in response.content.decode()


def test_origin_list_filters_by_country_and_exports(client: Any, staff: Any) -> None:
    english(client, staff)
    page = client.get(reverse("trade:origin-list"), {"country": "KR", "holding": "today"})
    assert page.context["total"] == 3
    blank = client.get(reverse("trade:origin-list"), {"country": "-"})
    assert [r.document for r in blank.context["object_list"]] == ["Form B"]
    sheet = client.get(reverse("trade:origin-list"), {"country": "NL", "format": "xlsx"})
    assert sheet.status_code == 200
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_creates_a_market_note_through_the_page(client: Any, staff: Any) -> None:
    english(client, staff)
    response = client.post(reverse("trade:market-create"), {
        "country": "GB", "topic": "azo", "text_ind": "Batas azo", "text_en": "", "azo_limit": "",
        "source": "UK REACH", "valid_from": "2021-01-01",
    })  # fmt: skip
    assert response.status_code == 200
    assert "An azo-amine note needs its limit." in response.content.decode()
    assert not MarketNote.objects.filter(country="GB").exists()
    response = client.post(reverse("trade:market-create"), {
        "country": "GB", "topic": "azo", "text_ind": "Batas azo", "text_en": "Azo limit", "azo_limit": "30",
        "source": "UK REACH", "valid_from": "2021-01-01",
    })  # fmt: skip
    assert response.status_code == 302
    assert MarketNote.objects.get(country="GB").text_en == "Azo limit"


def test_product_export_page_shows_the_suggestion_and_saves(client: Any, artisan: Any, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise, fabric="prima", weight_gsm=120)
    english(client, artisan)
    url = reverse("trade:product-export", args=[product.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["suggestion"].code == "5208.52"
    assert page.context["form"].initial["hs_code"] == "5208.52"
    response = client.post(url, {"hs_code": "5208.52", "price": "85.00", "currency": "USD"})
    assert response.status_code == 302
    assert ProductExport.objects.get(product=product).hs_code == "5208.52"


def test_product_export_page_of_another_enterprise_is_404(client: Any, other_artisan: Any, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    english(client, other_artisan)
    assert client.get(reverse("trade:product-export", args=[product.pk])).status_code == 404


def test_every_seeded_origin_rule_speaks_both_languages() -> None:
    rules = list(OriginRule.objects.all())
    assert rules
    assert all(rule.document_ind and rule.document_en for rule in rules)
    rex = OriginRule.objects.get(country="NL", scheme="EU-GSP")
    assert (rex.document_en, rex.document_ind) == ("Statement on origin (REX)", "Pernyataan asal barang (REX)")
    assert rex.issued_by_en == "The exporter, on the invoice"
    assert rex.notes_ind.startswith("Sampai EUR 6.000 per kiriman tanpa nomor REX")
    with translation.override("id"):
        assert OriginRule.objects.get(country="JP", position=1).document == "Sertifikat asal barang IJEPA"
        assert OriginRule.objects.get(country="JP", position=2).document == "Form AJ"
    with translation.override("en"):
        assert OriginRule.objects.get(country="JP", position=1).document == "IJEPA certificate of origin"


def test_staff_write_an_origin_rule_in_both_languages(client: Any, staff: Any) -> None:
    english(client, staff)
    data = {
        "country": "GB", "position": "1", "document_ind": "Sertifikat asal barang non-preferensi",
        "document_en": "", "kind": "certificate", "source": "UK", "valid_from": "2024-01-01",
    }  # fmt: skip
    response = client.post(reverse("trade:origin-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"document_en": ["This field is required."]}
    assert not OriginRule.objects.filter(country="GB").exists()
    response = client.post(reverse("trade:origin-create"), {**data, "document_en": "Certificate of origin (non-pref.)"})
    assert response.status_code == 302
    rule = OriginRule.objects.get(country="GB")
    with translation.override("id"):
        assert rule.document == "Sertifikat asal barang non-preferensi"
    with translation.override("en"):
        assert rule.document == "Certificate of origin (non-pref.)"
