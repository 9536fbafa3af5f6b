"""Services refuse to act on what their actor could not see (``require_visible``) and keep staff work for staff
(``require_staff``), whoever calls them: a page, the API or a script. Nothing is written when they refuse."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from canting.catalogue import services as catalogue
from canting.catalogue.models import Motif, Picture, Product
from canting.core.models import AuditEvent
from canting.core.testing import make_user
from canting.registry import services as registry
from canting.registry.models import Enterprise, Facilitation, Membership
from canting.registry.tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def photo() -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (400, 300), "#8a5a2b").save(data, "PNG")
    data.seek(0)
    return data


def piece(artisan: Any) -> Product:
    return catalogue.create_product(
        actor=artisan,
        enterprise=artisan.enterprise,
        data={"name_ind": "Kain", "sku": "K1", "technique": "tulis", "product_type": "sarung", "fabric": "prima",
              "price": Decimal(1)},
    )  # fmt: skip


def test_another_enterprises_records_are_refused_and_nothing_changes(
    artisan: Any, other_artisan: Any, enterprise: Enterprise
) -> None:
    owner = enterprise.memberships.get()
    events = AuditEvent.objects.count()
    attempts = [
        lambda: registry.update_enterprise(enterprise, actor=other_artisan, changes={"name": "Diambil"}),
        lambda: registry.update_person(owner.person, actor=other_artisan, changes={"full_name": "Diambil"}),
        lambda: registry.add_membership(actor=other_artisan, enterprise=enterprise, person=owner.person, role="worker"),
        lambda: registry.remove_membership(owner, actor=other_artisan),
        lambda: registry.record_facilitation(
            actor=other_artisan, enterprise=enterprise, data={"kind": "nib", "status": "granted"}
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "outside_area"

    enterprise.refresh_from_db()
    assert enterprise.name == "Batik Sekar Uji"
    assert Membership.objects.filter(enterprise=enterprise).count() == 1
    assert not Facilitation.objects.exists()
    assert AuditEvent.objects.count() == events


def test_another_enterprises_piece_and_the_motif_registry_are_refused(artisan: Any, other_artisan: Any) -> None:
    kain = piece(artisan)
    motif = Motif.objects.create(name_ind="Surya Majapahit", region="Mojokerto", story_ind="Matahari.")

    with pytest.raises(ValidationError):
        catalogue.update_product(kain, actor=other_artisan, changes={"name_ind": "Diambil"})
    with pytest.raises(ValidationError):
        catalogue.create_product(actor=other_artisan, enterprise=artisan.enterprise, data={"name_ind": "Palsu"})
    with pytest.raises(ValidationError):
        catalogue.add_picture(actor=other_artisan, upload=photo(), size=None, alt_text={"ind": "Kain"}, product=kain)
    with pytest.raises(ValidationError) as refused:
        catalogue.add_picture(actor=artisan, upload=photo(), size=None, alt_text={"ind": "Motif"}, motif=motif)
    assert refused.value.code == "not_staff"

    kain.refresh_from_db()
    assert kain.name_ind == "Kain"
    assert Product.objects.count() == 1
    assert not Picture.objects.exists()


def test_the_maker_and_staff_still_change_their_own(artisan: Any, staff: Any) -> None:
    kain = piece(artisan)

    catalogue.update_product(kain, actor=artisan, changes={"name_ind": "Kain Panjang"})
    catalogue.add_picture(actor=artisan, upload=photo(), size=None, alt_text={"ind": "Kain"}, product=kain)
    registry.update_enterprise(artisan.enterprise, actor=staff, changes={"brand": "Sekar"})

    kain.refresh_from_db()
    artisan.enterprise.refresh_from_db()
    assert (kain.name_ind, kain.pictures.count(), artisan.enterprise.brand) == ("Kain Panjang", 1, "Sekar")


def test_an_officer_of_another_centre_may_not_change_the_enterprise(enterprise: Enterprise) -> None:
    ours, theirs = CentreFactory(), CentreFactory()
    Enterprise.objects.filter(pk=enterprise.pk).update(centre=ours)
    officer = make_user("tono", "staff", centre=theirs)

    with pytest.raises(ValidationError):
        registry.update_enterprise(enterprise, actor=officer, changes={"name": "Diambil"})
    registry.update_enterprise(enterprise, actor=make_user("sari", "staff", centre=ours), changes={"brand": "Sekar"})

    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.brand) == ("Batik Sekar Uji", "Sekar")
