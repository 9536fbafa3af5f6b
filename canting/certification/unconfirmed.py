"""Quality's rows still to confirm: test limits not yet checked against their standard's text."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from canting.certification.models import Parameter
from canting.core.unconfirmed import Unconfirmed


def provisional_limits() -> list[Unconfirmed]:
    return [
        Unconfirmed(
            topic=_("Test limits"),
            row=f"{p.standard} · {p.name}",
            doubt=_(
                "Provisional: the limit is not yet checked against the standard's text, so results judged by it "
                "show publicly as measured, without a pass mark."
            ),
            source=p.standard.source,
            url=reverse("certification:standard-edit", args=[p.standard_id]),
        )
        for p in Parameter.objects.filter(limit_checked=False).select_related("standard").order_by("standard", "name")
    ]
