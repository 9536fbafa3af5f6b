"""Turnover's working pages, under /turnover/."""

from django.urls import path

from canting.turnover.views import classes, readiness, reports

app_name = "turnover"
urlpatterns = [
    # Monthly reports
    path("", reports.ReportListView.as_view(), name="report-list"),
    path("mine/", reports.MyReportsView.as_view(), name="my-reports"),
    path("late/", reports.LateListView.as_view(), name="late-list"),
    path("accept/", reports.BulkAcceptView.as_view(), name="report-bulk-accept"),
    path("enterprises/<int:pk>/new/", reports.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", reports.ReportUpdateView.as_view(), name="report-edit"),
    path("reports/<int:pk>/submit/", reports.SubmitView.as_view(), name="report-submit"),
    path("reports/<int:pk>/return/", reports.ReturnView.as_view(), name="report-return"),
    path("reports/<int:pk>/accept/", reports.AcceptView.as_view(), name="report-accept"),
    # Business class
    path("classes/", classes.SchemeListView.as_view(), name="scheme-list"),
    path("classes/<int:pk>/", classes.SchemeDetailView.as_view(), name="scheme-detail"),
    path("enterprises/<int:pk>/class/", classes.EnterpriseClassView.as_view(), name="enterprise-class"),
    # Readiness and graduation
    path("readiness/", readiness.ReadinessListView.as_view(), name="readiness-list"),
    path("criteria/", readiness.CriterionListView.as_view(), name="criterion-list"),
    path("criteria/<int:pk>/edit/", readiness.CriterionUpdateView.as_view(), name="criterion-edit"),
    path("enterprises/<int:pk>/readiness/", readiness.EnterpriseReadinessView.as_view(), name="enterprise-readiness"),
    path("enterprises/<int:pk>/graduate/", readiness.GraduateView.as_view(), name="enterprise-graduate"),
    path("graduations/", readiness.GraduationListView.as_view(), name="graduation-list"),
    path("graduations/<int:pk>/", readiness.GraduationDetailView.as_view(), name="graduation-detail"),
]
