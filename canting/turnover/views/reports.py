"""Placeholder pages, replaced by the real views."""

from canting.turnover.views._stub import Stub


class ReportListView(Stub):
    pass


class MyReportsView(Stub):
    pass


class LateListView(Stub):
    pass


class BulkAcceptView(Stub):
    pass


class ReportCreateView(Stub):
    pass


class ReportDetailView(Stub):
    pass


class ReportUpdateView(Stub):
    pass


class SubmitView(Stub):
    pass


class ReturnView(Stub):
    pass


class AcceptView(Stub):
    pass
