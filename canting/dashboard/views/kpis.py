"""Placeholder pages, replaced by the real views."""

from canting.turnover.views._stub import Stub


class DashboardView(Stub):
    pass


class DrillDownView(Stub):
    pass


class WorkbookView(Stub):
    pass


class PdfReportView(Stub):
    pass
