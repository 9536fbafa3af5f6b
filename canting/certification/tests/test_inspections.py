"""Authenticity inspections: the checklist decides the outcome, a suspected imitation leaves the public showcase at
once, and a written resolution clears it, reclassifies it as tiruan, or withdraws it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as conf
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from canting.catalogue import services as catalogue
from canting.catalogue.models import Product
from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import SIGNS, Inspection, Outcome, outcome_of
from canting.certification.services import inspections
from canting.certification.tests.factories import BatchFactory, InspectionFactory
from canting.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db

ALL_YES = {sign.code: "yes" for sign in SIGNS}
PRINTED = {**ALL_YES, "colour_through": "no"}  # the back is pale: print, whatever else the front shows


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


def showcase_status(product: Product) -> int:
    with translation.override("id"):
        url = reverse("showcase:product", args=[product.slug])
    return Client().get(url).status_code


def inspect(staff: User, product: Product, answers: dict[str, str]) -> Inspection:
    return inspections.inspect(
        actor=staff, product=product, data={"answers": answers, "inspected_on": "2026-10-01", "notes": ""}
    )


# --- the outcome ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("technique", ["tulis", "cap", "kombinasi"])
def test_colour_that_does_not_go_through_decides_for_every_batik_technique(technique: str) -> None:
    assert outcome_of(technique, PRINTED) == Outcome.SUSPECTED
    assert outcome_of(technique, ALL_YES) == Outcome.CONFIRMED


@pytest.mark.parametrize("sign", ["strokes_vary", "fillings_vary"])
def test_the_hands_irregularities_decide_only_for_tulis(sign: str) -> None:
    answers = {**ALL_YES, sign: "no"}
    assert outcome_of("tulis", answers) == Outcome.SUSPECTED
    assert outcome_of("cap", answers) == Outcome.CONFIRMED
    assert outcome_of("kombinasi", answers) == Outcome.CONFIRMED


def test_half_the_signs_absent_make_a_suspicion_and_cannot_tell_counts_for_nothing() -> None:
    three_missing = {**ALL_YES, "wax_smell": "no", "crackle": "no", "repeat_irregular": "no"}
    assert outcome_of("cap", three_missing) == Outcome.CONFIRMED
    assert outcome_of("cap", {**three_missing, "back_differs": "no"}) == Outcome.SUSPECTED
    assert outcome_of("tulis", {**ALL_YES, "colour_through": "unclear", "strokes_vary": "unclear"}) == "confirmed"


# --- the hold on the showcase -----------------------------------------------------------------------------------
def test_a_suspected_imitation_leaves_the_showcase_at_once(
    staff: User, enterprise: Any, django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    assert showcase_status(product) == 200  # a visitor's view is now cached

    with django_capture_on_commit_callbacks(execute=True):
        inspection = inspect(staff, product, PRINTED)

    product.refresh_from_db()
    assert (inspection.outcome, inspection.declared_technique, product.quality_hold) == ("suspected", "tulis", True)
    assert not Product.objects.public().filter(pk=product.pk).exists()
    assert showcase_status(product) == 404
    hold = AuditEvent.objects.get(action="catalogue.product.quality_hold")
    assert (hold.actor, hold.changes) == (staff, {"quality_hold": [False, True]})


def test_a_confirmed_inspection_leaves_the_piece_on_show(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    inspection = inspect(staff, product, ALL_YES)
    product.refresh_from_db()
    assert (inspection.outcome, product.quality_hold) == ("confirmed", False)
    assert Product.objects.public().filter(pk=product.pk).exists()


def test_a_cleared_suspicion_brings_the_piece_back(
    staff: User, enterprise: Any, django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    inspection = inspect(staff, product, PRINTED)
    assert showcase_status(product) == 404

    with django_capture_on_commit_callbacks(execute=True):
        inspections.resolve(inspection, actor=staff, resolution="cleared", note="Dilihat ulang: warna tembus.")

    inspection.refresh_from_db()
    product.refresh_from_db()
    assert (inspection.resolution, inspection.resolved_by, inspection.is_open) == ("cleared", staff, False)
    assert (product.quality_hold, product.technique, product.status) == (False, "tulis", "published")
    assert showcase_status(product) == 200
    assert AuditEvent.objects.get(action="certification.inspection.resolved").note == "Dilihat ulang: warna tembus."


def test_a_reclassified_piece_becomes_tiruan_and_must_be_published_again_without_the_word_batik(
    staff: User, artisan: User, enterprise: Any
) -> None:
    product = ProductFactory(enterprise=enterprise, name_ind="Batik Tulis Sekar", name_en="Sekar hand-drawn batik")
    inspection = inspect(staff, product, PRINTED)

    inspections.resolve(inspection, actor=staff, resolution="reclassified", note="Cetak, diselesaikan canting.")

    product.refresh_from_db()
    assert (product.technique, product.status, product.quality_hold) == ("tiruan", "draft", False)
    assert not Product.objects.public().filter(pk=product.pk).exists()
    event = AuditEvent.objects.get(action="catalogue.product.reclassified")
    assert event.changes == {"technique": ["tulis", "tiruan"], "status": ["published", "draft"]}

    with pytest.raises(ValidationError):
        catalogue.set_status(product, "published", actor=artisan)
    product.refresh_from_db()
    assert product.status == "draft"
    catalogue.update_product(
        product, actor=artisan, changes={"name_ind": "Kain Cetak Sekar", "name_en": "Sekar printed cloth"}
    )
    catalogue.set_status(product, "published", actor=artisan)
    assert Product.objects.public().filter(pk=product.pk).exists()


def test_a_withdrawn_piece_is_archived(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    inspections.resolve(inspect(staff, product, PRINTED), actor=staff, resolution="withdrawn", note="Ditarik.")
    product.refresh_from_db()
    assert (product.status, product.quality_hold) == ("archived", False)


def test_the_hold_stays_while_another_suspicion_is_open(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    first = inspect(staff, product, PRINTED)
    inspect(staff, product, {**ALL_YES, "strokes_vary": "no"})

    inspections.resolve(first, actor=staff, resolution="cleared", note="Contoh pertama asli.")

    product.refresh_from_db()
    assert product.quality_hold is True
    assert not Product.objects.public().filter(pk=product.pk).exists()


# --- refusals -------------------------------------------------------------------------------------------------
def test_a_resolution_without_a_note_is_refused_and_changes_nothing(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    inspection = inspect(staff, product, PRINTED)

    with pytest.raises(ValidationError) as refused:
        inspections.resolve(inspection, actor=staff, resolution="cleared", note="  ")
    assert refused.value.message_dict == {"note": ["Write what was found and decided."]}

    response = client_for(staff).post(
        reverse("certification:inspection-resolve", args=[inspection.pk]), {"resolution": "cleared", "note": ""}
    )
    assert response.status_code == 200
    assert response.context["resolve_form"].has_error("note", code="required")

    inspection.refresh_from_db()
    product.refresh_from_db()
    assert (inspection.resolution, inspection.resolved_by, product.quality_hold) == ("", None, True)
    assert not AuditEvent.objects.filter(action="certification.inspection.resolved").exists()


def test_a_settled_inspection_cannot_be_resolved_again(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    confirmed = inspect(staff, product, ALL_YES)
    with pytest.raises(ValidationError) as refused:
        inspections.resolve(confirmed, actor=staff, resolution="cleared", note="x")
    assert refused.value.code == "not_open"


def test_a_piece_already_declared_tiruan_is_not_inspected(staff: User, enterprise: Any) -> None:
    printed = ProductFactory(enterprise=enterprise, technique="tiruan", name_ind="Kain Cetak", name_en="Printed")
    with pytest.raises(ValidationError) as refused:
        inspect(staff, printed, PRINTED)
    assert refused.value.code == "tiruan"
    assert Inspection.objects.count() == 0
    page = client_for(staff).get(reverse("certification:inspection-create", args=[printed.pk])).content.decode()
    assert "already declared tiruan" in page and 'name="sign_colour_through"' not in page


def test_unknown_signs_and_answers_are_refused(staff: User, enterprise: Any) -> None:
    product = ProductFactory(enterprise=enterprise)
    for answers in ({"glue_smell": "yes"}, {"wax_smell": "maybe"}, {}):
        with pytest.raises(ValidationError):
            inspect(staff, product, answers)
    assert Inspection.objects.count() == 0


# --- pages -----------------------------------------------------------------------------------------------------
def test_staff_fill_in_the_checklist_and_the_artisan_reads_the_outcome(
    staff: User, artisan: User, other_artisan: User, enterprise: Any
) -> None:
    product = ProductFactory(enterprise=enterprise)
    batch = BatchFactory(product=product)
    form = {f"sign_{code}": answer for code, answer in PRINTED.items()}

    missing = client_for(staff).post(reverse("certification:inspection-create", args=[product.pk]), {})
    assert missing.status_code == 200
    assert missing.context["form"].has_error("sign_colour_through", code="required")

    response = client_for(staff).post(
        reverse("certification:inspection-create", args=[product.pk]),
        {**form, "inspected_on": "2026-10-02", "batch": batch.pk, "notes": "Bagian belakang pucat."},
    )

    inspection = Inspection.objects.get()
    assert response["Location"] == reverse("certification:inspection-detail", args=[inspection.pk])
    assert (inspection.answers, inspection.batch, inspection.inspector) == (PRINTED, batch, staff)
    url = reverse("certification:inspection-detail", args=[inspection.pk])
    page = client_for(artisan).get(url).content.decode()
    assert "held back from the public showcase" in page
    assert 'action="' + reverse("certification:inspection-resolve", args=[inspection.pk]) not in page
    assert client_for(other_artisan).get(url).status_code == 404


def test_the_inspection_list_shows_open_suspicions(staff: User, artisan: User, enterprise: Any) -> None:
    held = ProductFactory(enterprise=enterprise)
    open_one = InspectionFactory(product=held, outcome="suspected")
    InspectionFactory(product=held, outcome="suspected", resolution="cleared")
    InspectionFactory(product=held)

    listed = client_for(staff).get(reverse("certification:inspection-list"), {"open": "true"})
    assert list(listed.context["object_list"]) == [open_one]
    assert client_for(artisan).get(reverse("certification:inspection-list")).context["total"] == 3
