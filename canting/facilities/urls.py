"""The centre's facilities, bookings and usage, under /facilities/."""

from django.urls import path

from canting.facilities.views import bookings, calendars, facilities, reports

app_name = "facilities"
urlpatterns = [
    # Facilities and their rules
    path("", facilities.FacilityListView.as_view(), name="facility-list"),
    path("new/", facilities.FacilityCreateView.as_view(), name="facility-create"),
    path("<int:pk>/", facilities.FacilityDetailView.as_view(), name="facility-detail"),
    path("<int:pk>/edit/", facilities.FacilityUpdateView.as_view(), name="facility-edit"),
    path("<int:pk>/quotas/", facilities.QuotaView.as_view(), name="facility-quotas"),
    path("closed-days/", facilities.ClosedDayView.as_view(), name="closed-days"),
    # Calendars
    path("calendar/", calendars.CentreCalendarView.as_view(), name="centre-calendar"),
    path("<int:pk>/calendar/", calendars.FacilityCalendarView.as_view(), name="facility-calendar"),
    path("feed/", calendars.FeedLinkView.as_view(), name="my-feed"),
    path("feeds/<str:token>.ics", calendars.CalendarFeedView.as_view(), name="ical-feed"),
    # Bookings
    path("bookings/", bookings.BookingListView.as_view(), name="booking-list"),
    path("bookings/new/", bookings.BookingCreateView.as_view(), name="booking-create"),
    path("bookings/<int:pk>/", bookings.BookingDetailView.as_view(), name="booking-detail"),
    path("bookings/<int:pk>/approve/", bookings.ApproveView.as_view(), name="booking-approve"),
    path("bookings/<int:pk>/reject/", bookings.RejectView.as_view(), name="booking-reject"),
    path("bookings/<int:pk>/cancel/", bookings.CancelView.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/usage/", bookings.UsageView.as_view(), name="booking-usage"),
    # Reports
    path("reports/utilisation/", reports.UtilisationReportView.as_view(), name="utilisation-report"),
    path("reports/enterprises/", reports.EnterpriseReportView.as_view(), name="enterprise-report"),
    path("reports/production/", reports.ProductionReportView.as_view(), name="production-report"),
]
