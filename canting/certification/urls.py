"""Quality and certification's working pages, under /quality/."""

from django.urls import path

from canting.certification.views import batches, certifications, inspections, labels, readiness, reports, standards

app_name = "certification"
urlpatterns = [
    path("standards/", standards.StandardListView.as_view(), name="standard-list"),
    path("standards/new/", standards.StandardCreateView.as_view(), name="standard-create"),
    path("standards/<int:pk>/", standards.StandardUpdateView.as_view(), name="standard-edit"),
    path("laboratories/", standards.LaboratoryListView.as_view(), name="laboratory-list"),
    path("laboratories/new/", standards.LaboratoryCreateView.as_view(), name="laboratory-create"),
    path("laboratories/<int:pk>/", standards.LaboratoryUpdateView.as_view(), name="laboratory-edit"),
    path("batches/", batches.BatchListView.as_view(), name="batch-list"),
    path("batches/new/", batches.BatchCreateView.as_view(), name="batch-create"),
    path("batches/<int:pk>/", batches.BatchDetailView.as_view(), name="batch-detail"),
    path("batches/<int:pk>/edit/", batches.BatchUpdateView.as_view(), name="batch-edit"),
    path("batches/<int:pk>/revoke-labels/", batches.BatchRevokeLabelsView.as_view(), name="batch-revoke-labels"),
    path("reports/", reports.ReportListView.as_view(), name="report-list"),
    path("reports/new/", reports.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", reports.ReportUpdateView.as_view(), name="report-edit"),
    path("reports/<int:pk>/results/", reports.ReportResultsView.as_view(), name="report-results"),
    path("reports/<int:pk>/verdict/", reports.ReportOverrideView.as_view(), name="report-override"),
    path("reports/<int:pk>/document/", reports.ReportDocumentView.as_view(), name="report-document"),
    path("inspections/", inspections.InspectionListView.as_view(), name="inspection-list"),
    path("inspections/new/<int:product>/", inspections.InspectionCreateView.as_view(), name="inspection-create"),
    path("inspections/<int:pk>/", inspections.InspectionDetailView.as_view(), name="inspection-detail"),
    path("inspections/<int:pk>/resolve/", inspections.InspectionResolveView.as_view(), name="inspection-resolve"),
    path("certifications/", certifications.CertificationListView.as_view(), name="certification-list"),
    path("certifications/new/", certifications.CertificationCreateView.as_view(), name="certification-create"),
    path("certifications/<int:pk>/", certifications.CertificationDetailView.as_view(), name="certification-detail"),
    path("certifications/<int:pk>/edit/", certifications.CertificationUpdateView.as_view(), name="certification-edit"),
    path(
        "certifications/<int:pk>/status/", certifications.CertificationStatusView.as_view(), name="certification-status"
    ),
    path(
        "certifications/<int:pk>/document/",
        certifications.CertificationDocumentView.as_view(),
        name="certification-document",
    ),
    path("enterprises/<int:pk>/summary.pdf", certifications.SummaryPdfView.as_view(), name="enterprise-summary"),
    path("readiness/", readiness.ReadinessListView.as_view(), name="readiness-list"),
    path("readiness/<int:pk>/", readiness.ReadinessDetailView.as_view(), name="readiness-detail"),
    path("labels/", labels.LabelRunListView.as_view(), name="label-run-list"),
    path("labels/new/", labels.LabelRunCreateView.as_view(), name="label-run-create"),
    path("labels/<int:pk>/", labels.LabelRunDetailView.as_view(), name="label-run-detail"),
    path("labels/<int:pk>/sheet.pdf", labels.LabelSheetView.as_view(), name="label-run-sheet"),
    path("labels/<int:pk>/revoke/", labels.LabelRunRevokeView.as_view(), name="label-run-revoke"),
    path("labels/find/", labels.LabelListView.as_view(), name="label-list"),
    path("labels/code/<int:pk>/revoke/", labels.LabelRevokeView.as_view(), name="label-revoke"),
    path("labels/checks/", labels.LabelChecksView.as_view(), name="label-checks"),
]
