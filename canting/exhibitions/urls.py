"""Exhibitions' working pages, under /exhibitions/."""

from django.urls import path

from canting.exhibitions.views import exhibitions, exhibitors, leads, reports, sales

app_name = "exhibitions"
urlpatterns = [
    # Exhibitions, booths and exhibitors
    path("", exhibitions.ExhibitionListView.as_view(), name="exhibition-list"),
    path("new/", exhibitions.ExhibitionCreateView.as_view(), name="exhibition-create"),
    path("<int:pk>/", exhibitions.ExhibitionDetailView.as_view(), name="exhibition-detail"),
    path("<int:pk>/edit/", exhibitions.ExhibitionUpdateView.as_view(), name="exhibition-edit"),
    path("<int:pk>/booths/", exhibitions.BoothView.as_view(), name="booths"),
    path("<int:pk>/apply/", exhibitors.ApplyView.as_view(), name="apply"),
    path("<int:pk>/invite/", exhibitors.InviteView.as_view(), name="invite"),
    path("<int:pk>/applicants/", exhibitors.ApplicantsView.as_view(), name="applicants"),
    path("exhibitors/<int:pk>/decide/", exhibitors.DecideView.as_view(), name="exhibitor-decide"),
    path("exhibitors/<int:pk>/assign/", exhibitors.AssignView.as_view(), name="exhibitor-assign"),
    path("mine/", exhibitors.MyExhibitionsView.as_view(), name="my-exhibitions"),
    path("enterprises/<int:pk>/", exhibitors.EnterpriseHistoryView.as_view(), name="enterprise-history"),
    # Daily sales and visitors
    path("exhibitors/<int:pk>/sales/", sales.SalesView.as_view(), name="sales"),
    path("sales/<int:pk>/edit/", sales.SaleUpdateView.as_view(), name="sale-edit"),
    path("sales/<int:pk>/delete/", sales.SaleDeleteView.as_view(), name="sale-delete"),
    path("<int:pk>/visitors/", sales.VisitorsView.as_view(), name="visitors"),
    # Buyer leads
    path("<int:pk>/leads/", leads.LeadListView.as_view(), name="lead-list"),
    path("<int:pk>/leads/new/", leads.LeadCreateView.as_view(), name="lead-create"),
    path("leads/<int:pk>/", leads.LeadDetailView.as_view(), name="lead-detail"),
    # Reports
    path("<int:pk>/report/", reports.ReportView.as_view(), name="report"),
    path("<int:pk>/report.pdf", reports.ReportPdfView.as_view(), name="report-pdf"),
]
