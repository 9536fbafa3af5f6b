"""Every URL pattern, opened by every role, answers what this table says.

The table is the specification of who may open what. A new URL pattern without a row here fails the test, so
no page or endpoint is added without deciding its audience. Objects in the URLs belong to ``artisan``'s
enterprise: ``other_artisan`` must get 404 for them, never another enterprise's data.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from canting.certification.tests import url_roles as certification
from canting.core.models import Area
from canting.core.testing import make_user
from canting.core.xlsx import XLSX_TYPE
from canting.dashboard.tests import url_roles as dashboard
from canting.exhibitions.tests import url_roles as exhibitions
from canting.facilities.models import Facility
from canting.facilities.tests import url_roles as facilities
from canting.registry.tests.factories import ApplicationFactory, CentreFactory, FacilitationFactory
from canting.trade.tests import url_roles as trade
from canting.training.tests import url_roles as training
from canting.turnover.tests import url_roles as turnover

# The office's events, seen whole by every officer of the area: trainings (and their door check-in), exhibitions
# (and a lead captured at one, turned into an inquiry).
EVENTS = (
    "training:session",
    "training:programme",
    "training:door",
    "exhibitions:",
    "trade:lead-",
    "api-session",
    "api-programme",
)
ROLES = ("staff", "artisan", "other_artisan", "assessor", "visitor")
LOGIN = 302  # a visitor is sent to the sign-in page

# route name -> answer per role, in ROLES order.
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "home": (200, 302, 302, 200, 302),  # a visitor goes on to the showcase in their language
    "login": (302, 302, 302, 302, 200),
    "logout": (405, 405, 405, 405, 405),
    "password-change": (200, 200, 200, 200, LOGIN),
    "password-set": (200, 200, 200, 200, 200),  # the sample link is not a valid one: the page says so
    "api-token": (200, 200, 200, 200, LOGIN),
    "data-to-confirm": (200, 403, 403, 403, LOGIN),
    "area-options": (200, 200, 200, 200, 200),
    "health": (200, 200, 200, 200, 200),
    "favicon": (200, 200, 200, 200, 200),
    "registry:centre-list": (200, 403, 403, 403, LOGIN),
    "registry:centre-create": (403, 403, 403, 403, LOGIN),  # staff without the right to manage centres
    "registry:centre-edit": (403, 403, 403, 403, LOGIN),
    "registry:enterprise-list": (200, 403, 403, 403, LOGIN),
    "registry:enterprise-create": (200, 403, 403, 403, LOGIN),
    "registry:enterprise-options": (200, 200, 200, 403, LOGIN),  # each finds only the enterprises they may see
    "registry:person-options": (200, 200, 200, 403, LOGIN),  # each finds only the people they may see
    "registry:my-enterprise": (403, 302, 302, 403, LOGIN),
    "registry:enterprise-detail": (200, 200, 404, 403, LOGIN),
    "registry:enterprise-edit": (200, 200, 404, 403, LOGIN),
    "registry:member-create": (200, 200, 404, 403, LOGIN),
    "registry:facilitation-create": (200, 403, 403, 403, LOGIN),
    "registry:membership-remove": (405, 405, 405, 403, LOGIN),
    "registry:facilitation-edit": (200, 403, 403, 403, LOGIN),
    "registry:facilitation-evidence": (404, 404, 404, 403, LOGIN),  # the sample has no file
    "registry:person-list": (200, 403, 403, 403, LOGIN),
    "registry:person-detail": (200, 200, 404, 403, LOGIN),
    "registry:person-edit": (200, 200, 404, 403, LOGIN),
    "registry:person-data": (200, 403, 403, 403, LOGIN),
    "registry:person-erase": (405, 403, 403, 403, LOGIN),
    "registry:register": (200, 200, 200, 200, 200),
    "registry:register-status": (200, 200, 200, 200, 200),
    "registry:application-list": (200, 403, 403, 403, LOGIN),
    "registry:application-detail": (200, 403, 403, 403, LOGIN),
    "registry:application-approve": (405, 403, 403, 403, LOGIN),
    "registry:application-reject": (405, 403, 403, 403, LOGIN),
    "registry:import-upload": (200, 403, 403, 403, LOGIN),
    "registry:import-template": (200, 403, 403, 403, LOGIN),
    "registry:import-preview": (200, 403, 403, 403, LOGIN),
    "registry:import-status": (200, 403, 403, 403, LOGIN),
    "catalogue:product-list": (200, 200, 200, 403, LOGIN),
    "catalogue:product-create": (200, 200, 200, 403, LOGIN),
    "catalogue:product-edit": (200, 200, 404, 403, LOGIN),
    "catalogue:product-status": (405, 405, 404, 403, LOGIN),
    "catalogue:product-feature": (405, 403, 403, 403, LOGIN),
    "catalogue:picture-delete": (405, 405, 405, 403, LOGIN),
    "catalogue:motif-list": (200, 403, 403, 403, LOGIN),
    "catalogue:motif-create": (200, 403, 403, 403, LOGIN),
    "catalogue:motif-edit": (200, 403, 403, 403, LOGIN),
    "catalogue:feed": (200, 200, 200, 403, LOGIN),
    "api-product-list": (200, 200, 200, 200, 200),
    "api-product-detail": (200, 200, 200, 200, 200),
    "api-product-pictures": (405, 405, 405, 405, 405),
    "api-motif-list": (200, 200, 200, 200, 200),
    "api-motif-detail": (200, 200, 200, 200, 200),
    "api-motif-pictures": (405, 405, 405, 405, 405),
    "api-picture-detail": (405, 405, 405, 403, 403),
    "showcase:home": (200, 200, 200, 200, 200),
    "showcase:products": (200, 200, 200, 200, 200),
    "showcase:product": (200, 200, 200, 200, 200),
    "showcase:motifs": (200, 200, 200, 200, 200),
    "showcase:motif": (200, 200, 200, 200, 200),
    "showcase:enterprise": (200, 200, 200, 200, 200),
    "sitemap": (200, 200, 200, 200, 200),
    "robots-txt": (200, 200, 200, 200, 200),
    "catalogue-media": (200, 200, 200, 200, 200),
    "api-schema": (200, 200, 200, 200, 200),
    "api-area-list": (200, 200, 200, 200, 200),
    "api-area-detail": (200, 200, 200, 200, 200),
    "api-enterprise-list": (200, 200, 200, 403, 403),
    "api-enterprise-detail": (200, 200, 404, 403, 403),
    "api-person-list": (200, 200, 200, 403, 403),
    "api-person-detail": (200, 200, 404, 403, 403),
    "api-facilitation-list": (200, 200, 200, 403, 403),
    "api-facilitation-detail": (200, 200, 404, 403, 403),
    "api-docs": (200, 200, 200, 200, 200),
    **certification.EXPECTED,
    **training.EXPECTED,
    **turnover.EXPECTED,
    **dashboard.EXPECTED,
    **facilities.EXPECTED,
    **exhibitions.EXPECTED,
    **trade.EXPECTED,
}
TARGETS = {
    **certification.TARGETS,
    **training.TARGETS,
    **turnover.TARGETS,
    **dashboard.TARGETS,
    **facilities.TARGETS,
    **exhibitions.TARGETS,
    **trade.TARGETS,
}
# Django's own pages with their own rules: the admin (superusers only) and the language switch.
SKIPPED_PREFIXES = ("admin:", "set_language", "javascript-catalog")


def walk(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            found.extend(walk(item, ns))
        elif item.name:
            found.append((namespace + item.name, item))
    return found


def named_patterns() -> dict[str, URLPattern]:
    return {name: p for name, p in walk(get_resolver()) if not name.startswith(SKIPPED_PREFIXES)}


@pytest.fixture(scope="module")
def samples(module_personas: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One object of every kind the URLs name, made once for the walk; they belong to the artisan's enterprise.
    ``media`` is where their files are."""
    media = tmp_path_factory.mktemp("walk-media")
    with override_settings(MEDIA_ROOT=media):
        return {"media": media, **make_samples(module_personas)}


