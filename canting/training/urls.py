"""Training's working pages, under /training/."""

from django.urls import path

from canting.training.views import attendance, certificates, competency, enrolments, programmes, reports

app_name = "training"
urlpatterns = [
    path("", programmes.ProgrammeListView.as_view(), name="programme-list"),
    path("programmes/new/", programmes.ProgrammeCreateView.as_view(), name="programme-create"),
    path("programmes/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme-detail"),
    path("programmes/<int:pk>/edit/", programmes.ProgrammeUpdateView.as_view(), name="programme-edit"),
    path("programmes/<int:pk>/sessions/new/", programmes.SessionCreateView.as_view(), name="session-create"),
    path("sessions/<int:pk>/", programmes.SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<int:pk>/edit/", programmes.SessionUpdateView.as_view(), name="session-edit"),
    path("sessions/<int:pk>/invite/", enrolments.InviteView.as_view(), name="session-invite"),
    path("sessions/<int:pk>/apply/", enrolments.ApplyView.as_view(), name="session-apply"),
    path("enrolments/<int:pk>/accept/", enrolments.AcceptView.as_view(), name="enrolment-accept"),
    path("enrolments/<int:pk>/cancel/", enrolments.CancelView.as_view(), name="enrolment-cancel"),
    path("mine/", enrolments.MyTrainingsView.as_view(), name="my-trainings"),
    path("people/<int:pk>/", enrolments.PersonHistoryView.as_view(), name="person-history"),
    path("enterprises/<int:pk>/", enrolments.EnterpriseHistoryView.as_view(), name="enterprise-history"),
    path("sessions/<int:pk>/attendance/", attendance.AttendanceView.as_view(), name="session-attendance"),
    path("sessions/<int:pk>/attendance/mark/", attendance.MarkView.as_view(), name="attendance-mark"),
    path("sessions/<int:pk>/attendance.pdf", attendance.SheetPdfView.as_view(), name="attendance-sheet"),
    path("sessions/<int:pk>/door-codes.pdf", attendance.DoorCodesPdfView.as_view(), name="door-codes"),
    path("door/<str:code>/", attendance.DoorView.as_view(), name="door-checkin"),
    path("sessions/<int:pk>/assessments/", attendance.AssessmentView.as_view(), name="session-assessments"),
    path("assessments/<int:pk>/evidence/", attendance.AssessmentEvidenceView.as_view(), name="assessment-evidence"),
    path("sessions/<int:pk>/report/", reports.SessionReportView.as_view(), name="session-report"),
    path("sessions/<int:pk>/report.pdf", reports.SessionReportPdfView.as_view(), name="session-report-pdf"),
    path("sessions/<int:pk>/certificates/", certificates.IssueView.as_view(), name="session-certificates"),
    path("certificates/", certificates.CertificateListView.as_view(), name="certificate-list"),
    path("certificates/new/", certificates.CertificateCreateView.as_view(), name="certificate-create"),
    path("certificates/<int:pk>/", certificates.CertificateDetailView.as_view(), name="certificate-detail"),
    path("certificates/<int:pk>/pdf/", certificates.CertificatePdfView.as_view(), name="certificate-pdf"),
    path("certificates/<int:pk>/scan/", certificates.CertificateScanView.as_view(), name="certificate-scan"),
    path("certificates/<int:pk>/revoke/", certificates.RevokeView.as_view(), name="certificate-revoke"),
    path("units/", competency.UnitListView.as_view(), name="unit-list"),
    path("units/new/", competency.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", competency.UnitUpdateView.as_view(), name="unit-edit"),
    path("schemes/", competency.SchemeListView.as_view(), name="scheme-list"),
    path("schemes/new/", competency.SchemeCreateView.as_view(), name="scheme-create"),
    path("schemes/<int:pk>/", competency.SchemeUpdateView.as_view(), name="scheme-edit"),
]
