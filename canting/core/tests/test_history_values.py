"""The audit history reads as a person would say it: choices by their label, linked records by their name, yes or no."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from canting.core.models import AuditEvent
from canting.trade.models import Incoterm
from canting.trade.tests.factories import BuyerFactory

ORDER = "trade.exportorder"  # the form services store: the model's label in lower case


def rows(changes: dict[str, Any], language: str = "en") -> list[tuple[str, Any, Any]]:
    with translation.override(language):
        return AuditEvent(object_type=ORDER, changes=changes).readable_changes


def test_a_choice_reads_as_its_label() -> None:
    assert rows({"status": ["inquiry", "quotation"], "transport": [None, "air"]}) == [
        ("status", "Inquiry", "Quotation"),
        ("transport", None, "Air"),
    ]


def test_a_choice_no_longer_offered_reads_as_stored() -> None:
    assert rows({"status": ["draft", "inquiry"]}) == [("status", "draft", "Inquiry")]


@pytest.mark.django_db
def test_a_linked_record_reads_as_its_name_and_a_deleted_one_as_its_id() -> None:
    fca, cif = Incoterm.objects.get(code="FCA"), Incoterm.objects.get(code="CIF")
    gone = BuyerFactory(company="Gone Trading", name="Ken")
    gone_id = gone.pk
    gone.delete()

    assert rows({"incoterm": [fca.pk, cif.pk], "buyer": [gone_id, None]}) == [
        ("Incoterms rule", "FCA (Free Carrier)", "CIF (Cost, Insurance and Freight)"),
        ("buyer", gone_id, None),
    ]
    # the record's name is read in the reader's language too
    assert rows({"incoterm": [fca.pk, None]}, "id") == [("Aturan Incoterms", "FCA (Franco pengangkut)", None)]


@pytest.mark.django_db
def test_a_linked_record_stored_by_its_id_as_text_is_found() -> None:
    # Some services store an id as text (a membership's person, a label run's batch).
    fca = Incoterm.objects.get(code="FCA")
    assert rows({"incoterm": [str(fca.pk), None]}) == [("Incoterms rule", "FCA (Free Carrier)", None)]


def test_a_yes_or_no_field_reads_as_yes_or_no_in_the_readers_language() -> None:
    assert rows({"containerised": [False, True]}) == [("in a container", "No", "Yes")]
    assert rows({"containerised": [True, False]}, "id")[0][1:] == ("Ya", "Tidak")


def test_empty_values_stay_empty() -> None:
    assert rows({"status": [None, None], "incoterm": [None, None], "containerised": [None, True]}) == [
        ("status", None, None),
        ("Incoterms rule", None, None),
        ("in a container", None, "Yes"),
    ]


def test_other_values_stay_as_stored() -> None:
    changes = {"exchange_rate": ["16250.0000", "16300.0000"], "rate_date": ["2026-01-02", "2026-01-05"]}
    assert [[old, new] for _label, old, new in rows(changes)] == list(changes.values())
    assert rows({"lines": [["a"], ["b"]]}) == [("order lines", ["a"], ["b"])]


@pytest.mark.django_db
def test_linked_records_of_one_model_are_fetched_in_one_query(django_assert_num_queries: Any) -> None:
    fca, cif = Incoterm.objects.get(code="FCA"), Incoterm.objects.get(code="CIF")
    event = AuditEvent(object_type=ORDER, changes={"incoterm": [fca.pk, cif.pk]})
    with translation.override("en"), django_assert_num_queries(1):
        assert event.readable_changes == [("Incoterms rule", str(fca), str(cif))]
    buyers = BuyerFactory.create_batch(2)
    event = AuditEvent(object_type=ORDER, changes={"incoterm": [cif.pk, fca.pk], "buyer": [buyers[0].pk, buyers[1].pk]})
    with translation.override("en"), django_assert_num_queries(2):  # one for the rules, one for the buyers
        assert [row[1:] for row in event.readable_changes] == [(str(cif), str(fca)), (str(buyers[0]), str(buyers[1]))]


@pytest.mark.django_db
def test_an_event_without_links_asks_the_database_nothing(django_assert_num_queries: Any) -> None:
    event = AuditEvent(object_type=ORDER, changes={"status": ["inquiry", "quotation"], "containerised": [False, True]})
    with translation.override("en"), django_assert_num_queries(0):
        event.readable_changes  # noqa: B018


def test_the_history_shows_the_readable_values_and_wraps_long_ones() -> None:
    event = AuditEvent(object_type=ORDER, changes={"status": ["inquiry", "quotation"], "containerised": [None, True]})
    with translation.override("en"):
        html = render_to_string("core/_history.html", {"history": [event]})
    assert '<div class="history-changes text-break">' in html
    assert "<strong>Status</strong>: Inquiry → Quotation" in html
    assert "<strong>In a container</strong>: \u2013 → Yes" in html  # an en dash for nothing


def test_a_list_change_shows_one_item_per_row() -> None:
    from canting.core.templatetags.canting import change_value

    assert change_value([]) == "\u2013"
    assert change_value(None) == "\u2013"
    assert change_value(["1. <b>silk</b>", "2. cotton"]) == (
        '<ul class="mb-0 ps-3"><li>1. &lt;b&gt;silk&lt;/b&gt;</li><li>2. cotton</li></ul>'
    )
    assert change_value(2026) == "2026"


@pytest.mark.django_db
def test_a_many_to_many_change_reads_as_the_records_names(django_assert_num_queries: Any) -> None:
    from canting.catalogue.tests.factories import ProductFactory

    cloth, scarf = ProductFactory(name_en="Sekar Jagad cloth"), ProductFactory(name_en="Surya scarf")
    gone = ProductFactory(name_en="Gone")
    gone_id = gone.pk
    gone.delete()
    event = AuditEvent(
        object_type="exhibitions.lead", changes={"products": [[], sorted([str(cloth.pk), str(scarf.pk), str(gone_id)])]}
    )
    with translation.override("en"), django_assert_num_queries(1):
        ((label, old, new),) = event.readable_changes
    assert (label, old) == ("products of interest", [])
    assert sorted(map(str, new)) == sorted(["Sekar Jagad cloth", "Surya scarf", str(gone_id)])