def make_samples(personas: dict[str, Any]) -> dict[str, Any]:
    from canting.registry.models import ImportBatch

    staff, artisan, assessor = (personas[role] for role in ("staff", "artisan", "assessor"))
    enterprise = artisan.enterprise

    person = enterprise.memberships.get(role="owner").person
    application = ApplicationFactory()
    batch = ImportBatch.objects.create(created_by=staff, filename="ikm.xlsx", sha256="0" * 64)
    catalogue = catalogue_samples(staff, artisan, enterprise)
    return {
        "enterprise": enterprise,
        "person": person,
        "membership": enterprise.memberships.get(role="owner"),
        "facilitation": FacilitationFactory(enterprise=enterprise),
        "application": application,
        "import_batch": batch,
        "area": Area.objects.get(code="35.76"),
        "centre": CentreFactory(),
        **catalogue,
        **certification.samples(staff, artisan, enterprise, catalogue["product"]),
        **training.samples(staff, artisan, assessor, enterprise),
        **turnover.samples(staff, artisan, assessor, enterprise),
        **dashboard.samples(staff, artisan, assessor, enterprise),
        **facilities.samples(staff, artisan, assessor, enterprise),
        **exhibitions.samples(staff, artisan, assessor, enterprise),
        **trade.samples(staff, artisan, assessor, enterprise),
    }


