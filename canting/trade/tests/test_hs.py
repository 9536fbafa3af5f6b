"""The HS suggestion: each product shape leads to its line of the seeded table, and says why."""

from __future__ import annotations

from typing import Any

import pytest

from canting.catalogue.tests.factories import ProductFactory
from canting.trade.hs import hs_candidates, suggest_hs

pytestmark = pytest.mark.django_db


def product(**fields: Any) -> Any:
    return ProductFactory.build(**fields)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"fabric": "prima", "weight_gsm": 90}, "5208.51"),
        ({"fabric": "prima", "weight_gsm": 120}, "5208.52"),
        ({"fabric": "primissima", "weight_gsm": 100}, "5208.51"),
        ({"fabric": "dobby", "weight_gsm": 150}, "5208.59"),
        ({"fabric": "prima", "weight_gsm": 250}, "5209.51"),
        ({"fabric": "dobby", "weight_gsm": 250}, "5209.59"),
        ({"fabric": "silk", "fibres": [{"fibre": "silk", "percent": 100}]}, "5007.20"),
        ({"fabric": "silk", "fibres": [{"fibre": "silk", "percent": 60}, {"fibre": "cotton", "percent": 40}]},
         "5007.90"),
        ({"fabric": "rayon", "fibres": [{"fibre": "rayon", "percent": 100}]}, "5516.14"),
        ({"product_type": "kemeja", "fabric": "primissima"}, "6205.20"),
        ({"product_type": "kemeja", "fabric": "rayon", "fibres": []}, "6205.30"),
        ({"product_type": "kemeja", "fabric": "linen", "fibres": []}, "6205.90"),
        ({"product_type": "blouse", "fabric": "silk", "fibres": []}, "6206.10"),
        ({"product_type": "dress", "fabric": "rayon", "fibres": []}, "6204.44"),
        ({"product_type": "scarf", "fabric": "silk", "fibres": []}, "6214.10"),
        ({"product_type": "selendang", "fabric": "prima"}, "6214.90"),
        ({"product_type": "bag", "fabric": "prima"}, "4202.22"),
        ({"product_type": "home_textile", "fabric": "prima"}, "6302.51"),
        ({"product_type": "wall_hanging", "fabric": "prima"}, "6304.92"),
    ],
)  # fmt: skip
def test_each_product_shape_leads_to_its_line(fields: dict[str, Any], code: str) -> None:
    suggestion = suggest_hs(product(**fields))
    assert suggestion is not None
    assert suggestion.code == code
    assert suggestion.row.code == code


def test_the_reason_names_the_facts() -> None:
    suggestion = suggest_hs(product(fabric="prima", weight_gsm=120))
    assert suggestion is not None
    assert suggestion.reason == (
        "Kain panjang (long cloth) is classified as fabric (cloth by the metre or piece); chief fibre: 100% cotton; "
        "weave: plain weave; weight: 120 g/m²."
    )
    assert suggestion.confirmed is True
    assert suggestion.missing == ()


def test_missing_weight_is_named() -> None:
    suggestion = suggest_hs(product(fabric="prima", weight_gsm=None))
    assert suggestion is not None
    assert suggestion.missing == ("weight_gsm",)
    assert suggestion.confirmed is False
    assert "give the fabric weight to choose between 5208.51, 5208.52 and 5209.51" in suggestion.reason


def test_silk_batik_line_carries_the_national_code() -> None:
    suggestion = suggest_hs(product(fabric="silk", fibres=[]))
    assert suggestion is not None
    assert [row.code for row in hs_candidates(product(fabric="silk", fibres=[]))] == ["5007.20", "5007.90", "5007.10"]
    half = suggest_hs(
        product(fabric="silk", fibres=[{"fibre": "silk", "percent": 50}, {"fibre": "cotton", "percent": 50}])
    )
    assert half is not None and half.row.national_code == "5007.90.30"


def test_sarong_line_is_unconfirmed() -> None:
    suggestion = suggest_hs(product(product_type="sarung", fabric="prima"))
    assert suggestion is not None
    assert (suggestion.code, suggestion.confirmed) == ("6211.42", False)
    assert "not confirmed by a source" in suggestion.reason


def test_cotton_share_below_85_percent_finds_no_cotton_fabric_line() -> None:
    mixed = product(
        fabric="prima",
        weight_gsm=120,
        fibres=[{"fibre": "cotton", "percent": 60}, {"fibre": "polyester", "percent": 40}],
    )
    assert suggest_hs(mixed) is None


def test_other_product_type_has_no_suggestion() -> None:
    assert suggest_hs(product(product_type="other")) is None


def test_alternatives_for_home_textile_include_furnishing() -> None:
    codes = [row.code for row in hs_candidates(product(product_type="home_textile", fabric="prima"))]
    assert codes == ["6302.51", "6304.92"]


def test_a_few_queries_whatever_the_table(django_assert_max_num_queries: Any) -> None:
    shirt = product(product_type="kemeja", fabric="prima")
    with django_assert_max_num_queries(1):
        suggest_hs(shirt)
