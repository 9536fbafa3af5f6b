from django.urls import path

from canting.registry.views import applications, centres, enterprises, facilitations, imports, people

app_name = "registry"
urlpatterns = [
    path("centres/", centres.CentreListView.as_view(), name="centre-list"),
    path("centres/new/", centres.CentreCreateView.as_view(), name="centre-create"),
    path("centres/<int:pk>/edit/", centres.CentreUpdateView.as_view(), name="centre-edit"),
    path("enterprises/", enterprises.EnterpriseListView.as_view(), name="enterprise-list"),
    path("enterprises/options/", enterprises.enterprise_options_view, name="enterprise-options"),
    path("enterprises/new/", enterprises.EnterpriseCreateView.as_view(), name="enterprise-create"),
    path("enterprises/mine/", enterprises.MyEnterpriseView.as_view(), name="my-enterprise"),
    path("enterprises/<int:pk>/", enterprises.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    path("enterprises/<int:pk>/edit/", enterprises.EnterpriseUpdateView.as_view(), name="enterprise-edit"),
    path("enterprises/<int:pk>/people/new/", people.MemberCreateView.as_view(), name="member-create"),
    path(
        "enterprises/<int:pk>/facilitations/new/",
        facilitations.FacilitationCreateView.as_view(),
        name="facilitation-create",
    ),
    path("memberships/<int:pk>/remove/", people.MembershipRemoveView.as_view(), name="membership-remove"),
    path("facilitations/<int:pk>/edit/", facilitations.FacilitationUpdateView.as_view(), name="facilitation-edit"),
    path(
        "facilitations/<int:pk>/evidence/", facilitations.EvidenceDownloadView.as_view(), name="facilitation-evidence"
    ),
    path("people/", people.PersonListView.as_view(), name="person-list"),
    path("people/options/", people.person_options_view, name="person-options"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person-edit"),
    path("people/<int:pk>/data.json", people.PersonDataExportView.as_view(), name="person-data"),
    path("people/<int:pk>/erase/", people.PersonEraseView.as_view(), name="person-erase"),
    path("register/", applications.RegisterView.as_view(), name="register"),
    path("register/<str:token>/", applications.RegisterStatusView.as_view(), name="register-status"),
    path("review/", applications.ApplicationListView.as_view(), name="application-list"),
    path("review/<int:pk>/", applications.ApplicationDetailView.as_view(), name="application-detail"),
    path(
        "review/<int:pk>/approve/",
        applications.ApplicationDecideView.as_view(),
        {"decision": "approve"},
        name="application-approve",
    ),
    path(
        "review/<int:pk>/reject/",
        applications.ApplicationDecideView.as_view(),
        {"decision": "reject"},
        name="application-reject",
    ),
    path("import/", imports.ImportUploadView.as_view(), name="import-upload"),
    path("import/template.xlsx", imports.ImportTemplateView.as_view(), name="import-template"),
    path("import/<int:pk>/", imports.ImportPreviewView.as_view(), name="import-preview"),
    path("import/<int:pk>/status/", imports.ImportStatusView.as_view(), name="import-status"),
]