def catalogue_samples(staff: Any, artisan: Any, enterprise: Any) -> dict[str, Any]:
    import io
    from decimal import Decimal

    from PIL import Image

    from canting.catalogue import services

    motif = services.save_motif(
        actor=staff, data={"name_ind": "Surya Majapahit", "region": "Mojokerto", "story_ind": "Matahari."}
    )
    product = services.create_product(
        actor=artisan,
        enterprise=enterprise,
        data={
            "name_ind": "Kain",
            "sku": "K1",
            "technique": "tulis",
            "product_type": "sarung",
            "fabric": "prima",
            "price": Decimal(1),
        },
        motifs=[motif],
    )
    services.set_status(product, "published", actor=artisan)
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), "#8a5a2b").save(photo, "PNG")
    photo.seek(0)
    picture = services.add_picture(actor=artisan, upload=photo, size=None, alt_text={"ind": "Kain"}, product=product)
    return {"product": product, "motif": motif, "picture": picture}


def url_for(name: str, pattern: URLPattern, samples: dict[str, Any]) -> str:
    from django.urls import reverse

    keys = set(pattern.pattern.regex.groupindex)
    if not keys:
        return reverse(name) + ("?province=35" if name == "area-options" else "")
    target = {
        "registry:membership-remove": samples["membership"],
        "registry:facilitation-edit": samples["facilitation"],
        "registry:facilitation-evidence": samples["facilitation"],
        "registry:person-detail": samples["person"],
        "api-person-detail": samples["person"],
        "api-facilitation-detail": samples["facilitation"],
        "api-area-detail": samples["area"],
        "catalogue:product-edit": samples["product"],
        "catalogue:product-status": samples["product"],
        "catalogue:product-feature": samples["product"],
        "catalogue:picture-delete": samples["picture"],
        "api-product-detail": samples["product"],
        "api-product-pictures": samples["product"],
        "api-motif-detail": samples["motif"],
        "api-motif-pictures": samples["motif"],
        "api-picture-detail": samples["picture"],
        "showcase:product": samples["product"],
        "showcase:motif": samples["motif"],
        "catalogue-media": samples["picture"],
        "catalogue:motif-edit": samples["motif"],
        "registry:person-edit": samples["person"],
        "registry:person-data": samples["person"],
        "registry:person-erase": samples["person"],
        "registry:application-detail": samples["application"],
        "registry:application-approve": samples["application"],
        "registry:application-reject": samples["application"],
        "registry:register-status": samples["application"],
        "registry:import-preview": samples["import_batch"],
        "registry:import-status": samples["import_batch"],
        "registry:centre-edit": samples["centre"],
        "password-set": samples["application"],
    }.get(name) or samples[TARGETS.get(name, "enterprise")]
    values = {
        "token": lambda t: t.token,
        "code": lambda t: t.door_code if name == "training:door-checkin" else t.code,
        "slug": lambda t: t.slug,
        "fmt": lambda t: "xlsx",
        "kind": lambda t: "invoice",
        "path": lambda t: t.renditions["320"].removeprefix("catalogue/"),
    }
    kwargs = {key: values.get(key, lambda t: t.pk)(target) for key in keys}
    return reverse(name, kwargs=kwargs)


