"""The staff dashboard, under /dashboard/."""

from django.urls import path

from canting.dashboard.views import kpis

app_name = "dashboard"
urlpatterns = [
    path("", kpis.DashboardView.as_view(), name="home"),
    path("drill/<slug:kpi>/", kpis.DrillDownView.as_view(), name="drill"),
    path("dashboard.xlsx", kpis.WorkbookView.as_view(), name="export-xlsx"),
    path("dashboard.pdf", kpis.PdfReportView.as_view(), name="export-pdf"),
]
