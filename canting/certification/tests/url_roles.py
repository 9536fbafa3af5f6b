"""Who may open quality and certification's URLs: rows for the role-by-URL walk in core/tests/test_url_walk.py.

Objects belong to ``artisan``'s enterprise, so ``other_artisan`` must get 404 for each of them.
"""

from __future__ import annotations

from typing import Any

LOGIN = 302
PUBLIC = (200, 200, 200, 200, 200)
STAFF_ONLY = (200, 403, 403, 403, LOGIN)
STAFF_POST = (405, 403, 403, 403, LOGIN)
ENTERPRISE_LIST = (200, 200, 200, 403, LOGIN)  # each artisan sees their own enterprise's
ENTERPRISE_OBJECT = (200, 200, 404, 403, LOGIN)
API_LIST = (200, 200, 200, 403, 403)
API_OBJECT = (200, 200, 404, 403, 403)

EXPECTED: dict[str, tuple[int, int, int, int, int]] = {
    "certification:standard-list": (200, 200, 200, 200, LOGIN),
    "certification:standard-create": STAFF_ONLY,
    "certification:standard-edit": STAFF_ONLY,
    "certification:laboratory-list": STAFF_ONLY,
    "certification:laboratory-create": STAFF_ONLY,
    "certification:laboratory-edit": STAFF_ONLY,
    "certification:batch-list": ENTERPRISE_LIST,
    "certification:batch-create": ENTERPRISE_LIST,
    "certification:batch-detail": ENTERPRISE_OBJECT,
    "certification:batch-edit": ENTERPRISE_OBJECT,
    "certification:batch-revoke-labels": STAFF_POST,
    "certification:report-list": ENTERPRISE_LIST,
    "certification:report-create": STAFF_ONLY,
    "certification:report-detail": ENTERPRISE_OBJECT,
    "certification:report-edit": STAFF_ONLY,
    "certification:report-results": STAFF_ONLY,
    "certification:report-override": STAFF_POST,
    "certification:report-document": (404, 404, 404, 403, LOGIN),  # the sample report has no file
    "certification:inspection-list": ENTERPRISE_LIST,
    "certification:inspection-create": STAFF_ONLY,
    "certification:inspection-detail": ENTERPRISE_OBJECT,
    "certification:inspection-resolve": STAFF_POST,
    "certification:certification-list": ENTERPRISE_LIST,
    "certification:certification-create": STAFF_ONLY,
    "certification:certification-detail": ENTERPRISE_OBJECT,
    "certification:certification-edit": STAFF_ONLY,
    "certification:certification-status": STAFF_POST,
    "certification:certification-document": (404, 404, 404, 403, LOGIN),  # the sample has no scan
    "certification:enterprise-summary": ENTERPRISE_OBJECT,
    "certification:readiness-list": STAFF_ONLY,
    "certification:readiness-detail": ENTERPRISE_OBJECT,
    "certification:label-run-list": ENTERPRISE_LIST,
    "certification:label-run-create": STAFF_ONLY,
    "certification:label-run-detail": ENTERPRISE_OBJECT,
    "certification:label-run-sheet": ENTERPRISE_OBJECT,
    "certification:label-run-revoke": STAFF_POST,
    "certification:label-list": ENTERPRISE_LIST,
    "certification:label-revoke": STAFF_POST,
    "certification:label-checks": ENTERPRISE_LIST,
    "passport-short": (302, 302, 302, 302, 302),  # on to the passport in the reader's language
    "passport:lookup": PUBLIC,
    "passport:detail": PUBLIC,
    "api-standard-list": (200, 200, 200, 200, 403),
    "api-standard-detail": (200, 200, 200, 200, 403),
    "api-batch-list": API_LIST,
    "api-batch-detail": API_OBJECT,
    "api-test-report-list": API_LIST,
    "api-test-report-detail": API_OBJECT,
    "api-certification-list": API_LIST,
    "api-certification-detail": API_OBJECT,
    "api-label-run-list": API_LIST,
    "api-label-run-detail": API_OBJECT,
    "api-label-list": API_LIST,
    "api-label-detail": API_OBJECT,
    "api-passport-detail": PUBLIC,
}


def samples(staff: Any, artisan: Any, enterprise: Any, product: Any) -> dict[str, Any]:
    """One object of each kind, belonging to ``enterprise``."""
    from canting.certification.tests.factories import (
        BatchFactory,
        CertificationFactory,
        InspectionFactory,
        LabelRunFactory,
        LaboratoryFactory,
        ParameterFactory,
        TestReportFactory,
    )

    batch = BatchFactory(product=product)
    run = LabelRunFactory(batch=batch, count=2)
    return {
        "standard": ParameterFactory().standard,
        "laboratory": LaboratoryFactory(),
        "batch": batch,
        "report": TestReportFactory(batch=batch),
        "inspection": InspectionFactory(product=product),
        "certification": CertificationFactory(enterprise=enterprise),
        "label_run": run,
        "label": run.labels.first(),
    }


# route name -> sample key, for routes whose object is not the enterprise.
TARGETS = {
    "certification:standard-edit": "standard",
    "api-standard-detail": "standard",
    "certification:laboratory-edit": "laboratory",
    "certification:batch-detail": "batch",
    "certification:batch-edit": "batch",
    "certification:batch-revoke-labels": "batch",
    "api-batch-detail": "batch",
    "certification:report-detail": "report",
    "certification:report-edit": "report",
    "certification:report-results": "report",
    "certification:report-override": "report",
    "certification:report-document": "report",
    "api-test-report-detail": "report",
    "certification:inspection-create": "product",
    "certification:inspection-detail": "inspection",
    "certification:inspection-resolve": "inspection",
    "certification:certification-detail": "certification",
    "certification:certification-edit": "certification",
    "certification:certification-status": "certification",
    "certification:certification-document": "certification",
    "api-certification-detail": "certification",
    "certification:label-run-detail": "label_run",
    "certification:label-run-sheet": "label_run",
    "certification:label-run-revoke": "label_run",
    "api-label-run-detail": "label_run",
    "certification:label-revoke": "label",
    "api-label-detail": "label",
    "passport-short": "label",
    "passport:detail": "label",
    "api-passport-detail": "label",
}