def test_every_url_pattern_has_an_expectation() -> None:
    missing = sorted(set(named_patterns()) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(named_patterns()))
    assert not missing, f"URL patterns without a row in EXPECTED: {missing}"
    assert not stale, f"rows in EXPECTED for URL patterns that no longer exist: {stale}"


def test_every_view_declares_its_roles() -> None:
    for name, pattern in named_patterns().items():
        view = pattern.callback
        cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
        roles = getattr(cls, "allowed_roles", None) if cls else getattr(view, "allowed_roles", None)
        assert roles, f"{name} does not declare allowed_roles"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_role_gets_the_expected_answer(
    name: str, module_personas: dict[str, Any], samples: dict[str, Any], settings: Any
) -> None:
    settings.MEDIA_ROOT = samples["media"]
    url = url_for(name, named_patterns()[name], samples)
    answers = {}
    for role in ROLES:
        client = Client()
        if module_personas[role] is not None:
            client.force_login(module_personas[role])
        answers[role] = client.get(url).status_code
    expected = dict(zip(ROLES, EXPECTED[name], strict=True))
    assert answers == expected, f"GET {url}: " + ", ".join(
        f"{role} {answers[role]} (expected {status})" for role, status in expected.items() if answers[role] != status
    )


def readable(answer: Any) -> str:
    """What a person reads in an answer: the page, or every cell of a workbook."""
    if answer.get("Content-Type", "").startswith(XLSX_TYPE):
        book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
        return " ".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    if answer.get("Content-Type", "").startswith(("text/", "application/json")):
        return answer.content.decode(errors="replace")
    return ""


@pytest.mark.django_db
def test_an_officer_kept_to_one_centre_sees_nothing_of_another_centre(
    module_personas: dict[str, Any], samples: dict[str, Any], settings: Any
) -> None:
    """No page, list or workbook shows the artisan's enterprise to an officer of another centre when it shows it to
    national staff (a detail page of its objects answers 404); every list that shows it to national staff shows it
    to an officer of its own centre. Public pages are left out (everyone reads them), and so are the office's events
    (training sessions and exhibitions), which every officer of the area sees whole."""
    settings.MEDIA_ROOT = samples["media"]
    enterprise = module_personas["artisan"].enterprise
    ours, theirs = CentreFactory(name="Sentra Kedungsari"), CentreFactory(name="Sentra Miji")
    type(enterprise).objects.filter(pk=enterprise.pk).update(centre=ours)
    Facility.objects.update(centre=ours)  # it books at its own centre
    ours_officer = make_user("sari", "staff", centre=ours)
    theirs_officer = make_user("tono", "staff", centre=theirs)
    patterns = named_patterns()
    shown, failures = [], []
    for name, expected in EXPECTED.items():
        if expected[0] != 200 or expected[-1] == 200 or name.startswith(EVENTS):
            continue
        url = url_for(name, patterns[name], samples)
        is_list = not patterns[name].pattern.regex.groupindex
        for suffix in ("", "?format=xlsx"):
            texts = []
            for officer in (module_personas["staff"], ours_officer, theirs_officer):
                client = Client()
                client.force_login(officer)
                texts.append(readable(client.get(url + suffix)))
            national, own, other = (enterprise.name in text for text in texts)
            if national:
                shown.append(url + suffix)
                if is_list and not own:
                    failures.append(f"{url}{suffix}: its centre's officer does not see the enterprise")
                if other:
                    failures.append(f"{url}{suffix}: another centre's officer sees it")
    assert len(shown) >= 30, shown  # the walk reaches the enterprise on many pages, lists and workbooks
    assert not failures, "\n".join(failures)
