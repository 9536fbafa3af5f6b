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
        ({"product_type": "dress", "fabric": "other", "fibres": [{"fibre": "polyester", "percent": 100}]}, "6204.43"),
        ({"product_type": "blouse", "fabric": "rayon", "fibres": []}, "6206.40"),
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


COTTON_POLYESTER = [{"fibre": "cotton", "percent": 65}, {"fibre": "polyester", "percent": 35}]


def test_cotton_mixed_with_polyester_takes_a_blend_line_marked_unconfirmed() -> None:
    mixed = product(fabric="prima", weight_gsm=120, fibres=COTTON_POLYESTER)
    suggestion = suggest_hs(mixed)
    assert suggestion is not None
    assert (suggestion.code, suggestion.confirmed) == ("5210.51", False)
    assert suggestion.row.national_code == "5210.51.10"
    assert suggestion.row.national_confirmed is False
    assert "chief fibre: 65% cotton; mixed mainly with synthetic fibre (polyester, nylon, acrylic)" in suggestion.reason
    assert "not confirmed by a source" in suggestion.reason
    heavy = suggest_hs(product(fabric="dobby", weight_gsm=250, fibres=COTTON_POLYESTER))
    assert heavy is not None and heavy.code == "5211.59"


def test_cotton_mixed_with_other_fibre_takes_the_other_blends_line() -> None:
    blend = product(
        fabric="prima", weight_gsm=120, fibres=[{"fibre": "cotton", "percent": 70}, {"fibre": "linen", "percent": 30}]
    )
    suggestion = suggest_hs(blend)
    assert suggestion is not None
    assert (suggestion.code, suggestion.confirmed) == ("5212.15", False)


def test_a_blend_with_no_second_fibre_finds_no_line() -> None:
    assert suggest_hs(product(fabric="prima", weight_gsm=120, fibres=[{"fibre": "cotton", "percent": 60}])) is None


@pytest.mark.parametrize(
    ("fibre", "code", "national"),
    [("rayon", "6214.40", "6214.40.10"), ("viscose", "6214.40", "6214.40.10"), ("polyester", "6214.30", "6214.30.10"),
     ("silk", "6214.10", "6214.10.10"), ("cotton", "6214.90", "6214.90.10"), ("linen", "6214.90", "6214.90.10")],
)  # fmt: skip
def test_a_selendang_takes_the_line_of_its_fibre(fibre: str, code: str, national: str) -> None:
    selendang = product(product_type="selendang", fabric="other", fibres=[{"fibre": fibre, "percent": 100}])
    suggestion = suggest_hs(selendang)
    assert suggestion is not None
    assert (suggestion.code, suggestion.row.national_code, suggestion.row.national_confirmed) == (code, national, False)
    assert [row.code for row in hs_candidates(selendang)] == [code]


def test_a_selendang_of_unknown_fibre_gets_no_line() -> None:
    assert suggest_hs(product(product_type="selendang", fabric="other", fibres=[])) is None


def test_polyester_cloth_takes_the_filament_line_unconfirmed() -> None:
    suggestion = suggest_hs(product(fabric="other", fibres=[{"fibre": "polyester", "percent": 100}]))
    assert suggestion is not None
    assert (suggestion.code, suggestion.confirmed) == ("5407.74", False)


def test_a_kemeja_is_not_assumed_to_be_a_mens_shirt() -> None:
    kemeja = product(product_type="kemeja", fabric="primissima")
    suggestion = suggest_hs(kemeja)
    assert suggestion is not None
    assert suggestion.code == "6205.20"
    assert suggestion.confirmed is False
    assert suggestion.missing == ("wearer",)
    assert "a kemeja may be a men's shirt (6205) or a women's blouse (6206)" in suggestion.reason
    assert [row.code for row in hs_candidates(kemeja)] == ["6205.20", "6206.30"]


def test_other_product_type_has_no_suggestion() -> None:
    assert suggest_hs(product(product_type="other")) is None


def test_alternatives_for_home_textile_include_furnishing() -> None:
    codes = [row.code for row in hs_candidates(product(product_type="home_textile", fabric="prima"))]
    assert codes == ["6302.51", "6304.92"]


def test_a_few_queries_whatever_the_table(django_assert_max_num_queries: Any) -> None:
    shirt = product(product_type="kemeja", fabric="prima")
    with django_assert_max_num_queries(1):
        suggest_hs(shirt)
