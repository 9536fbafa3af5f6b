"""Demo data: Kota Mojokerto's batik centre, deterministic, so every laptop shows the same programme.

Each app writes its own part (its ``demo`` module); this package loads them in order. It stands above the apps:
none of them imports it. Dates of the story that must keep their distance from today go through
``canting.core.dates.as_of_today``."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from canting.core.site import site_url

DEMO_PASSWORD = "batik-mojokerto"  # noqa: S105 -- printed on purpose: it opens the demo only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    what: str


DEMO_LOGINS = (
    DemoLogin("petugas", "staff", "Officer of Diskopukmperindag Kota Mojokerto"),
    DemoLogin("perajin", "artisan", "Owner of the first demo enterprise"),
    DemoLogin("perajin2", "artisan", "Owner of the second demo enterprise"),
    DemoLogin("asesor", "assessor", "Trainer and assessor"),
)


def is_loaded() -> bool:
    from canting.registry.models import Enterprise

    return Enterprise.objects.exists()


@transaction.atomic
def load(seed: int = 1940) -> None:
    """Load every module's demo data, in dependency order, from one seeded random source."""
    from canting.catalogue import demo as catalogue_demo
    from canting.certification import demo as certification_demo
    from canting.core.models import User
    from canting.exhibitions import demo as exhibitions_demo
    from canting.facilities import demo as facilities_demo
    from canting.registry import demo as registry_demo
    from canting.trade import demo as trade_demo
    from canting.training import demo as training_demo
    from canting.turnover import demo as turnover_demo

    rng = random.Random(seed)
    registry_demo.load(rng, password=DEMO_PASSWORD)
    staff = User.objects.get(username="petugas")
    catalogue_demo.load(rng, staff=staff)
    certification_demo.load(rng, staff=staff)
    training_demo.load(rng, staff=staff)
    turnover_demo.load(rng, staff=staff)
    facilities_demo.load(rng, staff=staff)
    exhibitions_demo.load(rng, staff=staff)
    trade_demo.load(rng, staff=staff)
    # The readiness list reads stored scores, which the daily task keeps: computed once every module is loaded.
    turnover_demo.score_readiness()


def logins_text() -> str:
    """The demo's logins, and a certified piece's passport at the site's address, for the console."""
    from canting.certification.models import Label

    lines = ["Demo logins (password for all: " + DEMO_PASSWORD + "):"]
    for login in DEMO_LOGINS:
        lines.append(f"  {login.role:<9} {login.username:<10} {login.what}")
    # Label codes are random, so each database has its own: name one a buyer could scan.
    label = Label.objects.filter(status="active", run__certification__isnull=False).order_by("run", "position").first()
    if label is not None:
        lines.append(f"A certified piece's product passport, as its QR code opens it: {site_url(f'/p/{label.code}')}")
    return "\n".join(lines)
