"""Who may open exhibitions' URLs (this part): rows for the role-by-URL walk in core/tests/test_url_walk.py."""

from __future__ import annotations

from typing import Any

LOGIN = 302

# staff, artisan, other_artisan, assessor, visitor
EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "exhibitions:exhibition-list": (200, 200, 200, 403, LOGIN),
    "exhibitions:exhibition-create": (200, 403, 403, 403, LOGIN),
    "exhibitions:exhibition-detail": (200, 200, 200, 403, LOGIN),  # every artisan reads every call, to apply
    "exhibitions:exhibition-edit": (200, 403, 403, 403, LOGIN),
    "exhibitions:booths": (200, 403, 403, 403, LOGIN),
    "exhibitions:apply": (403, 405, 405, 403, LOGIN),  # POST only; artisans apply for their own enterprise
    "exhibitions:invite": (405, 403, 403, 403, LOGIN),
    "exhibitions:applicants": (200, 403, 403, 403, LOGIN),
    "exhibitions:exhibitor-decide": (405, 403, 403, 403, LOGIN),
    "exhibitions:exhibitor-assign": (405, 403, 403, 403, LOGIN),
    "exhibitions:my-exhibitions": (403, 200, 200, 403, LOGIN),
    "exhibitions:enterprise-history": (200, 200, 404, 403, LOGIN),
    "events:calendar": (200, 200, 200, 200, 200),
    "events:detail": (200, 200, 200, 200, 200),
}


def samples(staff: Any, artisan: Any, assessor: Any, enterprise: Any) -> dict[str, Any]:
    import datetime

    from canting.exhibitions.models import BoothAssignment
    from canting.exhibitions.tests.factories import BoothFactory, ExhibitionFactory, ExhibitorFactory

    exhibition = ExhibitionFactory(name="Pameran Batik Jalan-jalan", area_id="35.76")
    booth = BoothFactory(exhibition=exhibition, code="A1")
    exhibitor = ExhibitorFactory(exhibition=exhibition, enterprise=enterprise)
    BoothAssignment.objects.create(
        booth=booth, exhibitor=exhibitor, starts_on=datetime.date(2023, 10, 6), ends_on=datetime.date(2023, 10, 10)
    )
    return {"exhibition_h": exhibition, "exhibitor_h": exhibitor}


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS: dict[str, str] = {
    "exhibitions:exhibition-detail": "exhibition_h",
    "exhibitions:exhibition-edit": "exhibition_h",
    "exhibitions:booths": "exhibition_h",
    "exhibitions:apply": "exhibition_h",
    "exhibitions:invite": "exhibition_h",
    "exhibitions:applicants": "exhibition_h",
    "exhibitions:exhibitor-decide": "exhibitor_h",
    "exhibitions:exhibitor-assign": "exhibitor_h",
    "events:detail": "exhibition_h",
}
